import { describe, expect, test } from 'vitest';
import { cellSchema, issueOf, readBoolean, readDate, readNumber, readRating, type Read } from './values.ts';

const value = <T>(r: Read<T>): T | null | string => (r.ok ? r.value : `!${r.issue.code}`);

describe('readNumber', () => {
  test.each<[string, boolean, number | null | string]>([
    ['1234', false, 1234],
    ['1,234', false, 1234],
    ['1,234,567.5', false, 1234567.5],
    ['１，２３４', false, 1234],
    ['１２．５', false, 12.5],
    ['-3', false, -3],
    ['−3', false, -3],
    ['▲3', false, -3],
    ['+3', false, 3],
    ['.5', false, 0.5],
    ['1.2E+05', false, 120000],
    ['  42  ', false, 42],
    ['', false, null],
    ['   ', false, null],
    ['12.5%', true, 12.5],
    ['１２．５％', true, 12.5],
    ['80 %', true, 80],
    ['12.5', true, 12.5],
    ['12.5%', false, '!percent_not_allowed'],
    ['1,5', false, '!decimal_comma'],
    ['1,23', false, '!decimal_comma'],
    ['12,34,567', false, '!bad_number'],
    ['abc', false, '!bad_number'],
    ['¥1,000', false, '!bad_number'],
    ['10件', false, '!bad_number'],
    ['1.2.3', false, '!bad_number'],
    ['NaN', false, '!bad_number'],
    ['Infinity', false, '!bad_number'],
    ['1e999', false, '!bad_number'],
  ])('%j (percent: %s) → %j', (raw, percent, expected) => {
    expect(value(readNumber(raw, { percent }))).toBe(expected);
  });
});

describe('readRating', () => {
  test.each([
    ['4', 4],
    ['４', 4],
    ['2.5', 2.5],
    ['', null],
    ['0', '!rating_out_of_range'],
    ['6', '!rating_out_of_range'],
    ['80%', '!percent_not_allowed'],
    ['good', '!bad_number'],
  ])('%j → %j', (raw, expected) => {
    expect(value(readRating(raw))).toBe(expected);
  });
});

describe('readBoolean', () => {
  test.each([
    ['true', true],
    ['TRUE', true],
    ['Yes', true],
    ['y', true],
    ['1', true],
    ['１', true],
    ['はい', true],
    ['○', true],
    ['false', false],
    ['FALSE', false],
    ['no', false],
    ['0', false],
    ['いいえ', false],
    ['×', false],
    ['', null],
    ['maybe', '!bad_boolean'],
    ['2', '!bad_boolean'],
  ])('%j → %j', (raw, expected) => {
    expect(value(readBoolean(raw))).toBe(expected);
  });
});

describe('readDate', () => {
  test.each<[string, Parameters<typeof readDate>[1], string | null]>([
    ['2026-11-23', {}, '2026-11-23T00:00:00.000Z'],
    ['2026/11/23', {}, '2026-11-23T00:00:00.000Z'],
    ['2026/1/5', {}, '2026-01-05T00:00:00.000Z'],
    ['２０２６／１１／２３', {}, '2026-11-23T00:00:00.000Z'],
    ['2026-11-23 10:00', {}, '2026-11-23T10:00:00.000Z'],
    ['2026/11/23 10:00:30', {}, '2026-11-23T10:00:30.000Z'],
    ['2026-11-23T10:00:00Z', {}, '2026-11-23T10:00:00.000Z'],
    ['2026-11-23T10:00:00.250+09:00', {}, '2026-11-23T01:00:00.250Z'],
    ['2026-11-23T10:00:00+0900', {}, '2026-11-23T01:00:00.000Z'],
    ['2026年11月23日', {}, '2026-11-23T00:00:00.000Z'],
    ['2026年11月', {}, '2026-11-01T00:00:00.000Z'],
    ['2026-11', {}, '2026-11-01T00:00:00.000Z'],
    ['20261123', {}, '2026-11-23T00:00:00.000Z'],
    // Excel serials: 46349 is 2026-11-23; .5 is noon.
    ['46349', {}, '2026-11-23T00:00:00.000Z'],
    ['46349.5', {}, '2026-11-23T12:00:00.000Z'],
    // Times without an offset are read in the mapping's time zone.
    ['2026-11-23', { utcOffsetMinutes: 540 }, '2026-11-22T15:00:00.000Z'],
    ['46349', { utcOffsetMinutes: 540 }, '2026-11-22T15:00:00.000Z'],
    ['2026-11-23T10:00:00Z', { utcOffsetMinutes: 540 }, '2026-11-23T10:00:00.000Z'],
    // Day and month order: unambiguous on its own, or as the mapping says.
    ['23/11/2026', {}, '2026-11-23T00:00:00.000Z'],
    ['11/23/2026', {}, '2026-11-23T00:00:00.000Z'],
    ['01/02/2026', { order: 'mdy' }, '2026-01-02T00:00:00.000Z'],
    ['01/02/2026', { order: 'dmy' }, '2026-02-01T00:00:00.000Z'],
    ['', {}, null],
  ])('%j %j → %s', (raw, options, expected) => {
    expect(value(readDate(raw, options))).toBe(expected);
  });

  test.each([
    ['01/02/2026', '!ambiguous_date'],
    ['2026-02-30', '!bad_date'],
    ['2026-13-01', '!bad_date'],
    ['2026-11-23 25:00', '!bad_date'],
    ['2026', '!bad_date'],
    ['yesterday', '!bad_date'],
    ['12/25', '!bad_date'],
  ])('%j → %s', (raw, expected) => {
    expect(value(readDate(raw))).toBe(expected);
  });
});

describe('cellSchema', () => {
  test('carries the import issue through zod', () => {
    const schema = cellSchema({ type: 'number', percent: false, signalId: 'nps' });
    expect(schema.parse('1,234')).toBe(1234);
    const failed = schema.safeParse('12%');
    expect(failed.success).toBe(false);
    if (!failed.success) expect(issueOf(failed.error)).toEqual({ code: 'percent_not_allowed', params: { value: '12%', signalId: 'nps' } });
  });
});
