import type { z } from 'zod';
import type {
  BandRuleSchema,
  ConditionSchema,
  ConfigPackSchema,
  LocalizedSchema,
  MeasureSchema,
  PlaybookRuleSchema,
  ScorecardSchema,
  ScoringSchema,
  SignalSchema,
  SourceSchema,
  TemplateSchema,
} from './schema.ts';
import type { PackErrorKey } from './pack-errors.ts';

export type Locale = 'ja' | 'en';
/** Text as written in the pack: at least one locale. */
export type Localized = z.output<typeof LocalizedSchema>;
/** Text as the engine emits it: every locale filled, falling back to the pack's default locale. */
export type LocalText = { ja: string; en: string };

export type ConfigPack = z.output<typeof ConfigPackSchema>;
export type SignalDef = z.output<typeof SignalSchema>;
export type SignalSource = z.output<typeof SourceSchema>;
export type Condition = z.output<typeof ConditionSchema>;
export type Scoring = z.output<typeof ScoringSchema>;
export type MeasureDef = z.output<typeof MeasureSchema>;
export type ScorecardDef = z.output<typeof ScorecardSchema>;
export type BandRuleDef = z.output<typeof BandRuleSchema>;
export type PlaybookRuleDef = z.output<typeof PlaybookRuleSchema>;
export type Template = z.output<typeof TemplateSchema>;
export type TemplateKind = Template['kind'];
export type Priority = PlaybookRuleDef['action']['priority'];

export type SignalValue = number | boolean | string | null;

export interface AccountInput {
  signals: Record<string, { value: SignalValue; observedAt: string }>;
  /** A CSM's band override; it applies until `expiresAt` and is reported as lapsed after. */
  override?: { band: string; reason: string; expiresAt: string; setAt: string; setBy?: string };
  attributes?: {
    name?: string;
    /** Forces the lifecycle stage, e.g. when the CRM already tracks it. Must be a stage id of the pack. */
    stage?: string;
  };
}

/**
 * One thing wrong with a pack: where (a JSON path), and what, as a key with parameters (the words
 * are in lib/i18n/errors.ts, in both languages). `schemaVersion` is set when the error was found
 * in an older pack, before it was migrated.
 */
export type ParseError = { path: string; key: PackErrorKey; params?: Record<string, string | number>; schemaVersion?: number };
export type ParseResult = { ok: true; pack: ConfigPack } | { ok: false; errors: ParseError[] };

// ---- Evaluation output: plain JSON data (crosses a message boundary, stored in IndexedDB) ----

export interface MeasureResult {
  signalId: string;
  /** The value the measure scored: numbers for dates/computed signals are days. null when missing. */
  value: number | boolean | null;
  subScore: number | null;
  weight: number;
  /** Points this measure adds to the score; contributions sum to the score. */
  contribution: number;
  band: string | null;
  critical: boolean;
  stale: boolean;
}

export interface Driver {
  signalId: string;
  value: number | boolean;
  subScore: number;
  /** Signed points relative to an all-neutral account. */
  impact: number;
  text: LocalText;
}

export interface StaleInput {
  signalId: string;
  observedAt: string;
  /** null when `observedAt` could not be read as a date. */
  ageDays: number | null;
  limitDays: number;
}

export interface RuleHit {
  ruleId: string;
  capBand: string;
  signalIds: string[];
  reason: LocalText;
}

export interface MeasureChange {
  signalId: string;
  subScoreBefore: number | null;
  subScoreAfter: number | null;
  subScoreDelta: number;
  contributionDelta: number;
}

export interface HealthChanges {
  previousScore: number | null;
  scoreDelta: number | null;
  previousBand: string | null;
  bandChanged: boolean;
  scorecardChanged: boolean;
  /** Sorted by |contributionDelta|, largest first; unchanged measures are left out. */
  measures: MeasureChange[];
}

export interface OverrideState {
  status: 'active' | 'lapsed' | 'invalid';
  band: string;
  reason: string;
  setAt: string;
  expiresAt: string;
  setBy?: string;
}

export interface Health {
  status: 'ok' | 'insufficient-data';
  score: number | null;
  /** The band the scorecard gives, after band rules. */
  computedBand: string | null;
  /** The band to show: the override's while it is active, else `computedBand`. */
  band: string | null;
  override: OverrideState | null;
  coverage: number;
  minCoverage: number;
  context: { segment: string; scorecard: string; stage: string; touchModel: string };
  measures: MeasureResult[];
  drivers: { up: Driver[]; down: Driver[] };
  stale: StaleInput[];
  missing: string[];
  rulesApplied: RuleHit[];
  changes: HealthChanges | null;
}

export interface CriterionResult {
  id: string;
  signalId: string;
  met: boolean;
  value: number | boolean | null;
}

export interface LevelResult {
  level: number;
  id: string;
  met: boolean;
  criteria: CriterionResult[];
}

export interface Maturity {
  /** 0 means below the first level. */
  level: number;
  levelId: string | null;
  levels: LevelResult[];
  /** What the next level needs; null at the top level. */
  next: { level: number; id: string; unmet: Array<CriterionResult & { text: LocalText }> } | null;
}

export interface ActionMatch {
  ruleId: string;
  title: LocalText;
  why: LocalText;
  ownerRole: string;
  dueInDays: number;
  dueDate: string;
  priority: Priority;
  templateIds: string[];
  specificity: number;
  reason: { matched: Array<{ on: 'stage' | 'band' | 'touchModel' | 'segment' | 'maturity' | 'signal'; text: LocalText }>; text: LocalText };
}

export interface NextAction {
  best: ActionMatch;
  runnerUp: ActionMatch | null;
}

export interface Evaluation {
  health: Health;
  maturity: Maturity;
  nextAction: NextAction | null;
}
