import * as z from 'zod/mini';
import { ErrorInfo } from './envelope';
import { EvaluationSchema } from './evaluation';
import { Iso, message, NoteView } from './protocol';

// Messages of the options page: connections and the CS Ops console.

const Empty = z.object({});
const PathError = z.object({ path: z.string(), message: z.string() });

export const HubspotStatus = z.object({
  connected: z.boolean(),
  portalId: z.optional(z.string()),
  connectedAt: z.optional(Iso),
  lastError: z.optional(ErrorInfo),
});
export const SalesforceStatus = z.object({
  connected: z.boolean(),
  mode: z.enum(['session', 'oauth']),
  myDomain: z.optional(z.string()),
  clientId: z.optional(z.string()),
  noteMode: z.enum(['ContentNote', 'Task']),
  connectedAt: z.optional(Iso),
  lastError: z.optional(ErrorInfo),
});
export const ConnectionsStatus = z.object({ hubspot: HubspotStatus, salesforce: SalesforceStatus });
export type ConnectionsStatus = z.infer<typeof ConnectionsStatus>;

export const PackSummary = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  signals: z.number(),
  scorecards: z.number(),
  levels: z.number(),
  playbookRules: z.number(),
  templates: z.number(),
  migratedFrom: z.optional(z.number()),
});
export const PackCheck = z.object({ ok: z.boolean(), errors: z.array(PathError), summary: z.optional(PackSummary) });
export type PackCheck = z.infer<typeof PackCheck>;

const SignalInput = z.record(
  z.string(),
  z.object({ value: z.nullable(z.union([z.number(), z.boolean(), z.string()])), observedAt: z.string() }),
);

export const NoteExport = z.extend(NoteView, {
  origin: z.object({ objectType: z.string(), recordId: z.string() }),
  deletedAt: z.optional(Iso),
});
export type NoteExport = z.infer<typeof NoteExport>;

export const OutboxStatus = z.object({
  pending: z.number(),
  failed: z.number(),
  needsAuth: z.number(),
  nextAttemptAt: z.optional(Iso),
  lastError: z.optional(z.string()),
});

export const Person = z.object({ id: z.string(), name: z.string(), email: z.optional(z.string()) });
export type Person = z.infer<typeof Person>;

/** Who the CSM is in each CRM, for the options page's "You" choice. */
export const PeopleStatus = z.object({
  hubspot: z.object({
    /** The owner the CSM picked. */
    me: z.optional(Person),
    /** The portal's active owners, by name (empty when not connected or the key lacks crm.objects.owners.read). */
    owners: z.array(Person),
    /** The owner whose e-mail is the one given (or the profile's), when exactly one is. */
    match: z.optional(z.string()),
    /** Why the owners could not be listed (a missing scope, named). */
    error: z.optional(ErrorInfo),
  }),
  salesforce: z.object({ me: z.optional(Person), error: z.optional(ErrorInfo) }),
});
export type PeopleStatus = z.infer<typeof PeopleStatus>;

export const optionsMessages = {
  /** The CSM per CRM: the HubSpot owners to pick from (matched by `email` when given), the signed-in Salesforce user. */
  'people.status': message(z.object({ email: z.optional(z.string().check(z.maxLength(200))) }), PeopleStatus),
  /** The CSM picks their HubSpot owner (null forgets the choice): the author HubSpot records on the notes Sidecar writes. */
  'hubspot.me.set': message(z.object({ ownerId: z.nullable(z.string().check(z.maxLength(40))) }), PeopleStatus),
  'connections.status': message(Empty, ConnectionsStatus),
  /** Tests the token before keeping it: answers with the portal, or fails naming what is wrong (bad token, missing scope). */
  'hubspot.connect': message(z.object({ token: z.string().check(z.minLength(10), z.maxLength(500)) }), HubspotStatus),
  'hubspot.disconnect': message(Empty, HubspotStatus),
  'salesforce.configure': message(
    z.object({
      mode: z.enum(['session', 'oauth']),
      myDomain: z.optional(z.string().check(z.maxLength(200))),
      clientId: z.optional(z.string().check(z.maxLength(300))),
      noteMode: z.enum(['ContentNote', 'Task']),
    }),
    SalesforceStatus,
  ),
  /** Session mode: checks the signed-in user's session. OAuth mode: runs the PKCE sign-in. */
  'salesforce.connect': message(Empty, SalesforceStatus),
  'salesforce.disconnect': message(Empty, SalesforceStatus),
  'pack.current': message(
    Empty,
    z.object({ json: z.string(), source: z.enum(['default', 'file', 'editor']), installedAt: z.optional(Iso), fileName: z.optional(z.string()), problem: z.optional(z.string()) }),
  ),
  'pack.check': message(z.object({ json: z.string().check(z.maxLength(5_000_000)) }), PackCheck),
  /** Installs only a valid pack; an invalid one changes nothing. The pack it replaces is kept for rollback. */
  'pack.install': message(
    z.object({ json: z.string().check(z.maxLength(5_000_000)), fileName: z.optional(z.string()), source: z.enum(['file', 'editor']) }),
    PackCheck,
  ),
  'pack.reset': message(Empty, Empty),
  /** Score hand-entered signals with the installed pack (or a draft one): how would this record be scored? */
  'pack.preview': message(z.object({ json: z.optional(z.string()), signals: SignalInput }), z.object({ evaluation: EvaluationSchema })),
  'notes.export': message(Empty, z.object({ exportedAt: Iso, notes: z.array(NoteExport) })),
  'notes.import': message(z.object({ notes: z.array(NoteExport) }), z.object({ added: z.number(), skipped: z.number() })),
  'outbox.status': message(Empty, OutboxStatus),
  'outbox.retry': message(Empty, OutboxStatus),
};
