import * as z from 'zod/mini';
import { isRecordRef } from '../crm/detect';

/** A record as a CRM record page names it: only CRM record hosts (`isRecordRef`), never any host string. */
export const RecordRefSchema = z
  .object({
    crm: z.enum(['hubspot', 'salesforce']),
    host: z.string().check(z.minLength(1), z.maxLength(253)),
    portalId: z.optional(z.string().check(z.regex(/^\d+$/))),
    objectType: z.enum(['company', 'contact', 'deal', 'account']),
    recordId: z.string().check(z.regex(/^[A-Za-z0-9]{1,32}$/)),
  })
  .check(z.refine((ref) => isRecordRef(ref), { message: 'not a record on a CRM record host', path: ['host'] }));

/** Sent by the content script to its own sidebar frame when the page shows another record. */
export const PageRecordEvent = z.object({
  channel: z.literal('sidecar'),
  type: z.literal('page.record'),
  token: z.string().check(z.minLength(8), z.maxLength(64)),
  ref: z.nullable(RecordRefSchema),
});
export type PageRecordEvent = z.infer<typeof PageRecordEvent>;

/**
 * The content script's answer to MOUNT_QUERY (mount.ts): the token in its frame's URL and the records that frame has
 * been shown since it was mounted (the current one last); null when it has no frame.
 */
export const MountReport = z.nullable(
  z.object({
    token: z.string().check(z.minLength(8), z.maxLength(64)),
    refs: z.array(RecordRefSchema).check(z.maxLength(64)),
  }),
);
export type MountReport = z.infer<typeof MountReport>;
