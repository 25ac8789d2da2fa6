import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from './default-pack/index.ts';
import { evaluateAccount } from './evaluate.ts';
import type { AccountInput, ConfigPack, SignalDef } from './types.ts';

const NOW = new Date('2025-06-01T00:00:00Z');
const DAY = 86_400_000;

// A random value of the right kind for each signal, or nothing, or junk.
function valueArb(s: SignalDef): fc.Arbitrary<AccountInput['signals'][string] | undefined> {
  const observedAt = fc.integer({ min: -400, max: 5 }).map((d) => new Date(NOW.getTime() + d * DAY).toISOString());
  let value: fc.Arbitrary<number | boolean | string | null>;
  if (s.type === 'boolean') value = fc.boolean();
  else if (s.type === 'date') value = fc.integer({ min: -2000, max: 2000 }).map((d) => new Date(NOW.getTime() + d * DAY).toISOString());
  else if (s.type === 'rating') value = fc.integer({ min: 1, max: 5 });
  else value = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: -1e6, max: 1e9, noNaN: true }), fc.constant(0));
  const junk = fc.constantFrom<number | string | null>(null, 'n/a', '', Number.NaN, Number.POSITIVE_INFINITY);
  return fc.option(fc.record({ value: fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: junk }), observedAt }), { nil: undefined, freq: 4 });
}

function accountArb(pack: ConfigPack): fc.Arbitrary<AccountInput> {
  const inputs = pack.signals.filter((s) => s.source.kind !== 'computed');
  return fc.tuple(...inputs.map(valueArb)).map((vals) => {
    const signals: AccountInput['signals'] = {};
    vals.forEach((v, i) => {
      if (v) signals[inputs[i]!.id] = v;
    });
    return { signals };
  });
}

describe.each(['ja', 'en'] as const)('properties of the default %s pack', (locale) => {
  const pack = defaultConfigPack(locale);
  const arb = accountArb(pack);
  // Signals a CSM or a log can raise directly, and that some scorecard measures.
  const measured = new Set(pack.scorecards.flatMap((sc) => sc.measures.map((m) => m.signal)));
  const raisable = pack.signals.filter((s) => s.higherIsBetter && s.source.kind !== 'computed' && s.type !== 'date' && s.type !== 'boolean' && measured.has(s.id));

  test('the score is within 0–100 or insufficient data, never NaN', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const h = evaluateAccount(pack, a, NOW).health;
        if (h.status === 'insufficient-data') return h.score === null && h.band === null;
        return h.score !== null && Number.isFinite(h.score) && h.score >= 0 && h.score <= 100 && h.measures.every((m) => !Number.isNaN(m.contribution));
      }),
      { numRuns: 500 },
    );
  });

  test('the contributions add up to the score', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const h = evaluateAccount(pack, a, NOW).health;
        const sum = h.measures.reduce((x, m) => x + m.contribution, 0);
        return h.score === null ? sum === 0 : Math.abs(sum - h.score) < 1e-9;
      }),
      { numRuns: 500 },
    );
  });

  test('raising a higher-is-better signal never lowers the score (same scorecard)', () => {
    fc.assert(
      fc.property(arb, fc.constantFrom(...raisable), fc.double({ min: 0, max: 1000, noNaN: true }), (a, s, delta) => {
        const before = evaluateAccount(pack, a, NOW);
        const cur = a.signals[s.id];
        const base = typeof cur?.value === 'number' && Number.isFinite(cur.value) ? cur.value : null;
        fc.pre(base !== null);
        const raised = s.type === 'rating' ? Math.min(5, base! + Math.ceil(delta % 4)) : base! + delta;
        const after = evaluateAccount(pack, { ...a, signals: { ...a.signals, [s.id]: { ...cur!, value: raised } } }, NOW);
        // ARR picks the segment, and a different segment is a different scorecard: that is a re-scoring, not a raise.
        fc.pre(after.health.context.scorecard === before.health.context.scorecard);
        if (before.health.score === null) return after.health.score === null;
        return after.health.score! >= before.health.score - 1e-9;
      }),
      { numRuns: 500 },
    );
  });

  test('the same inputs give the same output', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const x = evaluateAccount(pack, a, NOW);
        const y = evaluateAccount(defaultConfigPack(locale), structuredClone(a), new Date(NOW.getTime()), undefined);
        expect(y).toEqual(x);
        expect(JSON.parse(JSON.stringify(x))).toEqual(x);
      }),
      { numRuns: 200 },
    );
  });

  test('every account gets a next action', () => {
    fc.assert(fc.property(arb, (a) => evaluateAccount(pack, a, NOW).nextAction !== null), { numRuns: 300 });
  });
});
