import { describe, expect, test } from 'vitest';
import { compilePack, type CompiledMeasure } from './compile.ts';
import { defaultConfigPack } from './default-pack/index.ts';
import { evaluateAccount } from './evaluate.ts';
import { bandIndex, subScore } from './health.ts';
import { account, HEALTHY, iso, NOW } from './test-support.ts';

const ja = defaultConfigPack('ja');
const measure = (signal: string, scorecard = 1): CompiledMeasure => compilePack(ja).scorecardBySegment.get(scorecard === 0 ? 'enterprise' : 'mid')!.measures.find((m) => m.signalId === signal)!;

describe('subScore', () => {
  test.each([
    ['nps', 0, 0],
    ['nps', 6, 35],
    ['nps', 8, 75],
    ['nps', 10, 100],
    ['days_since_login', 3, 100],
    ['days_since_login', 22, 50],
    ['days_since_login', 400, 0],
    ['open_tickets', 0, 100],
    ['open_tickets', 20, 0],
    ['active_user_rate', 35, 40],
    ['sentiment', 3, 50],
  ])('%s %d → %d', (signal, value, expected) => {
    expect(subScore(measure(signal), value)).toBeCloseTo(expected, 9);
  });

  test.each([
    [{ kind: 'thresholds', xs: [10, 20], ys: [50, 100], otherwise: 0 }, 5, 0],
    [{ kind: 'thresholds', xs: [10, 20], ys: [50, 100], otherwise: 0 }, 10, 50],
    [{ kind: 'thresholds', xs: [10, 20], ys: [50, 100], otherwise: 0 }, 25, 100],
    [{ kind: 'boolean', xs: [], ys: [20, 90], otherwise: 20 }, true, 90],
    [{ kind: 'boolean', xs: [], ys: [20, 90], otherwise: 20 }, false, 20],
  ] as const)('scoring %o at %s → %d', (m, v, expected) => {
    expect(subScore(m as unknown as CompiledMeasure, v)).toBe(expected);
  });
});

describe('bandIndex', () => {
  test.each([
    [0, 0],
    [39.99, 0],
    [40, 1],
    [69.9, 1],
    [70, 2],
    [100, 2],
  ])('%d → band %d', (score, idx) => expect(bandIndex([0, 40, 70], score)).toBe(idx));
});

describe('health', () => {
  test('a healthy account is green, with contributions adding to the score', () => {
    const h = evaluateAccount(ja, account(HEALTHY), NOW).health;
    expect(h.status).toBe('ok');
    expect(h.band).toBe('green');
    expect(h.context).toEqual({ segment: 'mid', scorecard: 'standard', stage: 'adoption', touchModel: 'low' });
    expect(h.measures.reduce((a, m) => a + m.contribution, 0)).toBeCloseTo(h.score!, 9);
  });

  test.each([
    ['nothing at all', {}],
    ['only ratings', { sentiment: 4 }],
    ['under half the weight', { nps: 9, open_tickets: 0, help_page_views_30d: 3 }],
  ])('insufficient data, never a silent 0: %s', (_n, values) => {
    const h = evaluateAccount(ja, account(values), NOW).health;
    expect(h).toMatchObject({ status: 'insufficient-data', score: null, computedBand: null, band: null });
    expect(h.coverage).toBeLessThan(h.minCoverage);
  });

  test('a critical measure in red caps the band at red', () => {
    const h = evaluateAccount(ja, account({ ...HEALTHY, active_user_rate: 5 }), NOW).health;
    expect(h.score!).toBeGreaterThanOrEqual(40);
    expect(h.computedBand).toBe('red');
    expect(h.rulesApplied).toMatchObject([{ ruleId: 'critical-red', capBand: 'red', signalIds: ['active_user_rate'] }]);
  });

  test('drivers explain in plain words per locale', () => {
    const h = evaluateAccount(ja, account({ ...HEALTHY, nps: 3 }), NOW).health;
    expect(h.drivers.down[0]).toMatchObject({ signalId: 'nps', text: { ja: 'NPS 3（批判者）', en: 'NPS 3 (detractor)' } });
    expect(h.drivers.up.every((d) => d.impact > 0)).toBe(true);
    expect(h.drivers.up.length).toBeLessThanOrEqual(3);
  });

  test('stale inputs name the signal, its age and its limit', () => {
    const a = account(HEALTHY);
    a.signals['relationship'] = { value: 4, observedAt: iso(-120) };
    const h = evaluateAccount(ja, a, NOW).health;
    expect(h.stale).toEqual([{ signalId: 'relationship', observedAt: iso(-120), ageDays: 120, limitDays: 90 }]);
  });

  test.each([
    ['active', iso(5), 'active', 'red'],
    ['lapsed', iso(-1), 'lapsed', 'green'],
    ['invalid band', iso(5), 'invalid', 'green'],
  ])('override %s', (kind, expiresAt, status, band) => {
    const a = account(HEALTHY);
    a.override = { band: kind === 'invalid band' ? 'purple' : 'red', reason: '決裁者が退職', setAt: iso(-3), expiresAt };
    const h = evaluateAccount(ja, a, NOW).health;
    expect(h.computedBand).toBe('green');
    expect(h.band).toBe(band);
    expect(h.override?.status).toBe(status);
  });

  test('changes against a previous evaluation, largest first', () => {
    const before = evaluateAccount(ja, account(HEALTHY), NOW);
    const after = evaluateAccount(ja, account({ ...HEALTHY, nps: 4, open_tickets: 3 }), NOW, before).health;
    expect(after.changes!.scoreDelta).toBeCloseTo(after.score! - before.health.score!, 9);
    expect(after.changes!.measures.map((m) => m.signalId)).toEqual(['nps', 'open_tickets']);
    expect(after.changes!.measures[0]!.contributionDelta).toBeLessThan(0);
    expect(evaluateAccount(ja, account(HEALTHY), NOW, before).health.changes!.measures).toEqual([]);
  });

  test.each([
    ['strings from a CRM', { ...HEALTHY, nps: '9', arr: '5000000' }, 'ok'],
    ['garbage values', { nps: 'n/a', active_user_rate: Number.NaN, promotion: 9 }, 'insufficient-data'],
  ])('coerces %s safely', (_n, values, status) => {
    expect(evaluateAccount(ja, account(values), NOW).health.status).toBe(status);
  });

  test('the output is JSON-serialisable plain data', () => {
    const ev = evaluateAccount(ja, account(HEALTHY), NOW);
    expect(JSON.parse(JSON.stringify(ev))).toEqual(ev);
    expect(structuredClone(ev)).toEqual(ev);
  });
});
