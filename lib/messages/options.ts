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

/** Where the pack in force came from (lib/db/schema.ts PackRow.source). */
export const PackSourceName = z.enum(['default', 'file', 'editor', 'policy', 'url']);

/** The team layer (issue 15): which source governs the pack, the role, what the policy says, the last check. */
export const TeamStatus = z.object({
  /** policy-inline > policy-url > user-url > local (a file or the editor, or the default). */
  governs: z.enum(['policy-inline', 'policy-url', 'user-url', 'local']),
  /** IT's policy sets the pack: the pack controls are locked. */
  managed: z.boolean(),
  /** The URL the pack is fetched from (the policy's or the user's), and its pinned hash. */
  url: z.optional(z.string()),
  sha256: z.optional(z.string()),
  /** The pack URL the user saved (kept, but not used while policy governs). */
  userUrl: z.optional(z.string()),
  role: z.enum(['csm', 'csops']),
  roleManaged: z.boolean(),
  /** Chromium has not yet answered the policy read (a slow browser start): the last policy seen governs meanwhile. */
  policyPending: z.boolean(),
  policy: z.object({
    present: z.boolean(),
    hubspotOwnerEmail: z.optional(z.string()),
    allowedHubspotPortals: z.optional(z.array(z.string())),
    allowedSalesforceOrgs: z.optional(z.array(z.string())),
    /** Values left out, each with its path and why, in the user's language. */
    problems: z.array(PathError),
  }),
  pack: z.object({ id: z.string(), name: z.string(), version: z.string(), source: PackSourceName, url: z.optional(z.string()), installedAt: z.optional(Iso) }),
  lastCheck: z.optional(
    z.object({
      at: Iso,
      ok: z.boolean(),
      lastSuccessAt: z.optional(Iso),
      /** What failed, in the user's language, and the pack's path-naming errors. */
      message: z.optional(z.string()),
      errors: z.array(PathError),
    }),
  ),
});
export type TeamStatus = z.infer<typeof TeamStatus>;

export const optionsMessages = {
  /** The team layer: the pack's source, role, policy and last check. */
  'team.status': message(Empty, TeamStatus),
  /** Save (or, with null, remove) the team's pack URL and check it at once; its origin's permission is asked for by the page first. */
  'team.url.set': message(z.object({ url: z.nullable(z.string().check(z.maxLength(2_000))) }), TeamStatus),
  'team.role.set': message(z.object({ role: z.enum(['csm', 'csops']) }), TeamStatus),
  /** Check the policy and the pack URL now (they are also checked at start and every 3 hours). */
  'team.check': message(Empty, TeamStatus),
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
    z.object({ json: z.string(), source: PackSourceName, installedAt: z.optional(Iso), fileName: z.optional(z.string()), problem: z.optional(z.string()) }),
  ),
  'pack.check': message(z.object({ json: z.string().check(z.maxLength(5_000_000)) }), PackCheck),
  /** Installs only a valid pack; an invalid one changes nothing. The pack it replaces is kept for rollback. */
  'pack.install': message(
    z.object({
      json: z.string().check(z.maxLength(5_000_000)),
      fileName: z.optional(z.string()),
      source: z.enum(['file', 'editor']),
      /** Why this version: kept with it, shown in the versions list (issue 18). */
      note: z.optional(z.string().check(z.maxLength(500))),
    }),
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
