import type { ConfigPack, MeasureDef, SignalValue } from '../engine/types.ts';

// First run, before any CRM or CSV is wired: plausible inputs so a CSM sees
// what Sidecar does. Deterministic per account, and always labelled "sample".

function seeded(key: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
}

/** A value whose sub-score is about `target` (0–1) under the measure's scoring. */
function valueFor(scoring: MeasureDef['scoring'], target: number): SignalValue {
  if (scoring.kind === 'boolean') return target >= 0.5 ? scoring.whenTrue >= scoring.whenFalse : scoring.whenTrue < scoring.whenFalse;
  const points =
    scoring.kind === 'ranges'
      ? scoring.points
      : [{ value: Math.min(...scoring.steps.map((s) => s.atLeast)) - 1, score: scoring.otherwise }, ...scoring.steps.map((s) => ({ value: s.atLeast, score: s.score }))];
  const want = target * 100;
  const sorted = [...points].sort((a, b) => Math.abs(a.score - want) - Math.abs(b.score - want));
  const best = sorted[0]!;
  return Math.round(best.value * 100) / 100;
}

export function sampleSignals(pack: ConfigPack, accountKey: string, now: Date): Record<string, { value: SignalValue; observedAt: string }> {
  const rnd = seeded(accountKey);
  // Three kinds of account: thriving, steady, at risk.
  const profile = [0.85, 0.6, 0.3][Math.floor(rnd() * 3)]!;
  const jitter = () => Math.max(0, Math.min(1, profile + (rnd() - 0.5) * 0.4));
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
  const measures = new Map<string, MeasureDef>();
  for (const card of pack.scorecards) for (const m of card.measures) if (!measures.has(m.signal)) measures.set(m.signal, m);
  const computedFrom = new Map(pack.signals.flatMap((s) => (s.source.kind === 'computed' ? [[s.source.from, s] as const] : [])));

  const out: Record<string, { value: SignalValue; observedAt: string }> = {};
  for (const signal of pack.signals) {
    if (signal.source.kind === 'computed') continue;
    const observedAt = daysAgo(Math.floor(rnd() * 10));
    const measure = measures.get(signal.id);
    const derived = computedFrom.get(signal.id);
    let value: SignalValue;
    if (signal.type === 'date') {
      // Dates feed computed day counts: the measure is on the computed signal.
      const m = derived ? measures.get(derived.id) : undefined;
      const days = m ? Number(valueFor(m.scoring, jitter())) : Math.round(30 + rnd() * 300);
      const sign = derived?.source.kind === 'computed' && derived.source.fn === 'daysSince' ? -1 : 1;
      value = new Date(now.getTime() + sign * Math.abs(days) * 86_400_000).toISOString().slice(0, 10);
    } else if (signal.type === 'rating') {
      value = Math.max(1, Math.min(5, Math.round(1 + jitter() * 4)));
    } else if (measure) {
      value = valueFor(measure.scoring, jitter());
    } else if (signal.type === 'boolean') {
      value = jitter() >= 0.5;
    } else {
      value = Math.round(jitter() * 100);
    }
    out[signal.id] = { value, observedAt };
  }
  return out;
}
