import { describe, expect, test } from 'vitest';
import { paceHubspot, paceSalesforce, sidebarShareLeft, type HubspotUsage, type Pace } from './pacing.ts';

const hs = (remaining: number, max = 190, extra: Partial<HubspotUsage> = {}): HubspotUsage => ({ max, remaining, intervalMs: 10_000, daily: 1_000_000, dailyRemaining: 900_000, ...extra });

describe('paceHubspot: at least 30 % of the ten-second window stays for the sidebars', () => {
  test.each<[string, HubspotUsage | null, number, Pace]>([
    ['no headers yet', null, 1, { kind: 'go', waitMs: 0 }],
    ['a fresh window', hs(189), 1, { kind: 'go', waitMs: 0 }],
    // 190 × 0.3 = 57 kept: 58 left may take one more, 57 may not.
    ['one above the reserve', hs(58), 1, { kind: 'go', waitMs: 0 }],
    ['at the reserve', hs(57), 1, { kind: 'go', waitMs: 10_000 }],
    ['a batch of three into the reserve', hs(59), 3, { kind: 'go', waitMs: 10_000 }],
    ['the window spent by teammates', hs(0), 1, { kind: 'go', waitMs: 10_000 }],
    ['a 100-request tier', hs(31, 100), 1, { kind: 'go', waitMs: 0 }],
    ['a 100-request tier at its reserve', hs(30, 100), 1, { kind: 'go', waitMs: 10_000 }],
    ['another window length', hs(10, 100, { intervalMs: 1_000 }), 1, { kind: 'go', waitMs: 1_000 }],
    ['a window without its length', hs(10, 100, { intervalMs: undefined }), 1, { kind: 'go', waitMs: 10_000 }],
    ['only daily headers', { daily: 1000, dailyRemaining: 900 }, 1, { kind: 'go', waitMs: 0 }],
    // The daily limit: 10 % of it is left for the rest of the day.
    ['the daily limit nearly spent', hs(189, 190, { daily: 250_000, dailyRemaining: 25_000 }), 1, { kind: 'stop', reason: 'daily', left: 25_000, reserve: 25_000 }],
    ['the daily limit one above its reserve', hs(189, 190, { daily: 250_000, dailyRemaining: 25_001 }), 1, { kind: 'go', waitMs: 0 }],
    ['the daily limit spent, the window fresh', hs(189, 190, { daily: 250_000, dailyRemaining: 0 }), 1, { kind: 'stop', reason: 'daily', left: 0, reserve: 25_000 }],
  ])('%s', (_n, usage, needed, pace) => expect(paceHubspot(usage, needed)).toEqual(pace));

  test('paced this way, a publication never takes the window below 30 %', () => {
    // A window of 190 with teammates using 20 of it: the job goes while it can and waits otherwise.
    let remaining = 170;
    let lowest = remaining;
    for (let i = 0; i < 500; i++) {
      const pace = paceHubspot(hs(remaining));
      if (pace.kind !== 'go') throw new Error('stopped');
      if (pace.waitMs > 0) remaining = 170;
      else remaining -= 1;
      lowest = Math.min(lowest, remaining);
    }
    expect(lowest / 190).toBeGreaterThanOrEqual(0.3);
  });
});

describe('paceSalesforce: stop before the org\'s daily allowance is nearly spent', () => {
  test.each<[string, { used: number; max: number } | null, number, Pace]>([
    ['no header yet', null, 1, { kind: 'go', waitMs: 0 }],
    ['a fresh day', { used: 25, max: 15_000 }, 1, { kind: 'go', waitMs: 0 }],
    ['one above the reserve', { used: 13_499, max: 15_000 }, 1, { kind: 'go', waitMs: 0 }],
    ['at the reserve', { used: 13_500, max: 15_000 }, 1, { kind: 'stop', reason: 'daily', left: 1_500, reserve: 1_500 }],
    ['over the limit', { used: 15_200, max: 15_000 }, 1, { kind: 'stop', reason: 'daily', left: -200, reserve: 1_500 }],
    ['a header without a limit', { used: 0, max: 0 }, 1, { kind: 'go', waitMs: 0 }],
  ])('%s', (_n, usage, needed, pace) => expect(paceSalesforce(usage, needed)).toEqual(pace));
});

test.each<[HubspotUsage | null, number | null]>([
  [null, null],
  [hs(57), 0.3],
  [hs(190), 1],
  [{ daily: 5 }, null],
])('sidebarShareLeft(%j) = %s', (usage, share) => expect(sidebarShareLeft(usage)).toBe(share));
