import * as z from 'zod/mini';
import { ErrorInfo } from './envelope';
import { EvaluationSchema, HealthSchema, LocalText } from './evaluation';
import { RecordRefSchema } from './record';

/**
 * The one message protocol between the UI (sidebar, options) and the
 * background. Each entry names a request and the response it promises; both
 * sides validate with these schemas, so nothing unchecked crosses.
 */
export function message<Req extends z.ZodMiniType, Res extends z.ZodMiniType>(request: Req, response: Res) {
  return { request, response };
}

export const Iso = z.iso.datetime({ offset: true });
const Num = z.number();
const Empty = z.object({});
const AccountKey = z.string().check(z.minLength(3), z.maxLength(200));
export const LocaleSchema = z.enum(['ja', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const AccountSummary = z.object({
  key: z.string(),
  name: z.optional(z.string()),
  domain: z.optional(z.string()),
  owner: z.optional(z.string()),
  /** The owner's name could not be read: the CRM key lacks this scope (HubSpot crm.objects.owners.read). */
  ownerUnavailable: z.optional(z.object({ scope: z.string() })),
  lifecycleStage: z.optional(z.string()),
  firstSeenAt: Iso,
  lastSeenAt: Iso,
  previousSeenAt: z.optional(Iso),
  fetchedAt: z.optional(Iso),
  sample: z.optional(z.boolean()),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const SourceName = z.enum(['hubspot', 'salesforce', 'csv', 'note', 'sample']);

export const SyncView = z.object({
  /** idle: nothing to fetch from; fresh: fetched now; cached: from IndexedDB only; error: the last fetch failed. */
  status: z.enum(['not-connected', 'fresh', 'cached', 'error']),
  error: z.optional(ErrorInfo),
  fetchedAt: z.optional(Iso),
});

const MergeValue = z.union([z.string(), z.number()]);
/** Merge-field values, nested as the fields are named: { company: { name }, csm: { name }, … }. */
export const MergeContext = z.record(z.string(), z.record(z.string(), MergeValue));

/** One of the account's contacts, from the CRM, for templates. */
export const ContactView = z.object({
  id: z.string(),
  firstName: z.optional(z.string()),
  lastName: z.optional(z.string()),
  email: z.optional(z.string()),
  title: z.optional(z.string()),
  primary: z.boolean(),
  lastEngagedAt: z.optional(z.string()),
});
export type ContactView = z.infer<typeof ContactView>;

export const TrendPoint = z.object({ day: z.string(), score: z.nullable(Num), band: z.nullable(z.string()) });

/** Who rated: one per rater behind a rating signal's value (lib/team/ratings.ts). */
export const RaterView = z.object({ name: z.optional(z.string()), own: z.boolean(), value: Num, at: Iso, stale: z.boolean() });
/** The team's rating behind one rating signal's value. */
export const TeamRatingView = z.object({
  value: Num,
  mode: z.enum(['latest', 'mean']),
  days: z.optional(z.number()),
  outsideWindow: z.optional(z.boolean()),
  raters: z.array(RaterView),
});
export type TeamRatingView = z.infer<typeof TeamRatingView>;

/** The result CS Ops published to the CRM for this account (issue 16), shown when it differs from the live one. */
export const PublishedView = z.object({
  score: Num,
  band: z.nullable(z.string()),
  level: z.nullable(z.number()),
  packId: z.nullable(z.string()),
  packVersion: z.nullable(z.string()),
  asOf: Iso,
  /** It differs from the live score in value or pack version. */
  differs: z.boolean(),
  /** Published more than 48 hours ago. */
  stale: z.boolean(),
});
export type PublishedView = z.infer<typeof PublishedView>;

export const RecordView = z.object({
  ref: RecordRefSchema,
  account: AccountSummary,
  /** A contact or deal page shows its company: which record the page itself shows. */
  via: z.optional(z.object({ objectType: z.string(), recordId: z.string() })),
  evaluation: z.nullable(EvaluationSchema),
  /** 90 days of daily snapshots, oldest first. */
  trend: z.array(TrendPoint),
  sources: z.array(SourceName),
  /** The newest input behind the evaluation. */
  asOf: z.optional(Iso),
  sync: SyncView,
  merge: MergeContext,
  sample: z.boolean(),
  /** The account's contacts, primary first then the most recently engaged (empty until read from the CRM). */
  contacts: z.optional(z.array(ContactView)),
  /** The contact the CSM picked for this account's templates. */
  contactId: z.optional(z.string()),
  /** Per rating signal: whose ratings make its value, and when (the team's notes). */
  ratings: z.optional(z.record(z.string(), TeamRatingView)),
  /** What the CRM's published fields say (CS Ops's last "score the book"), when there is a published result. */
  published: z.optional(PublishedView),
});
export type RecordView = z.infer<typeof RecordView>;

export const PackView = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  /** Where the pack came from: the header's team badge says "policy" or "URL" (lib/background/team.ts). */
  source: z.optional(z.enum(['default', 'file', 'editor', 'policy', 'url'])),
  defaultLocale: LocaleSchema,
  bands: z.array(z.object({ id: z.string(), label: LocalText, min: Num, color: z.optional(z.string()) })),
  levels: z.array(
    z.object({
      level: Num,
      id: z.string(),
      label: LocalText,
      description: z.optional(LocalText),
      criteria: z.array(z.object({ id: z.string(), label: LocalText })),
    }),
  ),
  stages: z.array(z.object({ id: z.string(), label: LocalText })),
  touchModels: z.array(z.object({ id: z.string(), label: LocalText })),
  segments: z.array(z.object({ id: z.string(), label: LocalText })),
  roles: z.array(z.object({ id: z.string(), label: LocalText })),
  signals: z.array(z.object({ id: z.string(), type: z.string(), label: LocalText, unit: z.optional(LocalText) })),
  ratings: z.array(
    z.object({
      id: z.string(),
      label: LocalText,
      description: z.optional(LocalText),
      points: z.array(z.object({ value: Num, label: LocalText })),
      freshnessDays: z.optional(Num),
    }),
  ),
  templates: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['email', 'call', 'chat']),
      title: LocalText,
      subject: z.optional(LocalText),
      body: LocalText,
    }),
  ),
});
export type PackView = z.infer<typeof PackView>;

export const Touchpoint = z.enum(['meeting', 'call', 'email', 'event', 'other']);
export const Ratings = z.record(z.string(), z.number().check(z.int(), z.gte(1), z.lte(5)));
const NoteText = z.string().check(z.maxLength(20_000));

export const NoteView = z.object({
  id: z.string(),
  accountKey: z.string(),
  text: z.string(),
  ratings: z.record(z.string(), Num),
  touchpoint: Touchpoint,
  /** Who wrote it, as the CRM records it (HubSpot owner, Salesforce creating user). */
  author: z.optional(z.string()),
  authorId: z.optional(z.string()),
  createdAt: Iso,
  updatedAt: Iso,
  status: z.enum(['pending', 'syncing', 'synced', 'failed', 'needs-auth', 'local-only']),
  error: z.optional(z.string()),
  fromCrm: z.optional(z.boolean()),
  /** The CRM holds more than `text` (a Salesforce ContentNote preview stops at 255 characters). */
  cut: z.optional(z.boolean()),
  /** A teammate's note whose Sidecar block was changed by hand in the CRM: its ratings do not count. */
  editedInCrm: z.optional(z.boolean()),
  remoteId: z.optional(z.string()),
});
export type NoteView = z.infer<typeof NoteView>;

export const DraftView = z.object({ text: NoteText, ratings: Ratings, touchpoint: Touchpoint, updatedAt: Iso });
export type DraftView = z.infer<typeof DraftView>;

export const Settings = z.object({
  /** 'auto' follows the browser's language. */
  locale: z.enum(['auto', 'ja', 'en']),
  csmName: z.optional(z.string().check(z.maxLength(200))),
  csmEmail: z.optional(z.string().check(z.maxLength(200))),
  companyName: z.optional(z.string().check(z.maxLength(200))),
  productName: z.optional(z.string().check(z.maxLength(200))),
});
export type Settings = z.infer<typeof Settings>;

const Origin = z.object({ objectType: z.string(), recordId: z.string() });

export const sidebarMessages = {
  /**
   * The frame's first request, before any other: the background checks that the content
   * script of the frame's own tab mounted this very frame, for this record (lib/background/frame-gate.ts).
   */
  'frame.confirm': message(z.object({ ref: RecordRefSchema }), Empty),
  /** The sidebar opened a record: note the visit, answer from the cache at once. */
  'record.open': message(z.object({ ref: RecordRefSchema }), RecordView),
  /** Fetch fresh data from the CRM and re-evaluate. A CRM error comes back in sync.error, beside the cached view. */
  'record.refresh': message(z.object({ ref: RecordRefSchema }), RecordView),
  'pack.view': message(Empty, PackView),
  'notes.list': message(z.object({ accountKey: AccountKey }), z.object({ notes: z.array(NoteView) })),
  /** Saved to IndexedDB with its outbox entry before this answers. */
  'note.save': message(
    z.object({
      accountKey: AccountKey,
      origin: Origin,
      id: z.optional(z.string()),
      text: NoteText,
      ratings: Ratings,
      touchpoint: Touchpoint,
    }),
    NoteView,
  ),
  'note.delete': message(z.object({ id: z.string(), alsoInCrm: z.boolean() }), Empty),
  'draft.get': message(z.object({ accountKey: AccountKey }), z.object({ draft: z.nullable(DraftView) })),
  'draft.save': message(z.object({ accountKey: AccountKey, draft: z.nullable(DraftView) }), Empty),
  'override.set': message(
    z.object({ accountKey: AccountKey, band: z.string(), reason: z.string().check(z.minLength(1), z.maxLength(1000)), expiresAt: Iso }),
    z.object({ health: HealthSchema }),
  ),
  'override.clear': message(z.object({ accountKey: AccountKey }), Empty),
  'template.copied': message(
    z.object({ accountKey: AccountKey, templateId: z.string(), missing: z.array(z.string()) }),
    z.object({ copies: Num }),
  ),
  /** The contact this account's templates greet; null goes back to the first (primary, else most recently engaged). */
  'contact.choose': message(z.object({ accountKey: AccountKey, contactId: z.nullable(z.string().check(z.maxLength(40))) }), Empty),
  'settings.get': message(Empty, Settings),
  'settings.set': message(Settings, Settings),
};
