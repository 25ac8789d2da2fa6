import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { parseCsv } from './csv.ts';

// Any table written as CSV with quoting parses back to the same rows: whatever
// the cells hold (delimiters, quotes, line breaks, Japanese, emoji), whatever the
// delimiter, line end and encoding. The generator keeps to tables a person
// would export: distinct, non-blank header names and no wholly blank data rows
// (which parseCsv skips by design).

const cell = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('', ',', ';', '\t', '"', '""', '\n', '\r\n', ' a ', '1,234', '株式会社アクメ', 'ＡＣＭＥ', '=1+1'),
);

const table = fc.integer({ min: 2, max: 6 }).chain((width) =>
  fc.record({
    headers: fc.uniqueArray(
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }).map((s) => s.trim()).filter((s) => s !== ''),
      { minLength: width, maxLength: width, selector: (s) => s.normalize('NFKC').toLowerCase() },
    ),
    rows: fc.array(
      fc.array(cell, { minLength: width, maxLength: width }).filter((r) => r.some((c) => c.trim() !== '')),
      { minLength: 1, maxLength: 15 },
    ),
    delimiter: fc.constantFrom(',', '\t', ';'),
    newline: fc.constantFrom('\r\n', '\n'),
    bom: fc.boolean(),
  }),
);

describe('round trip', () => {
  test('a table written as CSV parses back to the same rows', () => {
    fc.assert(
      fc.property(table, ({ headers, rows, delimiter, newline, bom }) => {
        const csv = Papa.unparse({ fields: headers, data: rows }, { delimiter, newline, quotes: true });
        const parsed = parseCsv(new TextEncoder().encode((bom ? '\uFEFF' : '') + csv + newline));
        expect(parsed.errors).toEqual([]);
        expect(parsed.delimiter).toBe(delimiter);
        expect(parsed.headers).toEqual(headers);
        expect(parsed.rows).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
