import Encoding from 'encoding-japanese';
import { describe, expect, it, test } from 'vitest';
import { parseCsv, parseCsvChunked, type ParsedCsv } from './csv.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const utf8Bom = (text: string): Uint8Array => utf8('\uFEFF' + text);
const utf16le = (text: string): Uint8Array => {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 0xff;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
};
/** Shift_JIS as Excel in Japan writes it (CP932), built here so no tables ship with the extension. */
const sjis = (text: string): Uint8Array =>
  Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }) as number[]);

const codes = (parsed: ParsedCsv): string[] => parsed.errors.map((e) => e.code);

const JA_TABLE = '会社名,アクティブ率,ＮＰＳ\r\n株式会社アクメ,12.5%,40\r\n①テック㈱,80%,-10\r\n';
const JA_ROWS = [
  ['株式会社アクメ', '12.5%', '40'],
  ['①テック㈱', '80%', '-10'],
];

describe('encodings', () => {
  test.each([
    ['UTF-8', utf8(JA_TABLE), 'utf-8'],
    ['UTF-8 with BOM', utf8Bom(JA_TABLE), 'utf-8-bom'],
    ['Shift_JIS (CP932, with NEC special characters)', sjis(JA_TABLE), 'shift_jis'],
    ['UTF-16LE (Excel "Unicode text")', utf16le(JA_TABLE.replace(/,/g, '\t')), 'utf-16le'],
  ])('%s', (_name, bytes, encoding) => {
    const parsed = parseCsv(bytes);
    expect(parsed.encoding).toBe(encoding);
    expect(parsed.headers).toEqual(['会社名', 'アクティブ率', 'ＮＰＳ']);
    expect(parsed.rows).toEqual(JA_ROWS);
    expect(parsed.errors).toEqual([]);
  });

  it('keeps the BOM out of the first header', () => {
    expect(parseCsv(utf8Bom('id,nps\n1,2\n')).headers[0]).toBe('id');
  });

  it('does not mistake a U+FFFD written in the file for a decoding loss', () => {
    expect(parseCsv(utf8Bom('id,memo\n1,\uFFFD\n')).errors).toEqual([]);
  });

  it('reports bytes that are neither UTF-8 nor Shift_JIS, and still parses', () => {
    // 0x80 is not a lead byte in UTF-8 or CP932.
    const bytes = new Uint8Array([...utf8('id,nps\n1,'), 0x80, ...utf8('\n')]);
    const parsed = parseCsv(bytes, { locale: 'ja' });
    expect(codes(parsed)).toEqual(['encoding_unknown']);
    expect(parsed.errors[0]!.message).toContain('CSV UTF-8');
    expect(parsed.rows).toEqual([['1', '\uFFFD']]);
  });
});

describe('delimiters and quoting', () => {
  test.each([
    ['comma', 'a,b,c\n1,2,3\n', ','],
    ['tab', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['semicolon', 'a;b;c\n1;2;3\n', ';'],
    ['tab, with thousands commas in the values', 'a\tb\tc\n"1,234"\t2\t3\n1,234\t2\t3\n', '\t'],
    ['semicolon, with decimal commas in the values', 'a;b;c\n1,5;2;3\n2,5;2;3\n', ';'],
    ['CRLF', 'a,b,c\r\n1,2,3\r\n', ','],
    ['CR only (old Mac Excel)', 'a,b,c\r1,2,3\r', ','],
  ])('%s', (_name, text, delimiter) => {
    const parsed = parseCsv(utf8(text));
    expect(parsed.delimiter).toBe(delimiter);
    expect(parsed.headers).toEqual(['a', 'b', 'c']);
    expect(parsed.rows[0]!.slice(1)).toEqual(['2', '3']);
    expect(parsed.errors).toEqual([]);
  });

  test.each([
    ['a comma inside quotes', 'name,n\n"Acme, Inc.",1\n', [['Acme, Inc.', '1']]],
    ['a line break inside quotes', 'name,memo\nAcme,"line one\nline two"\n', [['Acme', 'line one\nline two']]],
    ['a CRLF inside quotes in a CRLF file', 'name,memo\r\nAcme,"one\r\ntwo"\r\nBeta,x\r\n', [['Acme', 'one\r\ntwo'], ['Beta', 'x']]],
    ['doubled quotes', 'name,memo\nAcme,"say ""hello"""\n', [['Acme', 'say "hello"']]],
    ['an empty quoted value', 'name,memo\nAcme,""\n', [['Acme', '']]],
  ])('%s', (_name, text, rows) => {
    const parsed = parseCsv(utf8(text));
    expect(parsed.rows).toEqual(rows);
    expect(parsed.errors).toEqual([]);
  });

  it('numbers rows as Excel does: a quoted line break stays in one row', () => {
    const parsed = parseCsv(utf8('name,memo\nAcme,"a\nb\nc"\nBeta,x\n'));
    expect(parsed.rowNumbers).toEqual([2, 3]);
  });

  it('reports a quote that is never closed, naming the row', () => {
    const parsed = parseCsv(utf8('name,memo\nAcme,ok\nBeta,"oops\nGamma,x\n'));
    expect(codes(parsed)).toEqual(['unclosed_quote']);
    expect(parsed.errors[0]!.row).toBe(3);
    expect(parsed.errors[0]!.message).toMatch(/row 3/);
  });

  it('reports a quote inside a quoted value that is not doubled', () => {
    const parsed = parseCsv(utf8('name,memo\nAcme,"say "hi" there"\nBeta,x\n'));
    expect(codes(parsed)).toEqual(['stray_quote']);
    expect(parsed.errors[0]!.row).toBe(2);
    expect(parsed.rows[1]).toEqual(['Beta', 'x']);
  });
});

describe('header row', () => {
  test.each([
    ['first line', 'id,nps\n1,2\n', 1],
    ['after a title line', '月次利用レポート\nid,nps\n1,2\n', 2],
    ['after a title padded by Excel and a blank line', '月次利用レポート,,\n,,\n出力日: 2026/11/23,,\nid,nps,memo\n1,2,x\n', 4],
    ['after blank lines', '\n\n\nid,nps\n1,2\n', 4],
  ])('%s', (_name, text, headerRow) => {
    const parsed = parseCsv(utf8(text));
    expect(parsed.headerRow).toBe(headerRow);
    expect(parsed.headers.slice(0, 2)).toEqual(['id', 'nps']);
    expect(parsed.rows[0]!.slice(0, 2)).toEqual(['1', '2']);
    expect(parsed.rowNumbers[0]).toBe(headerRow + 1);
  });

  it('trims header names and drops unnamed columns Excel padded on the right', () => {
    const parsed = parseCsv(utf8(' id , nps ,,\n1,2,,\n'));
    expect(parsed.headers).toEqual(['id', 'nps']);
    expect(parsed.rows).toEqual([['1', '2']]);
  });

  test.each([
    ['an unnamed column', 'id,,nps\n1,2,3\n', 'header_empty'],
    ['a name used twice (width-insensitive)', 'id,nps,ＮＰＳ\n1,2,3\n', 'header_duplicate'],
  ])('reports %s', (_name, text, code) => {
    const parsed = parseCsv(utf8(text));
    expect(codes(parsed)).toEqual([code]);
    expect(parsed.rows).toEqual([['1', '2', '3']]);
  });
});

describe('row width and blank rows', () => {
  it('skips blank and all-empty rows but keeps file row numbers', () => {
    const parsed = parseCsv(utf8('id,nps\n1,2\n\n,\n3,4\n\n'));
    expect(parsed.rows).toEqual([['1', '2'], ['3', '4']]);
    expect(parsed.rowNumbers).toEqual([2, 5]);
  });

  it('skips a row with more values than the header, saying why', () => {
    const parsed = parseCsv(utf8('id,nps\n1,2\n3,4,5\n6,7\n'));
    expect(parsed.rows).toEqual([['1', '2'], ['6', '7']]);
    expect(parsed.errors).toMatchObject([{ code: 'too_many_fields', row: 3, params: { found: 3, expected: 2 } }]);
  });

  it('skips a longer row even when its extra values are empty: its values would land in the wrong columns', () => {
    const parsed = parseCsv(utf8('name,domain,nps\nAcme Co., Ltd.,acme.co.jp,\nBeta,beta.jp,3\n'));
    expect(parsed.rows).toEqual([['Beta', 'beta.jp', '3']]);
    expect(parsed.errors).toMatchObject([{ code: 'too_many_fields', row: 2 }]);
  });

  it('accepts values under unnamed columns Excel padded the header to', () => {
    const parsed = parseCsv(utf8('id,nps,,\n1,2,,\n3,4,x,\n'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([['1', '2'], ['3', '4']]);
  });

  it('pads a short row and says so', () => {
    const parsed = parseCsv(utf8('id,nps,memo\n1,2\n'));
    expect(parsed.rows).toEqual([['1', '2', '']]);
    expect(codes(parsed)).toEqual(['too_few_fields']);
  });

  it('keeps twenty errors of a kind and counts the rest', () => {
    const text = 'id,nps\n' + Array.from({ length: 50 }, (_, i) => `${i},1,2\n`).join('');
    const parsed = parseCsv(utf8(text));
    expect(parsed.errors.filter((e) => e.code === 'too_many_fields')).toHaveLength(20);
    expect(parsed.errors.at(-1)).toMatchObject({ code: 'more_errors', params: { count: 30, of: 'too_many_fields' } });
  });
});

describe('files with nothing to import', () => {
  test.each([
    ['an empty file', new Uint8Array(), 'empty_file', 'The file is empty'],
    ['a BOM only', utf8Bom(''), 'empty_file', 'The file is empty'],
    ['blank lines only', utf8('\r\n\r\n  \r\n'), 'empty_file', 'The file is empty'],
    ['a header only', utf8('id,nps\r\n'), 'header_only', 'no data rows'],
    ['a header only, no line end', utf8('id,nps'), 'header_only', 'no data rows'],
  ])('%s', (_name, bytes, code, text) => {
    const parsed = parseCsv(bytes);
    expect(codes(parsed)).toEqual([code]);
    expect(parsed.errors[0]!.message).toContain(text);
    expect(parsed.rows).toEqual([]);
  });

  it('says it in Japanese when asked', () => {
    expect(parseCsv(new Uint8Array(), { locale: 'ja' }).errors[0]!.message).toContain('ファイルが空です');
  });

  it('names the header row of a header-only file', () => {
    const parsed = parseCsv(utf8('Report\n\nid,nps\n'));
    expect(parsed.headers).toEqual(['id', 'nps']);
    expect(parsed.errors).toMatchObject([{ code: 'header_only', row: 3 }]);
  });
});

describe('parseCsvChunked', () => {
  const text =
    '利用レポート\r\nid,name,memo\r\n' +
    Array.from({ length: 100 }, (_, i) => `${i},"Acme ${i}, Inc.","line\r\n""${i}"""\r\n`).join('') +
    '301,"unclosed\r\n';

  // Every chunk boundary lands somewhere new: inside quotes, between \r and \n, inside a doubled quote.
  test.each([9, 64, 1000, 1 << 20])('gives the same result as parseCsv with chunks of %i characters', async (chunkSize) => {
    const bytes = utf8(text);
    const chunked = await parseCsvChunked(bytes, { chunkSize });
    expect(chunked).toEqual(parseCsv(bytes));
    expect(chunked.rows).toHaveLength(101);
    expect(chunked.rows[42]).toEqual(['42', 'Acme 42, Inc.', 'line\r\n"42"']);
    expect(chunked.rows[100]).toEqual(['301', 'unclosed\r\n', '']);
  });

  it('reports progress up to 1 and the rows kept', async () => {
    const seen: Array<{ fraction: number; rows: number }> = [];
    await parseCsvChunked(utf8(text), { chunkSize: 200, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen[0]).toEqual({ fraction: 0, rows: 0 });
    expect(seen.at(-1)!.fraction).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.fraction).toBeGreaterThanOrEqual(seen[i - 1]!.fraction);
  });

  it('lets other tasks run between chunks', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await parseCsvChunked(utf8(text), { chunkSize: 500 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const run = parseCsvChunked(utf8(text), {
      chunkSize: 100,
      signal: controller.signal,
      onProgress: (p) => p.fraction > 0.2 && controller.abort(new Error('user cancelled')),
    });
    await expect(run).rejects.toThrow('user cancelled');
  });

  it('handles an empty file', async () => {
    const parsed = await parseCsvChunked(new Uint8Array());
    expect(codes(parsed)).toEqual(['empty_file']);
  });
});

describe('a 100,000-row file', () => {
  it('parses every row', async () => {
    const lines = ['company_id,domain,active_users,nps,observed_at'];
    for (let i = 0; i < 100_000; i++) lines.push(`${1000 + i},c${i}.example.co.jp,"${(i % 5000).toLocaleString('en-US')}",${i % 11},2026-11-23`);
    const bytes = utf8(lines.join('\r\n') + '\r\n');
    const parsed = parseCsv(bytes);
    expect(parsed.rows).toHaveLength(100_000);
    expect(parsed.rowNumbers.at(-1)).toBe(100_001);
    expect(parsed.rows[4321]).toEqual(['5321', 'c4321.example.co.jp', '4,321', '9', '2026-11-23']);
    expect(parsed.errors).toEqual([]);
    const chunked = await parseCsvChunked(bytes);
    expect(chunked.rows).toHaveLength(100_000);
    expect(chunked.rows.at(-1)).toEqual(parsed.rows.at(-1));
  });
});
