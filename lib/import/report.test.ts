import Papa from 'papaparse';
import { describe, expect, it, test } from 'vitest';
import { parseCsv } from './csv.ts';
import { rejectionReportCsv, type ReportRow } from './report.ts';

const REJECTED: ReportRow[] = [
  { row: 3, column: 'アクティブ', value: '1,2x', reason: 'bad', issue: { code: 'bad_number', params: { value: '1,2x' } } },
  { row: 7, column: 'memo', value: 'line\n"two"', reason: 'stored reason' },
  { row: 9, column: 'nps', value: '=HYPERLINK("http://x")', reason: 'bad', issue: { code: 'bad_number', params: { value: '=HYPERLINK("http://x")' } } },
];

describe('rejectionReportCsv', () => {
  test.each([
    ['en', ['row', 'column', 'value', 'reason'], '"1,2x" is not a number'],
    ['ja', ['行', '列', '値', '理由'], '「1,2x」は数値ではありません'],
  ] as const)('%s: UTF-8 with BOM, CRLF, localised headings and reasons', (locale, headings, reason) => {
    const csv = rejectionReportCsv(REJECTED, locale);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(headings);
    expect(rows[1]!.slice(0, 3)).toEqual(['3', 'アクティブ', '1,2x']);
    expect(rows[1]![3]).toContain(reason);
    expect(rows[2]).toEqual(['7', 'memo', 'line\n"two"', 'stored reason']);
  });

  it('keeps a value Excel would run as a formula from running', () => {
    const rows = Papa.parse<string[]>(rejectionReportCsv(REJECTED, 'en').slice(1), { skipEmptyLines: true }).data;
    expect(rows[3]![2]).toBe(`'=HYPERLINK("http://x")`);
  });

  test.each([
    ['a line break after the formula', '=HYPERLINK("http://x")\nclick'],
    ['a carriage return inside', '+1\r\n2'],
    ['a leading tab', '\t=1+1'],
    ['a full-width equals sign', '＝SUM(A1:A2)'],
    ['@ with a line break', '@SUM(1)\n'],
  ])('defuses a formula with %s', (_name, value) => {
    const csv = rejectionReportCsv([{ row: 2, column: 'memo', value, reason: 'r' }], 'en');
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[1]![2]).toBe(`'${value}`);
  });

  test.each(['plain text', '1,234', 'a=b', ''])('leaves %j alone', (value) => {
    const rows = Papa.parse<string[]>(rejectionReportCsv([{ row: 2, column: 'memo', value, reason: 'r' }], 'en').slice(1), { skipEmptyLines: true }).data;
    expect(rows[1]![2]).toBe(value);
  });

  it('reads back through our own parser', () => {
    const parsed = parseCsv(new TextEncoder().encode(rejectionReportCsv(REJECTED, 'ja')));
    expect(parsed.encoding).toBe('utf-8-bom');
    expect(parsed.headers).toEqual(['行', '列', '値', '理由']);
    expect(parsed.rows).toHaveLength(3);
  });

  it('is a header alone when nothing was rejected', () => {
    expect(rejectionReportCsv([], 'en')).toBe('\uFEFFrow,column,value,reason\r\n');
  });
});
