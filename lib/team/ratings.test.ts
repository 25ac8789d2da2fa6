import { describe, expect, test } from 'vitest';
import { teamRatings, type RatedNote, type RatingSignal } from './ratings.ts';

const NOW = Date.parse('2026-12-05T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();
const sato = (d: number, ratings: Record<string, number>): RatedNote => ({ ratings, createdAt: daysAgo(d), author: '佐藤 花子', authorId: '101', own: false });
const tanaka = (d: number, ratings: Record<string, number>): RatedNote => ({ ratings, createdAt: daysAgo(d), author: '田中 一郎', authorId: '102', own: false });
const me = (d: number, ratings: Record<string, number>): RatedNote => ({ ratings, createdAt: daysAgo(d), own: true });

const promotion: RatingSignal = { id: 'promotion', freshnessDays: 30 };
const meanPromotion: RatingSignal = { id: 'promotion', freshnessDays: 30, combine: { kind: 'mean', days: 30 } };

describe('teamRatings: the latest rating per signal from anyone on the team (default)', () => {
  test.each<[string, RatedNote[], { value: number; by: Array<string | undefined>; stale: boolean[] } | undefined]>([
    ['nobody rated it', [sato(1, { sentiment: 4 })], undefined],
    ['one teammate', [sato(3, { promotion: 4 })], { value: 4, by: ['佐藤 花子'], stale: [false] }],
    ['a teammate rated after me: theirs counts', [me(5, { promotion: 2 }), sato(3, { promotion: 4 })], { value: 4, by: ['佐藤 花子'], stale: [false] }],
    ['I rated after a teammate: mine counts', [sato(5, { promotion: 4 }), me(1, { promotion: 2 })], { value: 2, by: [undefined], stale: [false] }],
    ['a note without this signal does not hide an older rating', [sato(40, { promotion: 3 }), tanaka(1, { sentiment: 5 })], { value: 3, by: ['佐藤 花子'], stale: [true] }],
    ['older than the signal’s freshness: listed as stale', [tanaka(31, { promotion: 5 })], { value: 5, by: ['田中 一郎'], stale: [true] }],
    ['the same instant: my own note wins, whatever the storage order', [sato(2, { promotion: 4 }), me(2, { promotion: 1 })], { value: 1, by: [undefined], stale: [false] }],
  ])('%s', (_name, notes, expected) => {
    const out = teamRatings([promotion], notes, NOW)['promotion'];
    if (!expected) return expect(out).toBeUndefined();
    expect(out).toMatchObject({ mode: 'latest', value: expected.value });
    expect(out!.raters.map((r) => r.name)).toEqual(expected.by);
    expect(out!.raters.map((r) => r.stale)).toEqual(expected.stale);
    // The reverse storage order gives the same answer.
    expect(teamRatings([promotion], [...notes].reverse(), NOW)['promotion']).toEqual(out);
  });
});

describe('teamRatings: the mean of the last N days (a pack option), each rater’s latest counted once', () => {
  test.each<[string, RatedNote[], { value: number; raters: Array<[string | undefined, number]>; outsideWindow?: boolean }]>([
    ['two raters in the window', [sato(3, { promotion: 4 }), me(10, { promotion: 3 })], { value: 3.5, raters: [['佐藤 花子', 4], [undefined, 3]] }],
    ['a rater who rated often counts once, with their latest', [sato(1, { promotion: 5 }), sato(2, { promotion: 1 }), sato(3, { promotion: 1 }), tanaka(4, { promotion: 2 })], { value: 3.5, raters: [['佐藤 花子', 5], ['田中 一郎', 2]] }],
    ['ratings older than the window are left out', [sato(3, { promotion: 4 }), tanaka(45, { promotion: 1 })], { value: 4, raters: [['佐藤 花子', 4]] }],
    ['three raters: a mean to two decimals', [sato(1, { promotion: 4 }), tanaka(2, { promotion: 4 }), me(3, { promotion: 5 })], { value: 4.33, raters: [['佐藤 花子', 4], ['田中 一郎', 4], [undefined, 5]] }],
    ['none in the window: the latest stands in, marked', [sato(60, { promotion: 2 }), tanaka(90, { promotion: 5 })], { value: 2, raters: [['佐藤 花子', 2]], outsideWindow: true }],
  ])('%s', (_name, notes, expected) => {
    const out = teamRatings([meanPromotion], notes, NOW)['promotion']!;
    expect(out).toMatchObject({ mode: 'mean', days: 30, value: expected.value });
    expect(out.raters.map((r) => [r.name, r.value])).toEqual(expected.raters);
    expect(!!out.outsideWindow).toBe(!!expected.outsideWindow);
    expect(out.observedAt).toBe(out.raters[0]!.at);
  });

  test('two raters with the same name but different CRM ids are two people', () => {
    const other = { ...tanaka(2, { promotion: 1 }), author: '佐藤 花子', authorId: '999' };
    const out = teamRatings([meanPromotion], [sato(1, { promotion: 5 }), other], NOW)['promotion']!;
    expect(out.raters).toHaveLength(2);
    expect(out.value).toBe(3);
  });
});
