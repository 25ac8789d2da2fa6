import { describe, expect, test } from 'vitest';
import { changesSince, countBook, filterBook, prepare, searchKey, seenOf, sortBook, type BookFilters, type BookRow } from './book.ts';

const row = (key: string, name: string, extra: Partial<BookRow> = {}): BookRow => ({
  key,
  crm: 'hubspot',
  name,
  url: `https://app.hubspot.com/contacts/1/record/0-2/${key}`,
  score: 50,
  band: 'watch',
  level: 2,
  stage: 'adoption',
  touchModel: 'low',
  nextAction: null,
  drivers: { up: null, down: null },
  renewalDays: null,
  lastTouch: null,
  fetchedAt: null,
  owner: null,
  ownerId: null,
  trend: [],
  staleInputs: 0,
  ...extra,
});

const book = prepare([
  row('a', '株式会社サンプル商事', { score: 82, band: 'healthy', level: 3, stage: 'expansion', touchModel: 'high', renewalDays: 150, ownerId: 'me-hs' }),
  row('b', 'Northwind Logistics Inc.', { score: 31, band: 'at-risk', level: 1, renewalDays: 52, ownerId: 'other' }),
  row('c', 'Contoso Paper Works', { score: null, band: null, level: 1, renewalDays: -3 }),
  row('d', '(株)ＡＣＭＥ', { score: 55, band: 'watch', level: 2, renewalDays: 20, ownerId: 'me-sf', lastTouch: { at: '2026-12-01T00:00:00Z', by: '佐藤 花子' } }),
]);
const keys = (rows: BookRow[]) => rows.map((r) => r.key);

describe('filterBook', () => {
  test.each<[string, BookFilters, string[]]>([
    ['no filter: the whole book', {}, ['a', 'b', 'c', 'd']],
    ['one band', { bands: ['at-risk'] }, ['b']],
    ['two bands', { bands: ['at-risk', 'watch'] }, ['b', 'd']],
    ['a level', { levels: [1] }, ['b', 'c']],
    ['a stage', { stages: ['expansion'] }, ['a']],
    ['a touch model', { touchModels: ['high'] }, ['a']],
    ['renewal within 60 days (a past renewal is not "within")', { renewalWithinDays: 60 }, ['b', 'd']],
    ['my accounts, in either CRM', { owner: 'me' }, ['a', 'd']],
    ['a chosen CSM', { owner: 'other' }, ['b']],
    ['search ignores 株式会社', { query: 'サンプル商事' }, ['a']],
    ['search ignores (株) and full width', { query: 'acme' }, ['d']],
    ['search ignores Inc. and case', { query: 'NORTHWIND logistics' }, ['b']],
    ['search in part of a name', { query: 'paper' }, ['c']],
    ['search and band together', { query: 'northwind', bands: ['healthy'] }, []],
  ])('%s', (_name, filters, expected) => {
    expect(keys(filterBook(book, filters, { ids: ['me-hs', 'me-sf'] }))).toEqual(expected);
  });

  test('searchKey folds the forms a CSM types', () => {
    expect(searchKey('株式会社サンプル商事')).toBe(searchKey('サンプル商事'));
    expect(searchKey('ＡＣＭＥ Co., Ltd.')).toBe('acme');
  });
});

describe('sortBook', () => {
  test.each<[Parameters<typeof sortBook>[1], 'asc' | 'desc', string[]]>([
    ['score', 'asc', ['b', 'd', 'a', 'c']],
    ['score', 'desc', ['a', 'd', 'b', 'c']],
    ['renewal', 'asc', ['c', 'd', 'b', 'a']],
    ['level', 'desc', ['a', 'd', 'c', 'b']],
    ['lastTouch', 'desc', ['d', 'c', 'b', 'a']],
  ])('%s %s (missing values last, names break ties)', (by, dir, expected) => {
    expect(keys(sortBook(book, by, dir))).toEqual(expected);
  });
});

test('countBook: per band (no data counted apart) and per level', () => {
  expect(countBook(book)).toEqual({ bands: { healthy: 1, 'at-risk': 1, 'insufficient-data': 1, watch: 1 }, levels: { 1: 2, 2: 1, 3: 1 }, total: 4 });
});

describe('changesSince', () => {
  const driver = { ja: 'アクティブユーザー減少', en: 'Active users down' };
  const lift = { ja: 'NPS 10', en: 'NPS 10' };
  test('band, level and next action moves are listed with the driver; unchanged and new accounts are not; band moves first', () => {
    const seen = {
      a: seenOf(book[0]!),
      b: { ...seenOf(book[1]!), band: 'watch', score: 55 },
      d: { ...seenOf(book[3]!), level: 1, action: 'kickoff', score: 40 },
    };
    const now = [
      book[0]!,
      { ...book[1]!, drivers: { up: lift, down: driver } },
      { ...book[3]!, drivers: { up: lift, down: driver }, nextAction: { id: 'qbr', title: { en: 'Hold a QBR' }, dueDate: '2026-12-10' } },
      book[2]!,
    ];
    const changes = changesSince(seen, now);
    expect(changes.map((c) => c.key)).toEqual(['b', 'd']);
    expect(changes[0]).toMatchObject({ band: { from: 'watch', to: 'at-risk' }, driver });
    // b fell (55 → 31): the driver pulling it down; d rose (40 → 55): the one lifting it.
    expect(changes[1]).toMatchObject({ level: { from: 1, to: 2 }, action: { from: 'kickoff', to: 'qbr', title: { en: 'Hold a QBR' } }, driver: lift });
    expect(changes[1]!.band).toBeUndefined();
  });
});
