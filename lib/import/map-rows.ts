import { CsvMappingSchema, isPercentSignal, type CsvMapping, type MappableSignal } from './mapping.ts';
import { message, type ImportIssue, type IssueCode, type Locale } from './messages.ts';
import { keyOf, normaliseHeader } from './normalise.ts';
import { cellSchema, issueOf, readDate, type CellValue } from './values.ts';

// Parsed rows + a mapping → signal observations. A bad cell costs only that
// cell; a row that cannot be keyed or dated costs the row; a mapping that does
// not fit the file costs the import, before any row is read.

export interface Observation {
  /** `crmid:…`, `sfid:…`, `domain:…` or `name:…` (see normaliseKey). */
  subject: string;
  signalId: string;
  /** Never null: an empty cell means "not measured" and produces no observation. */
  value: CellValue;
  /** ISO 8601 instant. */
  observedAt: string;
  /** 1-based row in the file, header and any lines above it included. */
  row: number;
}

export interface Rejection {
  /** 1-based row in the file, header and any lines above it included. */
  row: number;
  column: string;
  value: string;
  /** The issue in the locale asked for; `issue` renders it in the other. */
  reason: string;
  code: IssueCode;
  issue: ImportIssue;
}

export interface Duplicate {
  row: number;
  firstRow: number;
  subject: string;
  observedAt: string;
}

export interface MappingError {
  code: IssueCode;
  column?: string;
  message: string;
  issue: ImportIssue;
}

export interface MapStats {
  /** Data rows read. */
  rows: number;
  /** Rows that gave at least one observation. */
  rowsImported: number;
  /** Cells left empty, which are "no value" rather than errors. */
  emptyCells: number;
}

export type MapResult =
  | { ok: true; observations: Observation[]; rejected: Rejection[]; duplicates: Duplicate[]; stats: MapStats }
  | { ok: false; errors: MappingError[] };

export interface MappableCsv {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  /** From parseCsv; without it rows are numbered from `headerRow` + 1. */
  rowNumbers?: readonly number[];
  headerRow?: number;
}

export interface MapCsvOptions {
  locale?: Locale;
  /** ISO date for every row when the mapping has no date column: usually the import's own time. */
  defaultObservedAt?: string;
}

function columnIndex(headers: readonly string[], name: string): number {
  const exact = headers.indexOf(name);
  if (exact !== -1) return exact;
  const wanted = normaliseHeader(name);
  return headers.findIndex((h) => normaliseHeader(h) === wanted);
}

function mappingError(issue: ImportIssue, locale: Locale): MappingError {
  return { code: issue.code, ...(issue.params?.column ? { column: issue.params.column } : {}), message: message(issue, locale), issue };
}

interface Target {
  index: number;
  column: string;
  signalId: string;
  schema: ReturnType<typeof cellSchema>;
}

/** Resolves the mapping against the file's header and the pack's signals, or says everything that does not fit. */
function resolve(csv: MappableCsv, mapping: CsvMapping, signals: readonly MappableSignal[], locale: Locale) {
  const errors: MappingError[] = [];
  const find = (column: string): number => {
    const index = columnIndex(csv.headers, column);
    if (index === -1) errors.push(mappingError({ code: 'missing_column', params: { column } }, locale));
    return index;
  };
  const keyIndex = find(mapping.keyColumn);
  const dateIndex = mapping.observedAtColumn === undefined ? -1 : find(mapping.observedAtColumn);
  const byId = new Map(signals.map((s) => [s.id, s]));
  const targets: Target[] = [];
  for (const [column, signalId] of Object.entries(mapping.columns)) {
    const index = find(column);
    const signal = byId.get(signalId);
    if (!signal) {
      errors.push(mappingError({ code: 'unknown_signal', params: { column, signalId } }, locale));
      continue;
    }
    if (index === -1) continue;
    const rules = { type: signal.type, percent: isPercentSignal(signal), signalId, order: mapping.dateFormat, utcOffsetMinutes: mapping.utcOffsetMinutes };
    targets.push({ index, column: csv.headers[index]!, signalId, schema: cellSchema(rules) });
  }
  return { errors, keyIndex, dateIndex, targets };
}

/** Turns parsed CSV rows into observations. Never throws: a mapping that does not fit is `{ ok: false, errors }`. */
export function mapCsv(csv: MappableCsv, mapping: unknown, signals: readonly MappableSignal[], options: MapCsvOptions = {}): MapResult {
  const locale = options.locale ?? 'en';
  const parsedMapping = CsvMappingSchema.safeParse(mapping);
  if (!parsedMapping.success) {
    const detail = parsedMapping.error.issues.map((i) => `${i.path.join('.') || 'mapping'}: ${i.message}`).join('; ');
    return { ok: false, errors: [mappingError({ code: 'mapping_invalid', params: { detail } }, locale)] };
  }
  const m = parsedMapping.data;
  const fallbackMs = options.defaultObservedAt === undefined ? NaN : Date.parse(options.defaultObservedAt);
  const fallbackAt = Number.isFinite(fallbackMs) ? new Date(fallbackMs).toISOString() : null;
  const { errors, keyIndex, dateIndex, targets } = resolve(csv, m, signals, locale);
  if (m.observedAtColumn === undefined && fallbackAt === null) errors.push(mappingError({ code: 'no_observed_at' }, locale));
  if (errors.length > 0) return { ok: false, errors };

  const observations: Observation[] = [];
  const rejected: Rejection[] = [];
  const duplicates: Duplicate[] = [];
  const firstRowOf = new Map<string, number>();
  const keyColumn = csv.headers[keyIndex]!;
  const dateColumn = dateIndex === -1 ? '' : csv.headers[dateIndex]!;
  const stats: MapStats = { rows: csv.rows.length, rowsImported: 0, emptyCells: 0 };
  const reject = (row: number, column: string, value: string, issue: ImportIssue): void => {
    rejected.push({ row, column, value, reason: message(issue, locale), code: issue.code, issue });
  };
  const baseRow = (csv.headerRow ?? 1) + 1;
  // An export dates most rows alike (one snapshot date per file or per month), so each distinct date text is read once.
  const dates = new Map<string, ReturnType<typeof readDate>>();
  const dateOf = (raw: string): ReturnType<typeof readDate> => {
    let read = dates.get(raw);
    if (read === undefined) {
      read = readDate(raw, { order: m.dateFormat, utcOffsetMinutes: m.utcOffsetMinutes });
      if (dates.size < 10_000) dates.set(raw, read);
    }
    return read;
  };

  csv.rows.forEach((cells, i) => {
    const row = csv.rowNumbers?.[i] ?? baseRow + i;
    const rawKey = cells[keyIndex] ?? '';
    const key = keyOf(m.keyKind, rawKey);
    if (!key.ok) return reject(row, keyColumn, rawKey, key.issue);

    let observedAt = fallbackAt ?? '';
    if (dateIndex !== -1) {
      const rawDate = cells[dateIndex] ?? '';
      const date = dateOf(rawDate);
      if (!date.ok) return reject(row, dateColumn, rawDate, date.issue);
      if (date.value === null) return reject(row, dateColumn, rawDate, { code: 'date_empty' });
      observedAt = date.value;
    }

    // Two rows for one account at one time would overwrite each other in the store; keep the first, name it.
    const identity = `${key.subject}\u0000${observedAt}`;
    const firstRow = firstRowOf.get(identity);
    if (firstRow !== undefined) {
      duplicates.push({ row, firstRow, subject: key.subject, observedAt });
      return reject(row, keyColumn, rawKey, { code: 'duplicate_key', params: { firstRow } });
    }
    firstRowOf.set(identity, row);

    let kept = 0;
    for (const target of targets) {
      const raw = cells[target.index] ?? '';
      // Empty is "not measured" for every type; sparse exports are mostly empty cells.
      if (raw.trim() === '') {
        stats.emptyCells++;
        continue;
      }
      const parsed = target.schema.safeParse(raw);
      if (!parsed.success) {
        reject(row, target.column, raw, issueOf(parsed.error));
        continue;
      }
      if (parsed.data === null) {
        stats.emptyCells++;
        continue;
      }
      observations.push({ subject: key.subject, signalId: target.signalId, value: parsed.data, observedAt, row });
      kept++;
    }
    if (kept > 0) stats.rowsImported++;
  });

  return { ok: true, observations, rejected, duplicates, stats };
}
