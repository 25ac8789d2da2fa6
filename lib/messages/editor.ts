import * as z from 'zod/mini';
import { message } from './protocol';

// The structured map editor's messages (issue 19). Its draft lives in the options page's own
// IndexedDB (lib/db/pack-drafts.ts); only what needs a CRM connection goes to the background.

export const CrmFieldListing = z.object({
  crm: z.enum(['hubspot', 'salesforce']),
  /** Every account field the connected user can read: HubSpot company properties, Salesforce Account describe. */
  fields: z.array(z.object({ name: z.string(), label: z.string(), type: z.string() })),
});
export type CrmFieldListing = z.infer<typeof CrmFieldListing>;

export const editorMessages = {
  /** The live field list of a connected CRM, for picking a signal's source. Fails naming the CRM when it is not connected. */
  'editor.crmFields': message(z.object({ crm: z.enum(['hubspot', 'salesforce']) }), CrmFieldListing),
};
