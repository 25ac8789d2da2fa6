import { MAX_DRIVERS, type CompiledMeasure, type CompiledPack, type CompiledScorecard } from './compile.ts';
import type { Value } from './conditions.ts';
import { signalValueText } from './format.ts';
import type { ResolvedSignals } from './signals.ts';
import type { AccountInput, Driver, Evaluation, Health, HealthChanges, MeasureChange, MeasureResult, OverrideState, RuleHit } from './types.ts';

export function subScore(m: CompiledMeasure, v: number | boolean): number {
  if (m.kind === 'boolean') return v === true ? m.ys[1]! : m.ys[0]!;
  const x = typeof v === 'number' ? v : v ? 1 : 0;
  const xs = m.xs;
  const ys = m.ys;
  if (m.kind === 'thresholds') {
    let s = m.otherwise;
    for (let i = 0; i < xs.length; i++) {
      if (x >= xs[i]!) s = ys[i]!;
      else break;
    }
    return s;
  }
  const last = xs.length - 1;
  if (x <= xs[0]!) return ys[0]!;
  if (x >= xs[last]!) return ys[last]!;
  for (let i = 1; i <= last; i++) {
    const x1 = xs[i]!;
    if (x <= x1) {
      const x0 = xs[i - 1]!;
      const y0 = ys[i - 1]!;
      return y0 + ((ys[i]! - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return ys[last]!;
}

/** Index of the band a 0–100 score falls in, worst band = 0. */
export function bandIndex(cutoffs: readonly number[], score: number): number {
  for (let i = cutoffs.length - 1; i > 0; i--) if (score >= cutoffs[i]!) return i;
  return 0;
}

function driver(c: CompiledPack, m: CompiledMeasure, r: MeasureResult, impact: number): Driver {
  const v = r.value!;
  const s = c.signals[m.idx]!;
  return { signalId: m.signalId, value: v, subScore: r.subScore!, impact, text: s.texts.get(v) ?? s.texts.set(v, signalValueText(s, v)) };
}

export function resolveOverride(c: CompiledPack, override: AccountInput['override'], nowMs: number): OverrideState | null {
  if (!override) return null;
  const state: OverrideState = {
    status: 'active',
    band: override.band,
    reason: override.reason,
    setAt: override.setAt,
    expiresAt: override.expiresAt,
  };
  if (override.setBy !== undefined) state.setBy = override.setBy;
  const expires = Date.parse(override.expiresAt);
  if (!c.bandIds.includes(override.band) || !Number.isFinite(expires)) state.status = 'invalid';
  else if (expires <= nowMs) state.status = 'lapsed';
  return state;
}

function changesFrom(previous: Evaluation, scorecardId: string, score: number | null, band: string | null, measures: MeasureResult[]): HealthChanges {
  const prev = previous.health;
  const before = new Map<string, MeasureResult>();
  for (const m of prev.measures) before.set(m.signalId, m);
  const out: MeasureChange[] = [];
  const seen = new Set<string>();
  const add = (id: string, a: MeasureResult | undefined, b: MeasureResult | undefined) => {
    const sa = a?.subScore ?? null;
    const sb = b?.subScore ?? null;
    const contributionDelta = (b?.contribution ?? 0) - (a?.contribution ?? 0);
    const subScoreDelta = (sb ?? 0) - (sa ?? 0);
    if (contributionDelta !== 0 || subScoreDelta !== 0 || sa !== sb) {
      out.push({ signalId: id, subScoreBefore: sa, subScoreAfter: sb, subScoreDelta, contributionDelta });
    }
  };
  for (const m of measures) {
    seen.add(m.signalId);
    add(m.signalId, before.get(m.signalId), m);
  }
  for (const m of prev.measures) if (!seen.has(m.signalId)) add(m.signalId, m, undefined);
  out.sort((a, b) => Math.abs(b.contributionDelta) - Math.abs(a.contributionDelta) || Math.abs(b.subScoreDelta) - Math.abs(a.subScoreDelta));
  return {
    previousScore: prev.score,
    scoreDelta: score !== null && prev.score !== null ? score - prev.score : null,
    previousBand: prev.band,
    bandChanged: prev.band !== band,
    scorecardChanged: prev.context.scorecard !== scorecardId,
    measures: out,
  };
}

/**
 * Keeps the `k` largest keys seen so far in `idx`/`key` (descending), inserting after equal keys: the same order as
 * a stable sort of every candidate, without collecting them all.
 */
function pushTop(idx: Int32Array, key: Float64Array, count: number, k: number, i: number, x: number): number {
  let p = count;
  while (p > 0 && x > key[p - 1]!) p--;
  if (p >= k) return count;
  const end = count < k ? count : k - 1;
  for (let j = end; j > p; j--) {
    idx[j] = idx[j - 1]!;
    key[j] = key[j - 1]!;
  }
  idx[p] = i;
  key[p] = x;
  return count < k ? count + 1 : k;
}

export function computeHealth(
  c: CompiledPack,
  sc: CompiledScorecard,
  resolved: ResolvedSignals,
  override: OverrideState | null,
  context: Health['context'],
  previous: Evaluation | undefined,
): Health {
  const { values, staleFlags } = resolved;
  const ms = sc.measures;
  const n = ms.length;
  const { bandCounts, criticalCounts, subs, bandOf, upIdx, upKey, downIdx, downKey } = c.scratch;
  let available = 0;
  let missingCount = 0;
  for (let i = 0; i < n; i++) {
    const m = ms[i]!;
    const v: Value = m.idx >= 0 ? (values[m.idx] ?? null) : null;
    if (v === null) {
      subs[i] = 0; // unread: the pass below skips missing values
      missingCount++;
    } else {
      subs[i] = subScore(m, v);
      available += m.weight;
    }
  }
  const coverage = sc.totalWeight > 0 ? available / sc.totalWeight : 0;
  const ok = available > 0 && coverage >= sc.minCoverage;

  const measures: MeasureResult[] = new Array<MeasureResult>(n);
  // Sized up front: an array grown by push reserves room for 17 entries, which adds up over many accounts.
  const missing: string[] = new Array<string>(missingCount);
  missingCount = 0;
  for (let b = 0; b < bandCounts.length; b++) {
    bandCounts[b] = 0;
    criticalCounts[b] = 0;
  }
  let ups = 0;
  let downs = 0;
  let score = 0;
  for (let i = 0; i < n; i++) {
    const m = ms[i]!;
    const s = subs[i]!;
    const v: Value = m.idx >= 0 ? (values[m.idx] ?? null) : null;
    if (v === null) {
      bandOf[i] = -1;
      missing[missingCount++] = m.signalId;
      measures[i] = { signalId: m.signalId, value: null, subScore: null, weight: m.weight, contribution: 0, band: null, critical: m.critical, stale: false };
      continue;
    }
    const share = ok ? m.weight / available : 0;
    const contribution = s * share;
    score += contribution;
    const bi = bandIndex(sc.cutoffs, s);
    bandOf[i] = bi;
    bandCounts[bi]!++;
    if (m.critical) criticalCounts[bi]!++;
    measures[i] = { signalId: m.signalId, value: v, subScore: s, weight: m.weight, contribution, band: c.bandIds[bi]!, critical: m.critical, stale: staleFlags[m.idx] ?? false };
    if (ok && m.weight > 0) {
      const impact = (s - sc.neutral) * share;
      if (impact > 0) ups = pushTop(upIdx, upKey, ups, MAX_DRIVERS, i, impact);
      else if (impact < 0) downs = pushTop(downIdx, downKey, downs, MAX_DRIVERS, i, -impact);
    }
  }
  // Only the shown drivers are built, which keeps the hot path light.
  const up: Driver[] = new Array<Driver>(ups);
  for (let j = 0; j < ups; j++) up[j] = driver(c, ms[upIdx[j]!]!, measures[upIdx[j]!]!, upKey[j]!);
  const down: Driver[] = new Array<Driver>(downs);
  for (let j = 0; j < downs; j++) down[j] = driver(c, ms[downIdx[j]!]!, measures[downIdx[j]!]!, -downKey[j]!);

  let computedBand: string | null = null;
  const rulesApplied: RuleHit[] = [];
  let finalScore: number | null = null;
  if (ok) {
    // Float sums can overshoot by an ulp; clamp so the range holds exactly.
    finalScore = score > 100 ? 100 : score < 0 ? 0 : score;
    let bi = bandIndex(sc.cutoffs, finalScore);
    for (const r of sc.rules) {
      const counts = r.criticalOnly ? criticalCounts : bandCounts;
      let hits = 0;
      for (let b = 0; b <= r.bandIdx; b++) hits += counts[b]!;
      if (hits >= r.count && r.capIdx < bi) {
        bi = r.capIdx;
        // `hits` counted exactly these measures.
        const signalIds: string[] = new Array<string>(hits);
        hits = 0;
        for (let i = 0; i < n; i++) {
          const b = bandOf[i]!;
          if (b >= 0 && b <= r.bandIdx && (!r.criticalOnly || ms[i]!.critical)) signalIds[hits++] = ms[i]!.signalId;
        }
        rulesApplied.push({ ruleId: r.id, capBand: r.capBand, signalIds, reason: r.reason });
      }
    }
    computedBand = c.bandIds[bi]!;
  }
  const band = override?.status === 'active' ? override.band : computedBand;
  return {
    status: ok ? 'ok' : 'insufficient-data',
    score: finalScore,
    computedBand,
    band,
    override,
    coverage,
    minCoverage: sc.minCoverage,
    context,
    measures,
    drivers: { up, down },
    stale: resolved.stale,
    missing,
    rulesApplied,
    changes: previous ? changesFrom(previous, sc.id, finalScore, band, measures) : null,
  };
}
