import type { CompiledPack, CompiledRule, MatchOn } from './compile.ts';
import { test, testAll, type Value } from './conditions.ts';
import { conditionText } from './format.ts';
import { RESERVED_BAND_UNKNOWN } from './schema.ts';
import { DAY_MS } from './signals.ts';
import type { ActionMatch, LocalText, NextAction } from './types.ts';

export interface Situation {
  stage: string;
  band: string | null;
  touchModel: string;
  segment: string;
  maturity: number;
}

function matches(r: CompiledRule, s: Situation, band: string, values: readonly Value[]): boolean {
  if (r.stages && !r.stages.includes(s.stage)) return false;
  if (r.bands && !r.bands.includes(band)) return false;
  if (r.touchModels && !r.touchModels.includes(s.touchModel)) return false;
  if (r.segments && !r.segments.includes(s.segment)) return false;
  if (s.maturity < r.min || s.maturity > r.max) return false;
  for (const cond of r.signals) if (!test(cond, values)) return false;
  return true;
}

// Priority first (a detractor call outranks a routine step), then the more specific rule, then pack order.
function better(a: CompiledRule, b: CompiledRule): boolean {
  if (a.priorityRank !== b.priorityRank) return a.priorityRank > b.priorityRank;
  if (a.specificity !== b.specificity) return a.specificity > b.specificity;
  return a.order < b.order;
}

const UNKNOWN_LABEL: LocalText = { ja: 'データ不足', en: 'insufficient data' };

type Reason = ActionMatch['reason'];

function buildReason(c: CompiledPack, r: CompiledRule, s: Situation, band: string, values: readonly Value[]): Reason {
  const matched: Array<{ on: MatchOn; text: LocalText }> = [];
  const label = (map: Map<string, LocalText>, id: string): LocalText => map.get(id) ?? { ja: id, en: id };
  if (r.stages) {
    const l = label(c.labels.stage, s.stage);
    matched.push({ on: 'stage', text: { ja: `ステージ: ${l.ja}`, en: `stage: ${l.en}` } });
  }
  if (r.bands) {
    const l = band === RESERVED_BAND_UNKNOWN ? UNKNOWN_LABEL : label(c.bandLabels, band);
    matched.push({ on: 'band', text: { ja: `ヘルス: ${l.ja}`, en: `health: ${l.en}` } });
  }
  if (r.touchModels) {
    const l = label(c.labels.touch, s.touchModel);
    matched.push({ on: 'touchModel', text: { ja: `タッチモデル: ${l.ja}`, en: `touch model: ${l.en}` } });
  }
  if (r.segments) {
    const l = label(c.labels.segment, s.segment);
    matched.push({ on: 'segment', text: { ja: `セグメント: ${l.ja}`, en: `segment: ${l.en}` } });
  }
  if (r.hasMaturity) matched.push({ on: 'maturity', text: { ja: `活用レベル: Lv.${s.maturity}`, en: `maturity: Lv.${s.maturity}` } });
  for (const cond of r.signals) {
    const sig = c.signals[cond.idx];
    if (sig) matched.push({ on: 'signal', text: conditionText(sig, cond, values[cond.idx] ?? null) });
  }
  const text: LocalText =
    matched.length > 0
      ? { ja: matched.map((m) => m.text.ja).join('、'), en: matched.map((m) => m.text.en).join('; ') }
      : { ja: '全アカウント共通の基本アクション', en: 'baseline action for every account' };
  return { matched, text };
}

function dueDate(c: CompiledPack, nowMs: number, r: CompiledRule): string {
  const due = c.due;
  if (due.nowMs !== nowMs) {
    due.nowMs = nowMs;
    due.byRule.fill(undefined);
  }
  return (due.byRule[r.order] ??= new Date(nowMs + r.action.dueInDays * DAY_MS).toISOString());
}

const NO_SITUATION = -1;

/**
 * A small integer naming the situation from the indices of its parts (stage, band, touch model, segment, maturity),
 * or NO_SITUATION when a part is not one the pack defines (-1). Also leaves the parts in `c.situation.parts` for the
 * evaluation of this situation.
 */
export function situationKeyAt(c: CompiledPack, st: number, band: string | null, tm: number, sg: number, mt: number): number {
  const k = c.situation;
  const bd = k.band.get(band ?? RESERVED_BAND_UNKNOWN) ?? -1;
  if (st < 0 || bd < 0 || tm < 0 || sg < 0) return NO_SITUATION;
  if (!Number.isInteger(mt) || mt < 0 || mt >= k.maturities) return NO_SITUATION;
  const p = k.parts;
  p[0] = st;
  p[1] = bd;
  p[2] = tm;
  p[3] = sg;
  p[4] = mt;
  return packKey(c, st, bd, tm, sg, mt);
}

function packKey(c: CompiledPack, st: number, bd: number, tm: number, sg: number, mt: number): number {
  const k = c.situation;
  return (((st * k.band.size + bd) * k.touch.size + tm) * k.segment.size + sg) * k.maturities + mt;
}

/** The situation key with the parts the rule does not constrain zeroed: they do not show in its reason. */
function reasonKey(c: CompiledPack, r: CompiledRule): number {
  const p = c.situation.parts;
  return packKey(c, r.stages ? p[0]! : 0, r.bands ? p[1]! : 0, r.touchModels ? p[2]! : 0, r.segments ? p[3]! : 0, r.hasMaturity ? p[4]! : 0);
}

const SIGNALS_ONLY: readonly Value[] = [];

/** The rules whose situation parts match, best first: then only their signal conditions are left to test. */
function candidatesFor(c: CompiledPack, key: number, s: Situation, band: string): CompiledRule[] {
  let list = c.candidates.get(key);
  if (!list) {
    list = rankRules(c, s, band);
    c.candidates.set(key, list);
  }
  return list;
}

function rankRules(c: CompiledPack, s: Situation, band: string): CompiledRule[] {
  // With no values every signal condition fails, so test the situation parts alone.
  const list = c.rules.filter((r) => matches({ ...r, signals: [] }, s, band, SIGNALS_ONLY));
  list.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  return list;
}

/**
 * The rules whose situation parts (stage, band, touch model, segment, maturity) match, best first by the engine's own
 * ranking; their signal conditions are not tested. An account in this situation gets the first whose signal
 * conditions hold. The map editor's playbook matrix shows it per cell.
 */
export function rankedRulesFor(c: CompiledPack, s: Situation): CompiledRule[] {
  return rankRules(c, s, s.band ?? RESERVED_BAND_UNKNOWN);
}

/** What puts rule `a` above rule `b` in the ranking: its priority, its specificity, or its place in the pack. */
export function outranksBy(a: CompiledRule, b: CompiledRule): 'priority' | 'specificity' | 'order' {
  if (a.priorityRank !== b.priorityRank) return 'priority';
  if (a.specificity !== b.specificity) return 'specificity';
  return 'order';
}

const REASON_LIMIT = 512;

// A rule's reason depends on the situation and on the values of its signal conditions. With at most one condition
// it is kept per (situation, value) and shared between accounts, like other explanation texts.
function reasonFor(c: CompiledPack, r: CompiledRule, key: number, s: Situation, band: string, values: readonly Value[]): Reason {
  if (key === NO_SITUATION || r.signals.length > 1) return buildReason(c, r, s, band, values);
  const cache = r.reasons;
  const rk = reasonKey(c, r);
  const cond = r.signals[0];
  const v: Value = cond && cond.idx >= 0 ? (values[cond.idx] ?? null) : null;
  let byValue = cache.bySituation.get(rk);
  let reason = byValue?.get(v);
  if (reason === undefined) {
    reason = Object.freeze(buildReason(c, r, s, band, values));
    if (cache.size >= REASON_LIMIT) {
      cache.bySituation.clear();
      cache.size = 0;
      byValue = undefined;
    }
    if (!byValue) {
      byValue = new Map();
      cache.bySituation.set(rk, byValue);
    }
    byValue.set(v, reason);
    cache.size++;
  }
  return reason;
}

function toMatch(c: CompiledPack, r: CompiledRule, key: number, s: Situation, band: string, values: readonly Value[], nowMs: number): ActionMatch {
  return {
    ruleId: r.id,
    title: r.title,
    why: r.why,
    ownerRole: r.action.ownerRole,
    dueInDays: r.action.dueInDays,
    dueDate: dueDate(c, nowMs, r),
    priority: r.action.priority,
    templateIds: r.action.templateIds,
    specificity: r.specificity,
    reason: reasonFor(c, r, key, s, band, values),
  };
}

/** The best action and runner-up for a situation given by ids. */
export function computeNextAction(c: CompiledPack, s: Situation, values: readonly Value[], nowMs: number): NextAction | null {
  const k = c.situation;
  const key = situationKeyAt(c, k.stage.get(s.stage) ?? -1, s.band, k.touch.get(s.touchModel) ?? -1, k.segment.get(s.segment) ?? -1, s.maturity);
  return nextActionAt(c, key, s, values, nowMs);
}

/** `computeNextAction` for a caller that has just computed the situation's key with `situationKeyAt`. */
export function nextActionAt(c: CompiledPack, key: number, s: Situation, values: readonly Value[], nowMs: number): NextAction | null {
  const band = s.band ?? RESERVED_BAND_UNKNOWN;
  let best: CompiledRule | null = null;
  let second: CompiledRule | null = null;
  if (key !== NO_SITUATION) {
    // Candidates are in ranking order, so the first two whose signal conditions hold are the best and runner-up.
    for (const r of candidatesFor(c, key, s, band)) {
      if (!testAll(r.signals, values)) continue;
      if (!best) best = r;
      else {
        second = r;
        break;
      }
    }
  } else {
    for (const r of c.rules) {
      if (!matches(r, s, band, values)) continue;
      if (!best || better(r, best)) {
        second = best;
        best = r;
      } else if (!second || better(r, second)) {
        second = r;
      }
    }
  }
  if (!best) return null;
  return { best: toMatch(c, best, key, s, band, values, nowMs), runnerUp: second ? toMatch(c, second, key, s, band, values, nowMs) : null };
}
