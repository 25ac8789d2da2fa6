import * as z from 'zod/mini';
import { Iso, message } from './protocol';

// Messages of the options page's publishing (issue 16): CS Ops publishes imported values or the
// book's scores to the CRM, follows the job, and downloads the report. The background refuses them
// for anyone whose role is not CS Ops.

const Crm = z.enum(['hubspot', 'salesforce']);

export const PublishSummary = z.object({
  id: z.string(),
  crm: Crm,
  /** signals: the imported CSV values; scores: score, band, level, next action, pack and "as of". */
  kind: z.enum(['signals', 'scores']),
  /** running (or interrupted: it resumes at the next start), done, stopped (why is in `stop`). */
  status: z.enum(['running', 'done', 'stopped']),
  pack: z.object({ id: z.string(), version: z.string() }),
  /** Accounts in the book; records to write; sent, skipped (already there), refused, and left. */
  accounts: z.number(),
  total: z.number(),
  sent: z.number(),
  skipped: z.number(),
  failed: z.number(),
  left: z.number(),
  /** Accounts whose results a newer version of the pack wrote, left alone. */
  newerPack: z.number(),
  batches: z.number(),
  nextBatch: z.number(),
  /** Write requests (and re-checks) sent so far. */
  requests: z.number(),
  /** The lowest share of HubSpot's ten-second window left to the sidebars after an answer (0–1). */
  windowLeftMin: z.optional(z.number()),
  startedAt: Iso,
  updatedAt: Iso,
  finishedAt: z.optional(Iso),
  /** Why it stopped, in the user's language, with its catalogue key. */
  stop: z.optional(z.object({ code: z.string(), message: z.string() })),
  /** Who published (the CRM e-mail, else the profile's), as the records' stamp says. */
  by: z.optional(z.string()),
  /** Whether each record written carries the publication stamp; false: the CRM has no field for it (run the CRM check). */
  recorded: z.optional(z.boolean()),
});
export type PublishSummary = z.infer<typeof PublishSummary>;

/** The daily publication in this browser, for one CRM (lib/background/publish-schedule.ts). */
export const ScheduleView = z.object({
  crm: Crm,
  /** off (with why), due (runs at the next check), waiting (until nextAt). */
  state: z.enum(['off', 'due', 'waiting']),
  reason: z.optional(z.enum(['no-publisher', 'not-csops', 'other-browser', 'not-connected', 'needs-oauth'])),
  nextAt: z.optional(Iso),
  lastRunAt: z.optional(Iso),
  lastSuccessAt: z.optional(Iso),
  /** Why the last run failed, in the words it failed with. */
  lastError: z.optional(z.string()),
});
export type ScheduleView = z.infer<typeof ScheduleView>;

export const PublishStatus = z.object({ job: z.nullable(PublishSummary), schedule: z.optional(z.array(ScheduleView)) });

export const PublishReport = z.object({
  job: PublishSummary,
  /** Each refused record (at most 5,000), its reason in the user's language and the CRM's own code. */
  failures: z.array(
    z.object({ id: z.string(), name: z.nullable(z.string()), code: z.string(), crmCode: z.optional(z.string()), message: z.string(), fields: z.optional(z.array(z.string())) }),
  ),
  /** The refusals as a CSV for Excel: UTF-8 with a BOM, formulas defused. */
  csv: z.string(),
});
export type PublishReport = z.infer<typeof PublishReport>;

// The CRM setup (issue 16, item 5): per field the pack publishes, what the connected CRM has.
const SetupRow = z.object({
  key: z.string(),
  name: z.string(),
  label: z.object({ en: z.string(), ja: z.string() }),
  want: z.enum(['number', 'string', 'datetime']),
  /** ok; missing; wrong-type (named, never changed); read-only or hidden: the connected user has no access. */
  status: z.enum(['ok', 'missing', 'wrong-type', 'read-only', 'hidden']),
  crmType: z.optional(z.string()),
});
export type SetupRow = z.infer<typeof SetupRow>;

export const PublishSetup = z.object({
  crm: Crm,
  rows: z.array(SetupRow),
  summary: z.object({ ok: z.number(), missing: z.number(), wrongType: z.number(), noAccess: z.number(), ready: z.boolean() }),
  /** HubSpot: the scope creating properties needs (a super admin adds it to the key). */
  scope: z.optional(z.string()),
  /** Salesforce: false when the user may not list the org's fields, so "missing" may also mean "hidden from you". */
  hiddenKnown: z.boolean(),
});
export type PublishSetup = z.infer<typeof PublishSetup>;

export const PublishSetupApplied = z.object({
  created: z.array(z.string()),
  existed: z.array(z.string()),
  failed: z.array(z.object({ name: z.string(), crmCode: z.string(), message: z.string() })),
  /** Salesforce: the permission sets created, field permissions added, and whether the publisher's set is assigned. */
  access: z.optional(z.object({ createdSets: z.array(z.string()), fieldPermissions: z.number(), assigned: z.boolean() })),
  check: PublishSetup,
});
export type PublishSetupApplied = z.infer<typeof PublishSetupApplied>;

export const publishMessages = {
  /** CS Ops only: what the pack and the write-back need and what the connected CRM has, per field. */
  'publish.setupCheck': message(z.object({ crm: Crm }), PublishSetup),
  /** CS Ops only: create the missing fields (never change one of the wrong type); Salesforce: grant them by permission sets. */
  'publish.setupApply': message(z.object({ crm: Crm }), PublishSetupApplied),
  /** CS Ops only: the Salesforce metadata package (zip, base64) for an admin to deploy where the user may not create fields. */
  'publish.setupPackage': message(z.object({}), z.object({ fileName: z.string(), base64: z.string(), fields: z.array(z.string()) })),
  /** CS Ops only: read the book, plan, and start publishing; answers once the plan is stored (the job goes on in the background). */
  'publish.start': message(z.object({ crm: Crm, kind: z.enum(['signals', 'scores']) }), PublishSummary),
  /** The latest publication (to one CRM, or to either), for the progress bar. */
  'publish.status': message(z.object({ crm: z.optional(Crm) }), PublishStatus),
  /** A publication's report (the latest when no id): counts, refused records and the CSV. */
  'publish.report': message(z.object({ jobId: z.optional(z.string().check(z.maxLength(100))) }), PublishReport),
};
