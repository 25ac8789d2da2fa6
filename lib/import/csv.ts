import Papa from 'papaparse';
import { decodeCsvBytes, type CsvEncoding } from './decode.ts';
import { detectDelimiter, findHeaderIndex, guessNewline, HEADER_LOOKAHEAD, isBlankRecord, sampleOf, type Delimiter, type Newline } from './dialect.ts';
import { IssueLog, type CsvError } from './issue-log.ts';
import type { Locale } from './messages.ts';
import { normaliseHeader } from './normalise.ts';

// Parsing is papaparse's core Parser, fed in chunks the way papaparse's own
// streamer does it (the unfinished last record is carried into the next
// chunk). Driving it ourselves gives one code path for the one-shot and the
// chunked parse, and lets the chunked one await between chunks, which
// papaparse's pause/resume on string input does not do reliably.

export type { CsvEncoding } from './decode.ts';
export type { Delimiter } from './dialect.ts';
export type { CsvError } from './issue-log.ts';

export interface ParsedCsv {
  encoding: CsvEncoding;
  delimiter: Delimiter;
  /** 1-based row of the header as Excel numbers rows; 0 when the file has none. */
  headerRow: number;
  headers: string[];
  /** Data rows, each exactly as wide as `headers`; blank rows are left out. */
  rows: string[][];
  /** rowNumbers[i] is the 1-based row of rows[i] in the file, counting the header and any lines above it. */
  rowNumbers: number[];
  errors: CsvError[];
}

export interface ParseCsvOptions {
  /** The language of the error messages; 'en' unless told. */
  locale?: Locale;
}

export interface ParseProgress {
  /** 0…1 of the text parsed so far. */
  fraction: number;
  /** Data rows kept so far. */
  rows: number;
}

export interface ParseCsvChunkedOptions extends ParseCsvOptions {
  onProgress?: (progress: ParseProgress) => void;
  /** Aborting rejects the promise with the signal's reason. */
  signal?: AbortSignal;
  /** Characters per chunk; the event loop runs between chunks. */
  chunkSize?: number;
}

const DEFAULT_CHUNK = 256 * 1024;

interface PapaResult {
  data: string[][];
  errors: Array<{ code: string; row?: number }>;
  meta: { cursor: number };
}

/** Records in, header and data rows out; the header is found once the first records are in. */
class RowCollector {
  private readonly log: IssueLog;
  private pending: string[][] | null = [];
  private records = 0;
  private fullWidth = 0;
  headerRow = 0;
  headers: string[] = [];
  readonly rows: string[][] = [];
  readonly rowNumbers: number[] = [];

  constructor(log: IssueLog) {
    this.log = log;
  }

  push(record: string[]): void {
    this.records++;
    if (this.pending === null) {
      this.addData(record, this.records);
      return;
    }
    this.pending.push(record);
    if (this.pending.length >= HEADER_LOOKAHEAD) this.decideHeader();
  }

  finish(): void {
    if (this.pending !== null) this.decideHeader();
  }

  private decideHeader(): void {
    const pending = this.pending ?? [];
    this.pending = null;
    const index = findHeaderIndex(pending);
    if (index === -1 || isBlankRecord(pending[index] ?? [])) return;
    const record = pending[index]!;
    this.headerRow = index + 1;
    this.fullWidth = record.length;
    // Excel pads rows to the sheet's used range: unnamed columns at the end are not columns.
    let named = record.length;
    while (named > 0 && record[named - 1]!.trim() === '') named--;
    this.headers = record.slice(0, named).map((h) => h.trim());
    this.checkHeaders();
    for (let i = index + 1; i < pending.length; i++) this.addData(pending[i]!, i + 1);
  }

  private checkHeaders(): void {
    const seen = new Map<string, number>();
    this.headers.forEach((name, i) => {
      if (name === '') {
        this.log.add(this.headerRow, { code: 'header_empty', params: { index: i + 1 } });
        return;
      }
      const key = normaliseHeader(name);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else this.log.add(this.headerRow, { code: 'header_duplicate', params: { column: name, index: i + 1, firstIndex: first + 1 } }, name);
    });
  }

  private addData(record: string[], rowNumber: number): void {
    if (isBlankRecord(record)) return;
    const width = this.headers.length;
    // Excel writes every row as wide as the header (padded to the used range), so a
    // longer row, even one whose extra values are empty, had a value split in two:
    // importing it would shift every later value into the wrong column.
    if (record.length > this.fullWidth) {
      this.log.add(rowNumber, { code: 'too_many_fields', params: { found: record.length, expected: width } });
      return;
    }
    if (record.length < width) {
      this.log.add(rowNumber, { code: 'too_few_fields', params: { found: record.length, expected: width } });
      const padded = record.slice();
      while (padded.length < width) padded.push('');
      record = padded;
    } else if (record.length > width) {
      record = record.slice(0, width);
    }
    this.rows.push(record);
    this.rowNumbers.push(rowNumber);
  }

  get recordCount(): number {
    return this.records;
  }
}

interface Run {
  collector: RowCollector;
  log: IssueLog;
  text: string;
  encoding: CsvEncoding;
  delimiter: Delimiter;
  newline: Newline;
}

function start(bytes: Uint8Array, locale: Locale): Run {
  const log = new IssueLog(locale);
  const decoded = decodeCsvBytes(bytes);
  if (decoded.lossy) log.add(0, { code: 'encoding_unknown' });
  const sample = sampleOf(decoded.text);
  const newline = guessNewline(sample);
  return {
    collector: new RowCollector(log),
    log,
    text: decoded.text,
    encoding: decoded.encoding,
    delimiter: detectDelimiter(sample, newline),
    newline,
  };
}

/**
 * Parses the text chunk by chunk, yielding the fraction done after each chunk.
 * Records are handed to the collector in file order whatever the chunk size.
 */
function* steps(run: Run, chunkSize: number): Generator<number, void, void> {
  const { text, collector, log } = run;
  const parser = new Papa.Parser({ delimiter: run.delimiter, newline: run.newline });
  let pos = 0;
  let base = 0;
  let carried = '';
  while (pos < text.length) {
    const end = Math.min(text.length, pos + chunkSize);
    const last = end === text.length;
    const input = carried + text.slice(pos, end);
    const result = parser.parse(input, base, !last) as PapaResult;
    const before = collector.recordCount;
    for (const error of result.errors) {
      // A record carried over is parsed again with the next chunk: report its problems then.
      if (!last && (error.row ?? 0) >= result.data.length) continue;
      const row = before + (error.row ?? 0) + 1;
      if (error.code === 'MissingQuotes') log.add(row, { code: 'unclosed_quote' });
      else if (error.code === 'InvalidQuotes') log.add(row, { code: 'stray_quote' });
    }
    for (const record of result.data) collector.push(record);
    if (!last) {
      carried = input.slice(result.meta.cursor - base);
      base = result.meta.cursor;
    }
    pos = end;
    yield end / text.length;
  }
  collector.finish();
}

function result(run: Run): ParsedCsv {
  const { collector, log } = run;
  if (run.text.trim() === '') log.add(0, { code: 'empty_file' });
  else if (collector.headerRow === 0) log.add(0, { code: 'no_header' });
  else if (collector.rows.length === 0) log.add(collector.headerRow, { code: 'header_only' });
  return {
    encoding: run.encoding,
    delimiter: run.delimiter,
    headerRow: collector.headerRow,
    headers: collector.headers,
    rows: collector.rows,
    rowNumbers: collector.rowNumbers,
    errors: log.list(),
  };
}

/** Decodes and parses a CSV file. Never throws: problems are in `errors`. */
export function parseCsv(bytes: Uint8Array, options: ParseCsvOptions = {}): ParsedCsv {
  const run = start(bytes, options.locale ?? 'en');
  for (const _ of steps(run, Number.POSITIVE_INFINITY));
  return result(run);
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The same parse, a chunk at a time, letting the event loop run between chunks
 * so a page can paint its progress bar. Rejects only when `signal` aborts.
 */
export async function parseCsvChunked(bytes: Uint8Array, options: ParseCsvChunkedOptions = {}): Promise<ParsedCsv> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const run = start(bytes, options.locale ?? 'en');
  onProgress?.({ fraction: 0, rows: 0 });
  for (const fraction of steps(run, Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK)))) {
    onProgress?.({ fraction, rows: run.collector.rows.length });
    await nextTask();
    signal?.throwIfAborted();
  }
  const parsed = result(run);
  if (run.text.length === 0) onProgress?.({ fraction: 1, rows: 0 });
  return parsed;
}
