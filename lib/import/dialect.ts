import Papa from 'papaparse';

// How a file is written: its delimiter, its line ends, and where its header
// row is. Each is decided once from the start of the file, so a chunked parse
// and a one-shot parse read the file the same way.

export type Delimiter = ',' | '\t' | ';';
export type Newline = '\r\n' | '\n' | '\r';

export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';'];

const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_RECORDS = 40;
/** Title and note lines above the header are a handful at most. */
export const HEADER_LOOKAHEAD = 20;

export function sampleOf(text: string): string {
  return text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
}

/** Line ends outside quoted values: a quoted value may hold a bare LF inside a CRLF file. */
export function guessNewline(sample: string): Newline {
  const bare = sample.replace(/"[^"]*"/g, '');
  const cr = bare.indexOf('\r');
  const lf = bare.indexOf('\n');
  if (cr === -1) return '\n';
  if (lf !== -1 && lf < cr) return '\n';
  return bare[cr + 1] === '\n' ? '\r\n' : '\r';
}

export function isBlankRecord(record: readonly string[]): boolean {
  for (const cell of record) if (cell.trim() !== '') return false;
  return true;
}

function nonEmptyCount(record: readonly string[]): number {
  let n = 0;
  for (const cell of record) if (cell.trim() !== '') n++;
  return n;
}

/**
 * The delimiter that splits the sample into the most rows of one common width
 * (two fields or more). A comma inside "1,234" in a tab file splits some rows
 * but not the header, so the tab still wins.
 */
export function detectDelimiter(sample: string, newline: Newline): Delimiter {
  let best: Delimiter = ',';
  let bestScore = 0;
  let bestWidth = 0;
  for (const delimiter of DELIMITERS) {
    const parsed = new Papa.Parser({ delimiter, newline, preview: SAMPLE_RECORDS }).parse(sample, 0, false) as { data: string[][] };
    const widths = new Map<number, number>();
    for (const record of parsed.data) {
      if (isBlankRecord(record)) continue;
      widths.set(record.length, (widths.get(record.length) ?? 0) + 1);
    }
    let width = 0;
    let score = 0;
    for (const [w, n] of widths) {
      if (w < 2) continue;
      if (n > score || (n === score && w > width)) {
        width = w;
        score = n;
      }
    }
    if (score > bestScore || (score === bestScore && score > 0 && width > bestWidth)) {
      best = delimiter;
      bestScore = score;
      bestWidth = width;
    }
  }
  return best;
}

/**
 * Index of the header among the first records. Exports often start with a
 * title or "exported on" line that fills one cell; the header is the first row
 * that fills at least half as many cells as the fullest row nearby. Anything
 * less obvious is left alone: the first non-blank row is the header.
 */
export function findHeaderIndex(records: readonly (readonly string[])[]): number {
  const window = records.slice(0, HEADER_LOOKAHEAD);
  let fullest = 0;
  for (const record of window) fullest = Math.max(fullest, nonEmptyCount(record));
  const needed = Math.max(2, Math.ceil(fullest / 2));
  const header = window.findIndex((record) => nonEmptyCount(record) >= needed);
  if (header !== -1) return header;
  return window.findIndex((record) => !isBlankRecord(record));
}
