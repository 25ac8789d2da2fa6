import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/default-pack/index.ts';
import { evaluateAccount } from '../engine/evaluate.ts';
import { parseConfigPack } from '../engine/parse.ts';
import { account, HEALTHY, NOW } from '../engine/test-support.ts';
import type { ConfigPack } from '../engine/types.ts';
import { packImpact, type ImpactAccount } from './impact.ts';

function edited(edit: (p: ConfigPack) => void): ConfigPack {
  const p = defaultConfigPack('ja');
  edit(p);
  const parsed = parseConfigPack(p);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.pack;
}
const base = edited(() => {});

// A small book: a healthy account, one with a detractor NPS, one at risk, and one the cache knows nothing about.
const BOOK: ImpactAccount[] = [
  { key: 'a', name: 'Healthy', input: account(HEALTHY) },
  { key: 'b', name: 'Detractor', input: account({ ...HEALTHY, nps: 0, active_user_rate: 55 }) },
  { key: 'c', name: 'At risk', input: account({ ...HEALTHY, active_user_rate: 10, emails_sent_30d: 0, nps: 2, sentiment: 1 }) },
  { key: 'd', name: 'Empty', input: account({}) },
];

const bandOf = (pack: ConfigPack, a: ImpactAccount) => evaluateAccount(pack, a.input, NOW).health.band;

describe('packImpact', () => {
  test('the same pack moves nothing; the empty account is counted but not scored', () => {
    const s = packImpact(BOOK, base, base, NOW);
    expect(s).toMatchObject({ total: 4, based: 3, bandChanged: 0, levelChanged: 0, actionChanged: 0, moves: [], accounts: [] });
  });

  test.each<[string, (p: ConfigPack) => void, { band: number; level: number; keys: string[]; driver: string | null }]>([
    [
      // Green needs 95: every green account turns yellow, and no measure moved it: the bounds did.
      'a higher bound for green',
      (p) => void (p.bands.find((b) => b.id === 'green')!.min = 95),
      { band: BOOK.filter((a) => bandOf(base, a) === 'green').length, level: 0, keys: BOOK.filter((a) => bandOf(base, a) === 'green').map((a) => a.key), driver: 'bounds' },
    ],
    [
      // NPS weighs 100 on the standard scorecard: the detractor falls from yellow to red, and NPS is what moved it.
      'NPS weighs more',
      (p) => void (p.scorecards.find((c) => c.id === 'standard')!.measures.find((m) => m.signal === 'nps')!.weight = 100),
      { band: 1, level: 0, keys: ['b'], driver: 'nps' },
    ],
    [
      // Lv.2 needs five kinds of forms: the healthy account (four) drops to Lv.1, on that criterion.
      'a stricter Lv.2 criterion',
      (p) => void (p.maturity.levels.find((l) => l.level === 2)!.criteria.find((c) => c.id === 'several-forms')!.condition.value = 5),
      { band: 0, level: 2, keys: ['a', 'b'], driver: 'several-forms' },
    ],
  ])('%s', (_name, edit, want) => {
    const after = edited(edit);
    const s = packImpact(BOOK, base, after, NOW);
    expect(s.total).toBe(4);
    expect(s.based).toBe(3);
    expect(s.bandChanged).toBe(want.band);
    expect(s.levelChanged).toBe(want.level);
    for (const key of want.keys) expect(s.accounts.map((a) => a.key)).toContain(key);
    const first = s.accounts.find((a) => a.key === want.keys[0])!;
    if (want.driver === null) expect(first.driver).toBeNull();
    else if (want.driver === 'bounds') expect(first.driver).toMatchObject({ kind: 'bounds', scoreBefore: first.before.score, scoreAfter: first.after.score });
    else if (first.driver?.kind === 'measure') expect(first.driver.signalId).toBe(want.driver);
    else expect(first.driver).toMatchObject({ kind: 'criterion', level: 2, criterionId: want.driver, met: false });
    // The moves add up to the band changes.
    expect(s.moves.reduce((n, m) => n + m.count, 0)).toBe(s.bandChanged);
  });

  test('the NPS driver says how far its pull on the score moved, in points', () => {
    const after = edited((p) => void (p.scorecards.find((c) => c.id === 'standard')!.measures.find((m) => m.signal === 'nps')!.weight = 100));
    const s = packImpact(BOOK, base, after, NOW);
    expect(s.moves).toEqual([{ from: 'yellow', to: 'red', count: 1 }]);
    const b = s.accounts.find((a) => a.key === 'b')!;
    expect(b).toMatchObject({ band: true, before: { band: 'yellow' }, after: { band: 'red' } });
    // Sub-score 0 against a neutral 50: 15 of 100 weight pulls 7.5 points down; 100 of 185 pulls 27.
    expect(b.driver).toMatchObject({ kind: 'measure', signalId: 'nps', label: { en: 'NPS' } });
    if (b.driver?.kind !== 'measure') throw new Error('a measure drives it');
    expect(b.driver.before).toBeCloseTo(-7.5, 1);
    expect(b.driver.after).toBeCloseTo(-27.03, 1);
  });

  test('worst news first: a band down is listed before a band up, and the list is capped but the counts are not', () => {
    // Lower the green bound (some rise) and cap on many reds (none fall) — then make one account fall by its own NPS weight.
    const after = edited((p) => {
      p.bands.find((b) => b.id === 'yellow')!.min = 60;
      p.bands.find((b) => b.id === 'green')!.min = 65;
    });
    const s = packImpact(BOOK, base, after, NOW, 1);
    expect(s.accounts.length).toBeLessThanOrEqual(1);
    expect(s.bandChanged).toBeGreaterThanOrEqual(s.accounts.length);
    const full = packImpact(BOOK, base, after, NOW);
    const ranks = full.accounts.map((a) => (full.bands[a.after.band ?? '']?.rank ?? -1) - (full.bands[a.before.band ?? '']?.rank ?? -1));
    // Downs (negative) come before ups (positive).
    const firstUp = ranks.findIndex((r) => r > 0);
    if (firstUp >= 0) expect(ranks.slice(firstUp).every((r) => r >= 0)).toBe(true);
  });

  test('nothing is written: the inputs are the same objects, unchanged', () => {
    const copy = structuredClone(BOOK);
    packImpact(BOOK, base, edited((p) => void (p.bands.find((b) => b.id === 'green')!.min = 95)), NOW);
    expect(BOOK).toEqual(copy);
  });
});

describe('the driver of a band move', () => {
  test.each<[string, (p: ConfigPack) => void, string]>([
    // The score stays, the bound moves: the bounds are the reason, not a measure.
    ['only the bound moved', (p) => void (p.bands.find((b) => b.id === 'yellow')!.min = 69), 'bounds'],
    // The score falls below the old bound: the measure whose pull changed most is the reason.
    ['the score moved across the old bound', (p) => void (p.scorecards.find((c) => c.id === 'standard')!.measures.find((m) => m.signal === 'nps')!.weight = 100), 'measure'],
    // Both: NPS weighs more and green starts higher. The detractor's new score is red under the old bounds too: NPS.
    [
      'both, with the score itself crossing',
      (p) => {
        p.scorecards.find((c) => c.id === 'standard')!.measures.find((m) => m.signal === 'nps')!.weight = 100;
        p.bands.find((b) => b.id === 'green')!.min = 75;
      },
      'measure',
    ],
  ])('%s', (_name, edit, kind) => {
    const s = packImpact([BOOK[1]!], base, edited(edit), NOW);
    expect(s.bandChanged).toBe(1);
    expect(s.accounts[0]!.driver?.kind).toBe(kind);
  });
});
