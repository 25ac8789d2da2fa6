import * as z from 'zod/mini';

// The engine's Evaluation as it crosses to the sidebar (lib/engine/types.ts is
// the source of truth; evaluation.test.ts checks the two agree).

export const LocalText = z.object({ ja: z.string(), en: z.string() });

const Num = z.number();
const NullableNum = z.nullable(z.number());
const MeasureValue = z.nullable(z.union([z.number(), z.boolean()]));

const MeasureResult = z.object({
  signalId: z.string(),
  value: MeasureValue,
  subScore: NullableNum,
  weight: Num,
  contribution: Num,
  band: z.nullable(z.string()),
  critical: z.boolean(),
  stale: z.boolean(),
});

const Driver = z.object({
  signalId: z.string(),
  value: z.union([z.number(), z.boolean()]),
  subScore: Num,
  impact: Num,
  text: LocalText,
});

const StaleInput = z.object({ signalId: z.string(), observedAt: z.string(), ageDays: NullableNum, limitDays: Num });

const RuleHit = z.object({ ruleId: z.string(), capBand: z.string(), signalIds: z.array(z.string()), reason: LocalText });

const MeasureChange = z.object({
  signalId: z.string(),
  subScoreBefore: NullableNum,
  subScoreAfter: NullableNum,
  subScoreDelta: Num,
  contributionDelta: Num,
});

const HealthChanges = z.object({
  previousScore: NullableNum,
  scoreDelta: NullableNum,
  previousBand: z.nullable(z.string()),
  bandChanged: z.boolean(),
  scorecardChanged: z.boolean(),
  measures: z.array(MeasureChange),
});

const OverrideState = z.object({
  status: z.enum(['active', 'lapsed', 'invalid']),
  band: z.string(),
  reason: z.string(),
  setAt: z.string(),
  expiresAt: z.string(),
  setBy: z.optional(z.string()),
});

export const HealthSchema = z.object({
  status: z.enum(['ok', 'insufficient-data']),
  score: NullableNum,
  computedBand: z.nullable(z.string()),
  band: z.nullable(z.string()),
  override: z.nullable(OverrideState),
  coverage: Num,
  minCoverage: Num,
  context: z.object({ segment: z.string(), scorecard: z.string(), stage: z.string(), touchModel: z.string() }),
  measures: z.array(MeasureResult),
  drivers: z.object({ up: z.array(Driver), down: z.array(Driver) }),
  stale: z.array(StaleInput),
  missing: z.array(z.string()),
  rulesApplied: z.array(RuleHit),
  changes: z.nullable(HealthChanges),
});

const CriterionResult = z.object({ id: z.string(), signalId: z.string(), met: z.boolean(), value: MeasureValue });

export const MaturitySchema = z.object({
  level: Num,
  levelId: z.nullable(z.string()),
  levels: z.array(z.object({ level: Num, id: z.string(), met: z.boolean(), criteria: z.array(CriterionResult) })),
  next: z.nullable(
    z.object({
      level: Num,
      id: z.string(),
      unmet: z.array(z.extend(CriterionResult, { text: LocalText })),
    }),
  ),
});

const MatchOn = z.enum(['stage', 'band', 'touchModel', 'segment', 'maturity', 'signal']);

const ActionMatch = z.object({
  ruleId: z.string(),
  title: LocalText,
  why: LocalText,
  ownerRole: z.string(),
  dueInDays: Num,
  dueDate: z.string(),
  priority: z.enum(['urgent', 'high', 'normal', 'low']),
  templateIds: z.array(z.string()),
  specificity: Num,
  reason: z.object({ matched: z.array(z.object({ on: MatchOn, text: LocalText })), text: LocalText }),
});

export const EvaluationSchema = z.object({
  health: HealthSchema,
  maturity: MaturitySchema,
  nextAction: z.nullable(z.object({ best: ActionMatch, runnerUp: z.nullable(ActionMatch) })),
});
export type EvaluationView = z.infer<typeof EvaluationSchema>;
