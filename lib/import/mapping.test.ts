import { describe, expect, it, test } from 'vitest';
import { SIGNALS } from './fixtures/signals.ts';
import { CsvMappingSchema, headerSignature, isPercentSignal, suggestMapping, type MappableSignal } from './mapping.ts';

describe('headerSignature', () => {
  const base = headerSignature(['company_id', 'Active Users', 'NPS']);

  test.each([
    ['the same headers', ['company_id', 'Active Users', 'NPS']],
    ['another column order', ['NPS', 'company_id', 'Active Users']],
    ['full-width and another case', ['ｃｏｍｐａｎｙ＿ｉｄ', 'active users', 'ｎｐｓ']],
    ['extra spaces', [' company_id ', 'Active   Users', 'NPS']],
    ['an unnamed padding column', ['company_id', 'Active Users', 'NPS', '']],
  ])('is the same for %s', (_name, headers) => {
    expect(headerSignature(headers)).toBe(base);
  });

  test.each([
    ['a column more', ['company_id', 'Active Users', 'NPS', 'memo']],
    ['a column less', ['company_id', 'Active Users']],
    ['a renamed column', ['company_id', 'Active Users', 'CSAT']],
  ])('differs for %s', (_name, headers) => {
    expect(headerSignature(headers)).not.toBe(base);
  });

  it('is a short storage key', () => {
    expect(base).toMatch(/^csv1-3-[0-9a-z]+$/);
  });
});

describe('suggestMapping', () => {
  test.each<[string, string[], Record<string, string>]>([
    ['by CSV column name', ['active_users', 'nps', 'sso'], { active_users: 'active_users', nps: 'nps', sso: 'sso_enabled' }],
    ['by English label, any case', ['ACTIVE USERS', 'Active user rate'], { 'ACTIVE USERS': 'active_users', 'Active user rate': 'active_user_rate' }],
    ['by Japanese label, any width', ['アクティブユーザー数', 'ｱｸﾃｨﾌﾞ率', 'ＮＰＳ'], { アクティブユーザー数: 'active_users', ｱｸﾃｨﾌﾞ率: 'active_user_rate', ＮＰＳ: 'nps' }],
    ['by id', ['exec_sponsor', 'renewal-date'], { exec_sponsor: 'exec_sponsor', 'renewal-date': 'renewal_date' }],
    ['nothing for unknown headers', ['memo', 'owner'], {}],
  ])('%s', (_name, headers, columns) => {
    expect(suggestMapping(headers, SIGNALS).columns).toEqual(columns);
  });

  it('prefers the CSV column name over a label, and maps each signal once', () => {
    const s = suggestMapping(['Active users', 'active_users'], SIGNALS);
    expect(s.columns).toEqual({ active_users: 'active_users' });
    expect(s.matchedBy).toEqual({ active_users: 'column' });
  });

  test.each<[string[], string, string]>([
    [['hs_object_id', 'Company name', 'Domain'], 'hs_object_id', 'crmId'],
    [['Account ID', '取引先名'], 'Account ID', 'crmId'],
    [['会社名', 'ドメイン'], 'ドメイン', 'domain'],
    [['Website', 'nps'], 'Website', 'domain'],
    [['会社名', 'nps'], '会社名', 'name'],
    [['Company Name', 'nps'], 'Company Name', 'name'],
  ])('finds the key column in %j', (headers, keyColumn, keyKind) => {
    expect(suggestMapping(headers, SIGNALS)).toMatchObject({ keyColumn, keyKind });
  });

  test.each([
    [['id', '集計日', 'nps'], '集計日'],
    [['id', 'Date', 'nps'], 'Date'],
    [['id', 'observed_at'], 'observed_at'],
  ])('finds the date column in %j', (headers, observedAtColumn) => {
    expect(suggestMapping(headers, SIGNALS).observedAtColumn).toBe(observedAtColumn);
  });

  it('gives a mapping the schema accepts once a key is found', () => {
    const s = suggestMapping(['company_id', 'active_users', '集計日'], SIGNALS);
    const parsed = CsvMappingSchema.safeParse({ keyColumn: s.keyColumn, keyKind: s.keyKind, observedAtColumn: s.observedAtColumn, columns: s.columns });
    expect(parsed.success).toBe(true);
  });
});

describe('CsvMappingSchema', () => {
  it('survives JSON storage', () => {
    const mapping = { keyColumn: 'id', keyKind: 'crmId', columns: { nps: 'nps' }, dateFormat: 'dmy', utcOffsetMinutes: 540 };
    expect(CsvMappingSchema.parse(JSON.parse(JSON.stringify(mapping)))).toEqual(mapping);
  });

  test.each([
    ['no key column', { keyKind: 'crmId', columns: {} }],
    ['an unknown key kind', { keyColumn: 'id', keyKind: 'email', columns: {} }],
    ['a non-string signal id', { keyColumn: 'id', keyKind: 'name', columns: { nps: 3 } }],
    ['an impossible time zone', { keyColumn: 'id', keyKind: 'name', columns: {}, utcOffsetMinutes: 5000 }],
  ])('refuses %s', (_name, mapping) => {
    expect(CsvMappingSchema.safeParse(mapping).success).toBe(false);
  });
});

describe('isPercentSignal', () => {
  const s = (unit: MappableSignal['unit']): MappableSignal => ({ id: 'x', type: 'number', unit, source: { kind: 'csv' }, label: { ja: 'x', en: 'x' } });
  test.each<[MappableSignal['unit'], boolean]>([
    ['%', true],
    ['％', true],
    ['percent', true],
    [{ ja: '%', en: '%' }, true],
    [{ ja: '人', en: 'users' }, false],
    [undefined, false],
  ])('%j → %s', (unit, percent) => {
    expect(isPercentSignal(s(unit))).toBe(percent);
  });
});
