import type { CompiledPack, CompiledRule, MatchOn } from './compile.ts';
import { test, type Value } from './conditions.ts';
import { conditionText } from './format.ts';
import { memo } from './memo.ts';
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

function dueDate(c: CompiledPack, nowMs: number, days: number): string {
  if (c.due.nowMs !== nowMs) {
    c.due.nowMs = nowMs;
    c.due.byDays.clear();
  }
  return memo(c.due.byDays, days, () => new Date(nowMs + days * DAY_MS).toISOString());
}

function toMatch(c: CompiledPack, r: CompiledRule, s: Situation, band: string, values: readonly Value[], nowMs: number): ActionMatch {
  // Without signal conditions the reason depends only on the situation, so it is shared between accounts.
  const reason =
    r.signals.length === 0
      ? memo(r.reasons, `${s.stage}|${band}|${s.touchModel}|${s.segment}|${s.maturity}`, () => buildReason(c, r, s, band, values))
      : buildReason(c, r, s, band, values);
  return {
    ruleId: r.id,
    title: r.title,
    why: r.why,
    ownerRole: r.action.ownerRole,
    dueInDays: r.action.dueInDays,
    dueDate: dueDate(c, nowMs, r.action.dueInDays),
    priority: r.action.priority,
    templateIds: r.action.templateIds,
    specificity: r.specificity,
    reason,
  };
}

export function computeNextAction(c: CompiledPack, s: Situation, values: readonly Value[], nowMs: number): NextAction | null {
  const band = s.band ?? RESERVED_BAND_UNKNOWN;
  let best: CompiledRule | null = null;
  let second: CompiledRule | null = null;
  for (const r of c.rules) {
    if (!matches(r, s, band, values)) continue;
    if (!best || better(r, best)) {
      second = best;
      best = r;
    } else if (!second || better(r, second)) {
      second = r;
    }
  }
  if (!best) return null;
  return { best: toMatch(c, best, s, band, values, nowMs), runnerUp: second ? toMatch(c, second, s, band, values, nowMs) : null };
}
