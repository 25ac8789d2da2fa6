import { z } from 'zod';
import { BookSchema } from './book.ts';

// The pack boundary. Everything here is zod; the evaluation path works on the parsed, typed pack only.
// Objects are strict so that a misspelt key is reported instead of silently ignored. A check's
// message is a key of lib/engine/pack-errors.ts (its words are in the error catalogue).

export const CURRENT_SCHEMA_VERSION = 2;
export const LOCALES = ['ja', 'en'] as const;
export const RESERVED_BAND_UNKNOWN = 'unknown';

const Id = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'pack.id-format');

export const LocaleSchema = z.enum(LOCALES);

export const LocalizedSchema = z
  .strictObject({ ja: z.string().min(1).optional(), en: z.string().min(1).optional() })
  .refine((v) => v.ja !== undefined || v.en !== undefined, { message: 'pack.text-locale' });

const Score = z.number().min(0).max(100);

export const SourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('crm'), hubspot: z.string().min(1).optional(), salesforce: z.string().min(1).optional() }),
  z.strictObject({ kind: z.literal('csv'), column: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('rating'),
    scale: z.literal(5),
    /** How the team's ratings combine (lib/team/ratings.ts): the latest from anyone (default), or the mean of each rater's latest in the last N days. */
    combine: z
      .discriminatedUnion('kind', [z.strictObject({ kind: z.literal('latest') }), z.strictObject({ kind: z.literal('mean'), days: z.number().int().min(1).max(365) })])
      .optional(),
  }),
  z.strictObject({ kind: z.literal('association'), association: z.enum(['openTickets', 'contacts', 'openCases']) }),
  z.strictObject({ kind: z.literal('computed'), fn: z.enum(['daysSince', 'daysUntil']), from: Id }),
]);

export const SignalSchema = z.strictObject({
  id: Id,
  type: z.enum(['number', 'rating', 'boolean', 'date']),
  higherIsBetter: z.boolean(),
  category: z.enum(['quantitative', 'qualitative']).optional(),
  source: SourceSchema,
  unit: LocalizedSchema.optional(),
  label: LocalizedSchema,
  description: LocalizedSchema.optional(),
  /** A value observed longer ago than this is reported as stale. */
  freshnessDays: z.number().int().positive().optional(),
  /** Rating signals: one label per point, 1…5. */
  points: z.array(z.strictObject({ value: z.number().int(), label: LocalizedSchema })).optional(),
  /** Plain-word qualifiers for explanations, e.g. NPS 9–10 → "promoter". */
  qualifiers: z
    .array(z.strictObject({ min: z.number().optional(), max: z.number().optional(), label: LocalizedSchema }))
    .optional(),
});

export const ConditionSchema = z.strictObject({
  signal: Id,
  op: z.enum(['>=', '>', '<=', '<', '==', '!=', 'present', 'missing']),
  value: z.union([z.number(), z.boolean()]).optional(),
});

export const ScoringSchema = z.discriminatedUnion('kind', [
  // Piecewise linear through the points, flat outside them.
  z.strictObject({ kind: z.literal('ranges'), points: z.array(z.strictObject({ value: z.number(), score: Score })).min(2) }),
  // Step function: the score of the highest step whose `atLeast` the value reaches, else `otherwise`.
  z.strictObject({
    kind: z.literal('thresholds'),
    steps: z.array(z.strictObject({ atLeast: z.number(), score: Score })).min(1),
    otherwise: Score,
  }),
  z.strictObject({ kind: z.literal('boolean'), whenTrue: Score, whenFalse: Score }),
]);

export const MeasureSchema = z.strictObject({
  signal: Id,
  weight: z.number().min(0),
  critical: z.boolean().optional(),
  scoring: ScoringSchema,
});

export const BandRuleSchema = z.strictObject({
  id: Id,
  /** Fires when at least `count` measures (critical ones only, if `criticalOnly`) sit in `band` or worse. */
  when: z.strictObject({ band: Id, criticalOnly: z.boolean(), count: z.number().int().min(1) }),
  then: z.strictObject({ capBand: Id }),
  reason: LocalizedSchema,
});

export const ScorecardSchema = z.strictObject({
  id: Id,
  label: LocalizedSchema,
  segments: z.array(Id).min(1),
  /** Share of total weight that must have values, else the score is "insufficient data". */
  minCoverage: z.number().min(0).max(1),
  /** Sub-score counted as neither helping nor hurting, for drivers. */
  neutral: z.number().min(0).max(100).optional(),
  bandCutoffs: z.record(z.string(), z.number().min(0).max(100)).optional(),
  measures: z.array(MeasureSchema).min(1),
  rules: z.array(BandRuleSchema),
});

export const BandSchema = z.strictObject({ id: Id, label: LocalizedSchema, min: z.number().min(0).max(100), color: z.string().optional() });

export const SegmentSchema = z.strictObject({ id: Id, label: LocalizedSchema, when: z.array(ConditionSchema) });

export const CriterionSchema = z.strictObject({ id: Id, label: LocalizedSchema, condition: ConditionSchema });

export const LevelSchema = z.strictObject({
  level: z.number().int().min(1),
  id: Id,
  label: LocalizedSchema,
  description: LocalizedSchema.optional(),
  criteria: z.array(CriterionSchema).min(1),
});

export const TouchModelSchema = z.strictObject({ id: Id, label: LocalizedSchema, description: LocalizedSchema.optional() });

export const TouchAssignSchema = z.strictObject({
  segments: z.array(Id).optional(),
  when: z.array(ConditionSchema).optional(),
  minMaturity: z.number().int().min(0).optional(),
  maxMaturity: z.number().int().min(0).optional(),
  touchModel: Id,
});

export const StageSchema = z.strictObject({ id: Id, label: LocalizedSchema, owner: Id });

export const StageRuleSchema = z.strictObject({
  stage: Id,
  when: z.array(ConditionSchema).optional(),
  minMaturity: z.number().int().min(0).optional(),
});

export const RoleSchema = z.strictObject({ id: Id, label: LocalizedSchema });

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

export const PlaybookRuleSchema = z.strictObject({
  id: Id,
  when: z.strictObject({
    stages: z.array(Id).optional(),
    bands: z.array(Id).optional(),
    touchModels: z.array(Id).optional(),
    segments: z.array(Id).optional(),
    maturity: z.strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).optional(),
    signals: z.array(ConditionSchema).optional(),
  }),
  action: z.strictObject({
    title: LocalizedSchema,
    why: LocalizedSchema,
    ownerRole: Id,
    dueInDays: z.number().int().min(0),
    priority: z.enum(PRIORITIES),
    templateIds: z.array(Id),
  }),
});

export const TemplateSchema = z.strictObject({
  id: Id,
  kind: z.enum(['email', 'call', 'chat']),
  title: LocalizedSchema,
  subject: LocalizedSchema.optional(),
  body: LocalizedSchema,
});

export const ConfigPackSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: Id,
  name: z.string().min(1),
  version: z.string().min(1),
  locales: z.strictObject({ default: LocaleSchema, available: z.array(LocaleSchema).min(1) }),
  bands: z.array(BandSchema).min(1),
  roles: z.array(RoleSchema).min(1),
  signals: z.array(SignalSchema).min(1),
  segments: z.array(SegmentSchema).min(1),
  scorecards: z.array(ScorecardSchema).min(1),
  maturity: z.strictObject({ levels: z.array(LevelSchema).min(1) }),
  touch: z.strictObject({ models: z.array(TouchModelSchema).min(1), assign: z.array(TouchAssignSchema), default: Id }),
  lifecycle: z.strictObject({
    stages: z.array(StageSchema).min(1),
    renewal: z.strictObject({
      signal: Id,
      windowDays: z.number().int().min(0),
      stage: Id,
      /** Days before the renewal date by which either side must give notice not to renew (更新拒絶期限); absent: the contract has none. */
      noticeDays: z.number().int().min(0).max(730).optional(),
    }),
    rules: z.array(StageRuleSchema),
    default: Id,
  }),
  playbook: z.array(PlaybookRuleSchema),
  templates: z.array(TemplateSchema),
  /** Which accounts are the book, and which field names their CSM (lib/engine/book.ts); the defaults when absent. */
  book: BookSchema.optional(),
});
