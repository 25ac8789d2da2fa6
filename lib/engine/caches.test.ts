import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from './default-pack/index.ts';
import { createEvaluator, evaluateAccount } from './evaluate.ts';
import { parseIsoMs } from './iso-date.ts';
import type { AccountInput, ConfigPack, Evaluation, SignalDef } from './types.ts';

// The engine keeps per-pack caches (explanation texts, reasons, playbook candidates per situation, due dates, the
// last observation time parsed) and reads plain inputs by walking their keys. None of that may show in the output:
// a warm evaluator, a cold one and the by-name reading path must agree on every input.

const NOW = new Date('2025-06-01T00:00:00Z');
const DAY = 86_400_000;

function valueArb(s: SignalDef): fc.Arbitrary<AccountInput['signals'][string] | undefined> {
  // Few distinct observation times, so that consecutive entries often share one (the parse cache's case).
  const observedAt = fc.oneof(
    fc.integer({ min: -400, max: 5 }).map((d) => new Date(NOW.getTime() + d * DAY).toISOString()),
    fc.constantFrom('2025-05-01T00:00:00Z', '2025-05-01T09:00:00+09:00', '2024-01-01', 'garbage', ''),
  );
  let value: fc.Arbitrary<number | boolean | string | null>;
  if (s.type === 'boolean') value = fc.oneof(fc.boolean(), fc.constantFrom('true', '0'));
  else if (s.type === 'date')
    value = fc.oneof(
      fc.integer({ min: -2000, max: 2000 }).map((d) => new Date(NOW.getTime() + d * DAY).toISOString()),
      fc.integer({ min: -2000, max: 2000 }).map((d) => new Date(NOW.getTime() + d * DAY).toISOString().slice(0, 10)),
    );
  else if (s.type === 'rating') value = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom('3', 4.5));
  else value = fc.oneof(fc.integer({ min: 0, max: 120 }), fc.double({ min: -10, max: 1e7, noNaN: true }), fc.constant('42'));
  const junk = fc.constantFrom<number | string | null>(null, 'n/a', '', Number.NaN);
  return fc.option(fc.record({ value: fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: junk }), observedAt }), { nil: undefined, freq: 4 });
}

function accountArb(pack: ConfigPack): fc.Arbitrary<{ account: AccountInput; nowOffsetHours: number }> {
  const inputs = pack.signals.filter((s) => s.source.kind !== 'computed');
  const stages = pack.lifecycle.stages.map((s) => s.id);
  return fc
    .tuple(
      fc.tuple(...inputs.map(valueArb)),
      fc.option(fc.constantFrom(...stages, 'not-a-stage'), { nil: undefined, freq: 5 }),
      fc.option(
        fc.record({ band: fc.constantFrom('red', 'yellow', 'green', 'purple'), expiresInDays: fc.integer({ min: -5, max: 5 }) }),
        { nil: undefined, freq: 6 },
      ),
      fc.integer({ min: 0, max: 72 }),
    )
    .map(([vals, stage, override, nowOffsetHours]) => {
      const signals: AccountInput['signals'] = {};
      vals.forEach((v, i) => {
        if (v) signals[inputs[i]!.id] = v;
      });
      const account: AccountInput = { signals };
      if (stage !== undefined) account.attributes = { stage };
      if (override) {
        const expiresAt = new Date(NOW.getTime() + override.expiresInDays * DAY).toISOString();
        account.override = { band: override.band, reason: 'test', setAt: NOW.toISOString(), expiresAt };
      }
      return { account, nowOffsetHours };
    });
}

/** The same entries behind a prototype other than Object.prototype: read signal by signal, by name. */
function byName(a: AccountInput): AccountInput {
  const signals = Object.assign(Object.create(null) as AccountInput['signals'], a.signals);
  return { ...a, signals };
}

describe.each(['ja', 'en'] as const)('caches and fast paths of the default %s pack', (locale) => {
  const pack = defaultConfigPack(locale);
  const arb = accountArb(pack);
  // Warm for the whole run: its caches fill up, and the reason caches overflow and restart.
  const warm = createEvaluator(pack);

  test('a warm evaluator, a cold one and the by-name path give identical results', () => {
    let previous: Evaluation | null = null;
    fc.assert(
      fc.property(arb, ({ account, nowOffsetHours }) => {
        const now = new Date(NOW.getTime() + nowOffsetHours * 3_600_000);
        const a = warm(account, now, previous);
        const cold = createEvaluator(pack)(structuredClone(account), new Date(now.getTime()), previous);
        const named = createEvaluator(pack)(byName(account), new Date(now.getTime()), previous);
        expect(cold).toEqual(a);
        expect(named).toEqual(a);
        expect(evaluateAccount(pack, account, now, previous)).toEqual(a);
        previous = a;
      }),
      { numRuns: 400 },
    );
  });

  test('drivers are the three largest impacts each way, ties in measure order', () => {
    fc.assert(
      fc.property(arb, ({ account }) => {
        const h = warm(account, NOW).health;
        if (h.status !== 'ok') return h.drivers.up.length === 0 && h.drivers.down.length === 0;
        const sc = pack.scorecards.find((s) => s.id === h.context.scorecard)!;
        const neutral = sc.neutral ?? 50;
        const available = h.measures.reduce((x, m) => x + (m.subScore === null ? 0 : m.weight), 0);
        const all = h.measures
          .filter((m) => m.subScore !== null && m.weight > 0)
          .map((m) => ({ signalId: m.signalId, impact: (m.subScore! - neutral) * (m.weight / available) }));
        // Array.prototype.sort is stable, as the engine's ranking must be.
        const up = all.filter((d) => d.impact > 0).sort((x, y) => y.impact - x.impact).slice(0, 3);
        const down = all.filter((d) => d.impact < 0).sort((x, y) => x.impact - y.impact).slice(0, 3);
        expect(h.drivers.up.map((d) => ({ signalId: d.signalId, impact: d.impact }))).toEqual(up);
        expect(h.drivers.down.map((d) => ({ signalId: d.signalId, impact: d.impact }))).toEqual(down);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseIsoMs', () => {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');

  test('equals Date.parse on ISO timestamps with an offset, and on dates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('Z', '+09:00', '-05:30', '+00:00'),
        (y, mo, d, h, mi, s, ms, zone) => {
          const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
          const full = `${date}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}${zone}`;
          const short = `${date}T${pad(h, 2)}:${pad(mi, 2)}${zone}`;
          expect(parseIsoMs(full)).toBe(Date.parse(full));
          expect(parseIsoMs(short)).toBe(Date.parse(short));
          expect(parseIsoMs(date)).toBe(Date.UTC(y, mo - 1, d));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test.each([
    '2024-02-29T12:00:00Z',
    '2023-02-29T12:00:00Z',
    '1900-02-29T00:00Z',
    '2000-02-29T00:00Z',
    '2025-04-31T00:00:00Z',
    '1970-01-01T00:00:00-00:00',
    // Digits past the milliseconds are dropped, never rounded up.
    '2025-01-01T23:59:59.99999999999999999999Z',
  ])(
    '%s',
    (s) => expect(parseIsoMs(s)).toBe(Date.parse(s)),
  );
});
