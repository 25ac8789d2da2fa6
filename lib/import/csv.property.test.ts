import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { parseCsv } from './csv.ts';
import { SIGNALS } from './fixtures/signals.ts';
import { mapCsv } from './map-rows.ts';

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

describe('never throws', () => {
  test('on any bytes, mapped with any stored value as the mapping', () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }).map((t) => new TextEncoder().encode(t)));
    const mapping = fc.oneof(
      fc.anything(),
      fc.record({ keyColumn: fc.constantFrom('a', 'b', '"'), keyKind: fc.constantFrom('crmId', 'domain', 'name'), columns: fc.dictionary(fc.string(), fc.constantFrom('nps', 'sso_enabled', 'renewal_date', 'exec_sponsor')) }),
    );
    fc.assert(
      fc.property(bytes, mapping, (b, m) => {
        const parsed = parseCsv(b, { locale: 'ja' });
        for (const e of parsed.errors) expect(e.message).not.toBe('');
        mapCsv(parsed, m, SIGNALS, { defaultObservedAt: '2026-11-23T00:00:00Z' });
      }),
      { numRuns: 500 },
    );
  });
});
