import { compileCondition, type CompiledCondition, type Value } from './conditions.ts';
import { DAY_MS } from './signals.ts';
import { ValueMemo } from './memo.ts';
import { localText } from './text.ts';
import { RESERVED_BAND_UNKNOWN } from './schema.ts';
import type { AccountInput, ActionMatch, ConfigPack, Locale, LocalText, MeasureDef, Priority, SignalDef } from './types.ts';

// The parsed pack turned into index-based structures once, so that evaluating an account does no lookups by
// string, no re-validation and no text fallback work.

export interface CompiledSignal {
  id: string;
  def: SignalDef;
  type: SignalDef['type'];
  // The type as flags: pack strings are not interned, so comparing them to literals per value costs a string compare.
  isBoolean: boolean;
  isDate: boolean;
  isRating: boolean;
  computed: 'daysSince' | 'daysUntil' | null;
  /** For a computed signal: daysSince (else daysUntil). */
  since: boolean;
  fromIdx: number;
  freshnessMs: number;
  label: LocalText;
  unit: LocalText | null;
  qualifiers: Array<{ min: number; max: number; label: LocalText }>;
  points: LocalText[];
  /** value → "label value (qualifier)" */
  texts: ValueMemo<LocalText>;
}

export interface CompiledMeasure {
  def: MeasureDef;
  idx: number;
  signalId: string;
  weight: number;
  critical: boolean;
  // Scoring flattened to arrays: ranges → xs/ys; thresholds → xs (atLeast)/ys with `otherwise`.
  kind: 'ranges' | 'thresholds' | 'boolean';
  xs: number[];
  ys: number[];
  otherwise: number;
}

export interface CompiledScorecard {
  id: string;
  minCoverage: number;
  neutral: number;
  totalWeight: number;
  /** Lower bound of each band, worst first. */
  cutoffs: number[];
  measures: CompiledMeasure[];
  rules: Array<{ id: string; bandIdx: number; criticalOnly: boolean; count: number; capIdx: number; capBand: string; reason: LocalText }>;
}

export interface CompiledLevel {
  level: number;
  id: string;
  criteria: Array<{ id: string; signalId: string; cond: CompiledCondition; label: LocalText; texts: ValueMemo<LocalText> }>;
}

export interface CompiledRule {
  id: string;
  order: number;
  stages: string[] | null;
  bands: string[] | null;
  touchModels: string[] | null;
  segments: string[] | null;
  min: number;
  max: number;
  hasMaturity: boolean;
  signals: CompiledCondition[];
  specificity: number;
  priorityRank: number;
  action: ConfigPack['playbook'][number]['action'];
  title: LocalText;
  why: LocalText;
  /** situation key → value of the rule's one signal condition (null without one) → reason; `size` counts reasons. */
  reasons: { size: number; bySituation: Map<number, Map<Value, ActionMatch['reason']>> };
}

export type MatchOn = 'stage' | 'band' | 'touchModel' | 'segment' | 'maturity' | 'signal';

/** A stage or touch model id as evaluation outputs it, with its index among the situation parts (-1 if undefined). */
export interface SituationPart {
  id: string;
  part: number;
}

export interface CompiledSegment {
  id: string;
  when: CompiledCondition[];
  label: LocalText;
  /** Index among the situation parts. */
  part: number;
  scorecard: CompiledScorecard;
}

export interface CompiledPack {
  pack: ConfigPack;
  fallback: Locale;
  signals: CompiledSignal[];
  indexOf: Map<string, number>;
  /** The same as `indexOf` for the one hot lookup: a keyed load on one hidden class beats Map.get there. */
  slotOf: Record<string, number | undefined>;
  computedIdx: number[];
  /** Signals read from the input (not computed), in pack order. */
  inputIdx: number[];
  /** Input (not computed) signals with a freshness limit, in pack order. */
  freshIdx: number[];
  bandIds: string[];
  bandLabels: Map<string, LocalText>;
  segments: CompiledSegment[];
  scorecardBySegment: Map<string, CompiledScorecard>;
  levels: CompiledLevel[];
  /** `segments`: the situation parts of the segments the assignment is limited to. */
  touchAssign: Array<{ segments: number[] | null; when: CompiledCondition[]; min: number; max: number; touchModel: SituationPart }>;
  touchDefault: SituationPart;
  labels: { stage: Map<string, LocalText>; touch: Map<string, LocalText>; segment: Map<string, LocalText> };
  renewal: { idx: number; windowDays: number; stage: SituationPart };
  stageRules: Array<{ stage: SituationPart; when: CompiledCondition[]; minMaturity: number }>;
  /** The pack's stages by id, for a stage set on the account. */
  stageById: Map<string, SituationPart>;
  stageDefault: SituationPart;
  rules: CompiledRule[];
  /** Index of each situation part (the band's includes `unknown`) and the number of maturity values (levels + 1). */
  situation: {
    stage: Map<string, number>;
    band: Map<string, number>;
    touch: Map<string, number>;
    segment: Map<string, number>;
    maturities: number;
    /** Scratch: the parts of the situation being evaluated, as indices. */
    parts: Int32Array;
  };
  /** situation key → the rules whose situation parts match it, best first. Bounded by the pack's situations. */
  candidates: Map<number, CompiledRule[]>;
  /** Due dates as ISO strings by rule (`order`) for the last `now` seen: most batches share one `now`. */
  due: { nowMs: number; byRule: Array<string | undefined> };
  /** Scratch state reused across accounts (evaluation is synchronous, and none of it reaches the output). */
  scratch: {
    bandCounts: number[];
    criticalCounts: number[];
    /** Per measure of the scorecard being scored: its sub-score (unread when the value is missing) and band (-1 then). */
    subs: Float64Array;
    bandOf: Int32Array;
    /** The strongest drivers so far: measure indices and |impact|, largest first. */
    upIdx: Int32Array;
    upKey: Float64Array;
    downIdx: Int32Array;
    downKey: Float64Array;
    /** Per signal: the resolved value, its staleness, its input entry, and for a stale input its observation time. */
    values: Value[];
    staleFlags: boolean[];
    entries: Array<AccountInput['signals'][string] | undefined>;
    /** Per input signal: its entry's `value`. */
    raws: unknown[];
    observed: Float64Array;
    /** The last observation time parsed, and its value. */
    lastAt: string | null;
    lastMs: number;
  };
}

/** Drivers shown per direction. */
export const MAX_DRIVERS = 3;

const PRIORITY_RANK: Record<Priority, number> = { urgent: 3, high: 2, normal: 1, low: 0 };

function compileMeasure(m: MeasureDef, idx: number): CompiledMeasure {
  const s = m.scoring;
  if (s.kind === 'ranges') return measure(m, idx, 'ranges', s.points.map((p) => p.value), s.points.map((p) => p.score), 0);
  if (s.kind === 'thresholds') return measure(m, idx, 'thresholds', s.steps.map((p) => p.atLeast), s.steps.map((p) => p.score), s.otherwise);
  return measure(m, idx, 'boolean', [], [s.whenFalse, s.whenTrue], s.whenFalse);
}

// One literal for every kind, so that all compiled measures share a hidden class and the scoring code stays
// monomorphic across packs.
function measure(m: MeasureDef, idx: number, kind: CompiledMeasure['kind'], xs: number[], ys: number[], otherwise: number): CompiledMeasure {
  return { def: m, idx, signalId: m.signal, weight: m.weight, critical: m.critical === true, kind, xs, ys, otherwise };
}

// A prototype-less object, so that no key (`constructor`, `toString`…) finds an inherited member.
function slotsFor(ids: string[]): Record<string, number | undefined> {
  const o = Object.create(null) as Record<string, number | undefined>;
  ids.forEach((id, i) => {
    o[id] = i;
  });
  return o;
}

// Later duplicates keep the first index, so equal ids always share one index.
function indexById(ids: string[]): Map<string, number> {
  const m = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!m.has(id)) m.set(id, i);
  });
  return m;
}

export function compilePack(pack: ConfigPack): CompiledPack {
  const fallback = pack.locales.default;
  const t = (x: Parameters<typeof localText>[0]) => localText(x, fallback);
  const indexOf = new Map(pack.signals.map((s, i) => [s.id, i]));
  const cond = (c: Parameters<typeof compileCondition>[0]) => compileCondition(c, indexOf);

  const signals: CompiledSignal[] = pack.signals.map((s) => ({
    id: s.id,
    def: s,
    type: s.type,
    isBoolean: s.type === 'boolean',
    isDate: s.type === 'date',
    isRating: s.type === 'rating',
    computed: s.source.kind === 'computed' ? s.source.fn : null,
    since: s.source.kind === 'computed' && s.source.fn === 'daysSince',
    fromIdx: s.source.kind === 'computed' ? (indexOf.get(s.source.from) ?? -1) : -1,
    freshnessMs: (s.freshnessDays ?? 0) * DAY_MS,
    label: t(s.label),
    unit: s.unit ? t(s.unit) : null,
    qualifiers: (s.qualifiers ?? []).map((q) => ({ min: q.min ?? -Infinity, max: q.max ?? Infinity, label: t(q.label) })),
    points: (s.points ?? []).map((p) => t(p.label)),
    texts: new ValueMemo(),
  }));

  const bandIds = pack.bands.map((b) => b.id);
  const bandIdx = (id: string) => bandIds.indexOf(id);
  const scorecardBySegment = new Map<string, CompiledScorecard>();
  for (const sc of pack.scorecards) {
    const compiled: CompiledScorecard = {
      id: sc.id,
      minCoverage: sc.minCoverage,
      neutral: sc.neutral ?? 50,
      totalWeight: sc.measures.reduce((a, m) => a + m.weight, 0),
      cutoffs: pack.bands.map((b) => sc.bandCutoffs?.[b.id] ?? b.min),
      measures: sc.measures.map((m) => compileMeasure(m, indexOf.get(m.signal) ?? -1)),
      rules: sc.rules.map((r) => ({
        id: r.id,
        bandIdx: bandIdx(r.when.band),
        criticalOnly: r.when.criticalOnly,
        count: r.when.count,
        capIdx: bandIdx(r.then.capBand),
        capBand: r.then.capBand,
        reason: t(r.reason),
      })),
    };
    for (const seg of sc.segments) scorecardBySegment.set(seg, compiled);
  }

  const rules: CompiledRule[] = pack.playbook.map((r, order) => {
    const w = r.when;
    const hasMaturity = w.maturity?.min !== undefined || w.maturity?.max !== undefined;
    const specificity =
      (w.stages ? 1 : 0) + (w.bands ? 1 : 0) + (w.touchModels ? 1 : 0) + (w.segments ? 1 : 0) + (hasMaturity ? 1 : 0) + (w.signals?.length ?? 0);
    return {
      id: r.id,
      order,
      stages: w.stages ?? null,
      bands: w.bands ?? null,
      touchModels: w.touchModels ?? null,
      segments: w.segments ?? null,
      min: w.maturity?.min ?? 0,
      max: w.maturity?.max ?? Infinity,
      hasMaturity,
      signals: (w.signals ?? []).map(cond),
      specificity,
      priorityRank: PRIORITY_RANK[r.action.priority],
      action: r.action,
      title: t(r.action.title),
      why: t(r.action.why),
      reasons: { size: 0, bySituation: new Map() },
    };
  });

  const situation: CompiledPack['situation'] = {
    stage: indexById(pack.lifecycle.stages.map((s) => s.id)),
    band: indexById([...bandIds, RESERVED_BAND_UNKNOWN]),
    touch: indexById(pack.touch.models.map((m) => m.id)),
    segment: indexById(pack.segments.map((s) => s.id)),
    maturities: pack.maturity.levels.length + 1,
    parts: new Int32Array(5),
  };
  const stagePart = (id: string): SituationPart => ({ id, part: situation.stage.get(id) ?? -1 });
  const touchPart = (id: string): SituationPart => ({ id, part: situation.touch.get(id) ?? -1 });

  return {
    pack,
    fallback,
    signals,
    indexOf,
    slotOf: slotsFor(pack.signals.map((s) => s.id)),
    computedIdx: signals.flatMap((s, i) => (s.computed ? [i] : [])),
    inputIdx: signals.flatMap((s, i) => (s.computed ? [] : [i])),
    freshIdx: signals.flatMap((s, i) => (!s.computed && s.freshnessMs > 0 ? [i] : [])),
    bandIds,
    bandLabels: new Map(pack.bands.map((b) => [b.id, t(b.label)])),
    segments: pack.segments.map((s) => ({
      id: s.id,
      when: s.when.map(cond),
      label: t(s.label),
      part: situation.segment.get(s.id)!,
      scorecard: scorecardBySegment.get(s.id)!,
    })),
    scorecardBySegment,
    levels: pack.maturity.levels.map((lv) => ({
      level: lv.level,
      id: lv.id,
      criteria: lv.criteria.map((c) => ({ id: c.id, signalId: c.condition.signal, cond: cond(c.condition), label: t(c.label), texts: new ValueMemo() })),
    })),
    touchAssign: pack.touch.assign.map((a) => ({
      segments: a.segments ? a.segments.map((id) => situation.segment.get(id) ?? -1) : null,
      when: (a.when ?? []).map(cond),
      min: a.minMaturity ?? 0,
      max: a.maxMaturity ?? Infinity,
      touchModel: touchPart(a.touchModel),
    })),
    touchDefault: touchPart(pack.touch.default),
    labels: {
      stage: new Map(pack.lifecycle.stages.map((s) => [s.id, t(s.label)])),
      touch: new Map(pack.touch.models.map((m) => [m.id, t(m.label)])),
      segment: new Map(pack.segments.map((s) => [s.id, t(s.label)])),
    },
    renewal: {
      idx: indexOf.get(pack.lifecycle.renewal.signal) ?? -1,
      windowDays: pack.lifecycle.renewal.windowDays,
      stage: stagePart(pack.lifecycle.renewal.stage),
    },
    stageRules: pack.lifecycle.rules.map((r) => ({ stage: stagePart(r.stage), when: (r.when ?? []).map(cond), minMaturity: r.minMaturity ?? 0 })),
    stageById: new Map(pack.lifecycle.stages.map((s) => [s.id, stagePart(s.id)])),
    stageDefault: stagePart(pack.lifecycle.default),
    rules,
    situation,
    candidates: new Map(),
    due: { nowMs: NaN, byRule: rules.map(() => undefined) },
    scratch: {
      bandCounts: pack.bands.map(() => 0),
      criticalCounts: pack.bands.map(() => 0),
      subs: new Float64Array(Math.max(0, ...pack.scorecards.map((sc) => sc.measures.length))),
      bandOf: new Int32Array(Math.max(0, ...pack.scorecards.map((sc) => sc.measures.length))),
      // Typed arrays: a plain array would change its elements kind on the first fractional impact, and code
      // optimised for one pack's arrays would then meet the other kind in the next pack.
      upIdx: new Int32Array(MAX_DRIVERS),
      upKey: new Float64Array(MAX_DRIVERS),
      downIdx: new Int32Array(MAX_DRIVERS),
      downKey: new Float64Array(MAX_DRIVERS),
      values: signals.map(() => null),
      staleFlags: signals.map(() => false),
      entries: signals.map(() => undefined),
      raws: signals.map(() => null),
      observed: new Float64Array(signals.length),
      lastAt: null,
      lastMs: NaN,
    },
  };
}
