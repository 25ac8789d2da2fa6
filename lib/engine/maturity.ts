import type { CompiledPack } from './compile.ts';
import { testValue, type Value } from './conditions.ts';
import { withCurrent } from './format.ts';
import type { CriterionResult, LevelResult, LocalText, Maturity } from './types.ts';

/** The highest level whose criteria, and every lower level's, are all met. 0 is below the first level. */
export function computeMaturity(c: CompiledPack, values: readonly Value[]): Maturity {
  const levels: LevelResult[] = new Array<LevelResult>(c.levels.length);
  let level = 0;
  let levelId: string | null = null;
  let climbing = true;
  for (let li = 0; li < c.levels.length; li++) {
    const lv = c.levels[li]!;
    const criteria: CriterionResult[] = new Array<CriterionResult>(lv.criteria.length);
    let met = true;
    for (let ci = 0; ci < lv.criteria.length; ci++) {
      const cr = lv.criteria[ci]!;
      const idx = cr.cond.idx;
      const value = idx >= 0 ? (values[idx] ?? null) : null;
      const ok = testValue(cr.cond, value);
      if (!ok) met = false;
      criteria[ci] = { id: cr.id, signalId: cr.signalId, met: ok, value };
    }
    levels[li] = { level: lv.level, id: lv.id, met, criteria };
    if (climbing && met) {
      level = lv.level;
      levelId = lv.id;
    } else {
      climbing = false;
    }
  }
  const nextDef = c.levels[level];
  let next: Maturity['next'] = null;
  if (nextDef) {
    const res = levels[level]!;
    let unmetCount = 0;
    for (const r of res.criteria) if (!r.met) unmetCount++;
    // Sized up front, like `missing` in health.ts.
    const unmet: NonNullable<Maturity['next']>['unmet'] = new Array<CriterionResult & { text: LocalText }>(unmetCount);
    unmetCount = 0;
    for (let ci = 0; ci < nextDef.criteria.length; ci++) {
      const r = res.criteria[ci]!;
      if (r.met) continue;
      const cr = nextDef.criteria[ci]!;
      const s = c.signals[cr.cond.idx];
      const text = s ? (cr.texts.get(r.value) ?? cr.texts.set(r.value, withCurrent(cr.label, s, r.value))) : cr.label;
      unmet[unmetCount++] = { id: r.id, signalId: r.signalId, met: false, value: r.value, text };
    }
    next = { level: nextDef.level, id: nextDef.id, unmet };
  }
  return { level, levelId, levels, next };
}
