import Encoding from 'encoding-japanese';
import { describe, expect, it, test } from 'vitest';
import { parseCsv } from './csv.ts';
import { SIGNALS } from './fixtures/signals.ts';
import { mapCsv, type MapResult } from './map-rows.ts';
import type { CsvMapping } from './mapping.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const sjis = (text: string): Uint8Array =>
  Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }) as number[]);

const FULL: CsvMapping = {
  keyColumn: '会社名',
  keyKind: 'name',
  observedAtColumn: '集計日',
  columns: { アクティブ: 'active_users', 利用率: 'active_user_rate', SSO: 'sso_enabled', 評価: 'exec_sponsor' },
};
const MAPPING: CsvMapping = { ...FULL, columns: { アクティブ: 'active_users' } };

function run(text: string, mapping: unknown = MAPPING, options = {}): MapResult {
  return mapCsv(parseCsv(utf8(text)), mapping, SIGNALS, options);
}

function ok(result: MapResult): Extract<MapResult, { ok: true }> {
  if (!result.ok) throw new Error(`mapping failed: ${result.errors.map((e) => e.message).join(' / ')}`);
  return result;
}

describe('mapCsv', () => {
  it('turns rows into observations, keyed and dated', () => {
    const r = ok(run('会社名,集計日,アクティブ,利用率,SSO,評価\n株式会社アクメ,2026/11/23,"1,234",12.5%,はい,4\n', FULL));
    expect(r.observations).toEqual([
      { subject: 'name:アクメ', signalId: 'active_users', value: 1234, observedAt: '2026-11-23T00:00:00.000Z', row: 2 },
      { subject: 'name:アクメ', signalId: 'active_user_rate', value: 12.5, observedAt: '2026-11-23T00:00:00.000Z', row: 2 },
      { subject: 'name:アクメ', signalId: 'sso_enabled', value: true, observedAt: '2026-11-23T00:00:00.000Z', row: 2 },
      { subject: 'name:アクメ', signalId: 'exec_sponsor', value: 4, observedAt: '2026-11-23T00:00:00.000Z', row: 2 },
    ]);
    expect(r.rejected).toEqual([]);
    expect(r.stats).toEqual({ rows: 1, rowsImported: 1, emptyCells: 0 });
  });

  it('reads a Shift_JIS export from Excel end to end', () => {
    const parsed = parseCsv(sjis('会社名,集計日,アクティブ\r\n㈱アクメ,2026-11-23,１２\r\n'));
    expect(parsed.encoding).toBe('shift_jis');
    const r = ok(mapCsv(parsed, MAPPING, SIGNALS));
    expect(r.observations).toMatchObject([{ subject: 'name:アクメ', value: 12 }]);
  });

  test.each([
    ['CRM id', 'crmId', '001D000000IRFma', 'sfid:001D000000IRFmaIAH'],
    ['CRM id (HubSpot)', 'crmId', '９８７６', 'crmid:9876'],
    ['domain', 'domain', 'https://www.acme.co.jp/', 'domain:acme.co.jp'],
  ])('keys rows by %s', (_name, keyKind, raw, subject) => {
    const r = ok(run(`key,集計日,アクティブ\n${raw},2026-11-23,1\n`, { ...MAPPING, keyColumn: 'key', keyKind, columns: { アクティブ: 'active_users' } }));
    expect(r.observations[0]!.subject).toBe(subject);
  });

  it('numbers rows as they are in the file, lines above the header included', () => {
    const r = ok(run('利用レポート\n\n会社名,集計日,アクティブ\nA,2026-11-23,1\n\nB,2026-11-23,x\n'));
    expect(r.observations[0]!.row).toBe(4);
    expect(r.rejected[0]!.row).toBe(6);
  });

  it('rejects a bad number but keeps the row’s other cells', () => {
    const r = ok(run('会社名,集計日,アクティブ,利用率,SSO\nAcme,2026-11-23,12人,50%,yes\n', { ...FULL, columns: { アクティブ: 'active_users', 利用率: 'active_user_rate', SSO: 'sso_enabled' } }));
    expect(r.observations.map((o) => o.signalId)).toEqual(['active_user_rate', 'sso_enabled']);
    expect(r.rejected).toEqual([
      {
        row: 2,
        column: 'アクティブ',
        value: '12人',
        code: 'bad_number',
        issue: { code: 'bad_number', params: { value: '12人' } },
        reason: expect.stringContaining('"12人" is not a number'),
      },
    ]);
    expect(r.stats.rowsImported).toBe(1);
  });

  test.each([
    ['a % on a plain number', 'アクティブ', '12%', 'percent_not_allowed'],
    ['a rating outside 1–5', '評価', '7', 'rating_out_of_range'],
    ['a yes/no that is neither', 'SSO', 'maybe', 'bad_boolean'],
    ['a decimal comma', '利用率', '1,5', 'decimal_comma'],
  ])('rejects %s', (_name, column, value, code) => {
    const cells: Record<string, string> = { アクティブ: '1', 利用率: '2', SSO: 'no', 評価: '3', [column]: value };
    const r = ok(run(`会社名,集計日,アクティブ,利用率,SSO,評価\nAcme,2026-11-23,"${cells.アクティブ}","${cells.利用率}",${cells.SSO},${cells.評価}\n`, FULL));
    expect(r.rejected).toMatchObject([{ column, value, code }]);
    expect(r.observations).toHaveLength(3);
  });

  it('treats empty cells as no value, not as errors', () => {
    const r = ok(run('会社名,集計日,アクティブ,利用率,SSO,評価\nAcme,2026-11-23,,　, ,\n', FULL));
    expect(r.observations).toEqual([]);
    expect(r.rejected).toEqual([]);
    expect(r.stats).toEqual({ rows: 1, rowsImported: 0, emptyCells: 4 });
  });

  test.each([
    ['an empty key', ',2026-11-23,1', '会社名', 'key_empty'],
    ['an empty date', 'Acme,,1', '集計日', 'date_empty'],
    ['a bad date', 'Acme,someday,1', '集計日', 'bad_date'],
  ])('rejects the whole row for %s', (_name, line, column, code) => {
    const r = ok(run(`会社名,集計日,アクティブ\n${line}\n`));
    expect(r.observations).toEqual([]);
    expect(r.rejected).toMatchObject([{ row: 2, column, code }]);
  });

  it('rejects a duplicate key, naming the first row, width and suffix notwithstanding', () => {
    const r = ok(run('会社名,集計日,アクティブ\nACME Inc.,2026-11-23,1\nBeta,2026-11-23,2\nＡＣＭＥ,2026/11/23,3\nacme,2026-11-24,4\n'));
    expect(r.observations.map((o) => o.value)).toEqual([1, 2, 4]);
    expect(r.duplicates).toEqual([{ row: 4, firstRow: 2, subject: 'name:acme', observedAt: '2026-11-23T00:00:00.000Z' }]);
    expect(r.rejected).toMatchObject([{ row: 4, column: '会社名', value: 'ＡＣＭＥ', code: 'duplicate_key' }]);
    expect(r.rejected[0]!.reason).toContain('row 2');
  });

  it('matches a full-width key to the half-width one', () => {
    const r = ok(run('key,集計日,アクティブ\n１２３,2026-11-23,1\n123,2026-11-23,2\n', { ...MAPPING, keyColumn: 'key', keyKind: 'crmId', columns: { アクティブ: 'active_users' } }));
    expect(r.duplicates).toMatchObject([{ row: 3, firstRow: 2, subject: 'crmid:123' }]);
  });

  it('dates rows with the import date when the mapping has no date column', () => {
    const mapping = { keyColumn: '会社名', keyKind: 'name', columns: { アクティブ: 'active_users' } };
    const r = ok(run('会社名,アクティブ\nAcme,1\n', mapping, { defaultObservedAt: '2026-11-23T01:02:03+09:00' }));
    expect(r.observations[0]!.observedAt).toBe('2026-11-22T16:02:03.000Z');
  });

  it('reads dates in the mapping’s time zone and order', () => {
    const r = ok(run('会社名,集計日,アクティブ\nAcme,01/02/2026,1\n', { ...MAPPING, columns: { アクティブ: 'active_users' }, dateFormat: 'dmy', utcOffsetMinutes: 540 }));
    expect(r.observations[0]!.observedAt).toBe('2026-01-31T15:00:00.000Z');
  });

  it('gives reasons in Japanese when asked', () => {
    const r = ok(run('会社名,集計日,アクティブ\nAcme,2026-11-23,abc\n', MAPPING, { locale: 'ja' }));
    expect(r.rejected[0]!.reason).toBe('「abc」は数値ではありません。1234、1,234、12.5 のように数字で入力してください（単位や通貨記号は付けません）。');
  });
});

describe('mapCsv refuses a mapping that does not fit', () => {
  const header = '会社名,集計日,アクティブ\nAcme,2026-11-23,1\n';

  test.each([
    ['a missing key column', { ...MAPPING, keyColumn: '取引先ID' }, [['missing_column', '取引先ID']]],
    ['a missing date column', { ...MAPPING, observedAtColumn: '日付', columns: {} }, [['missing_column', '日付']]],
    [
      'missing signal columns, each named',
      { ...MAPPING, columns: { アクティブ: 'active_users', 利用率: 'active_user_rate', NPS: 'nps' } },
      [
        ['missing_column', '利用率'],
        ['missing_column', 'NPS'],
      ],
    ],
    ['a signal the pack no longer has', { ...MAPPING, columns: { アクティブ: 'daily_logins' } }, [['unknown_signal', 'アクティブ']]],
  ])('%s', (_name, mapping, expected) => {
    const r = run(header, mapping);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.column])).toEqual(expected);
    for (const [, column] of expected) expect(r.errors.some((e) => e.message.includes(`"${column}"`))).toBe(true);
  });

  it('names the missing column in Japanese too', () => {
    const r = run(header, { ...MAPPING, keyColumn: '取引先ID' }, { locale: 'ja' });
    expect(!r.ok && r.errors[0]!.message).toContain('列「取引先ID」');
  });

  it('finds a mapped column whatever its width or case', () => {
    const r = ok(run('Company,集計日,Active Users\nAcme,2026-11-23,5\n', { ...MAPPING, keyColumn: 'ｃｏｍｐａｎｙ', columns: { 'active  users': 'active_users' } }));
    expect(r.rejected).toEqual([]);
    expect(r.observations).toMatchObject([{ subject: 'name:acme', value: 5 }]);
  });

  test.each([
    ['not an object', 'nps'],
    ['without a key column', { keyKind: 'name', columns: {} }],
    ['with an unknown key kind', { keyColumn: '会社名', keyKind: 'email', columns: {} }],
  ])('a stored mapping %s', (_name, mapping) => {
    const r = run(header, mapping);
    expect(r.ok ? null : r.errors.map((e) => e.code)).toEqual(['mapping_invalid']);
  });

  it('a mapping without a date column when no import date is given', () => {
    const r = run(header, { keyColumn: '会社名', keyKind: 'name', columns: {} });
    expect(r.ok ? null : r.errors.map((e) => e.code)).toEqual(['no_observed_at']);
  });
});

describe('a 100,000-row file', () => {
  it('maps every row and counts what it rejected', () => {
    const lines = ['company_id,集計日,active_users,active_user_rate,nps'];
    for (let i = 0; i < 100_000; i++) {
      // Every 1,000th row has a bad number; every 10,000th repeats the row before it.
      const id = i % 10_000 === 9_999 ? 1_000 + i - 1 : 1_000 + i;
      const users = i % 1_000 === 500 ? 'n/a' : `"${(i % 5_000).toLocaleString('en-US')}"`;
      lines.push(`${id},2026/11/23,${users},${i % 100}%,${(i % 21) - 10}`);
    }
    const parsed = parseCsv(utf8(lines.join('\r\n')));
    const r = ok(mapCsv(parsed, { keyColumn: 'company_id', keyKind: 'crmId', observedAtColumn: '集計日', columns: { active_users: 'active_users', active_user_rate: 'active_user_rate', nps: 'nps' } }, SIGNALS));
    expect(r.stats.rows).toBe(100_000);
    expect(r.duplicates).toHaveLength(10);
    expect(r.rejected.filter((x) => x.code === 'bad_number')).toHaveLength(100);
    expect(r.rejected).toHaveLength(110);
    expect(r.observations).toHaveLength((100_000 - 10) * 3 - 100);
    expect(r.observations.at(-1)).toMatchObject({ subject: 'crmid:100998', signalId: 'nps', row: 100_000 });
  });
});
