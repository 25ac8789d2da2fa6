import { importIdFor, importObservations } from '../db/imports';
import type { ImportRow, SidecarDb } from '../db/schema';
import {
  CsvMappingSchema,
  headerSignature,
  mapCsv,
  parseCsvChunked,
  suggestMapping,
  type CsvError,
  type CsvMapping,
  type Locale,
  type MappingError,
  type ParsedCsv,
  type ReportRow,
} from '../import/index';
import type { SignalField } from '../packs/pack-model';
import type { MappingDraft } from '../import/mapping-draft';

// The CSV import as the options page runs it: file → parse (chunked, with
// progress) → mapping (remembered or suggested) → rows to observations → one
// all-or-nothing write into IndexedDB. Steps are plain async functions so the
// hook only holds state, and the tests can drive each one.

export const MAX_BYTES = 50 * 1024 * 1024;

/** Problems that leave nothing to map: the file is empty, has no header, or has no rows. */
const FATAL = new Set(['empty_file', 'no_header', 'header_only']);
/** Parse problems that cost a whole row: they belong in the rejection report too. */
const ROW_LOST = new Set(['too_many_fields']);

export interface LoadedCsv {
  fileName: string;
  bytes: Uint8Array;
  importId: string;
  signature: string;
  parsed: ParsedCsv;
  /** Problems worth a look that did not stop the parse (a short row, an odd quote, unreadable characters). */
  warnings: CsvError[];
  /** The import of these very bytes, when they were imported before. */
  previous?: ImportRow;
  /** The mapping saved for this header layout, when it still fits the file. */
  remembered?: CsvMapping;
}

export type LoadResult = { ok: true; csv: LoadedCsv } | { ok: false; error: { kind: 'fatal' | 'unreadable' | 'too-big'; detail: string } };

/** What loadCsv needs of the chosen file: a browser File fits, and so does a test's stand-in. */
export interface CsvFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export async function loadCsv(db: SidecarDb, file: CsvFile, locale: Locale, onProgress: (fraction: number) => void): Promise<LoadResult> {
  if (file.size > MAX_BYTES) return { ok: false, error: { kind: 'too-big', detail: String(MAX_BYTES / 1024 / 1024) } };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    return { ok: false, error: { kind: 'unreadable', detail: err instanceof Error ? err.message : String(err) } };
  }
  const parsed = await parseCsvChunked(bytes, { locale, onProgress: (p) => onProgress(p.fraction) });
  const fatal = parsed.errors.find((e) => FATAL.has(e.code));
  if (fatal) return { ok: false, error: { kind: 'fatal', detail: fatal.message } };

  const signature = headerSignature(parsed.headers);
  const [importId, saved] = await Promise.all([importIdFor(bytes), db.csvMappings.get(signature)]);
  const previous = await db.imports.get(importId);
  const remembered = saved ? CsvMappingSchema.safeParse(saved.mapping) : null;
  const fits = (m: CsvMapping) => [m.keyColumn, ...(m.observedAtColumn ? [m.observedAtColumn] : []), ...Object.keys(m.columns)].every((c) => parsed.headers.includes(c));
  return {
    ok: true,
    csv: {
      fileName: file.name,
      bytes,
      importId,
      signature,
      parsed,
      warnings: parsed.errors.filter((e) => !FATAL.has(e.code)),
      ...(previous ? { previous } : {}),
      ...(remembered?.success && fits(remembered.data) ? { remembered: remembered.data } : {}),
    },
  };
}

/** The mapping to start from: the one saved for this layout, else a suggestion from the header names. */
export function initialDraft(csv: LoadedCsv, signals: readonly SignalField[]): { draft: MappingDraft; source: 'remembered' | 'suggested' } {
  const known = new Set(signals.map((s) => s.id));
  if (csv.remembered) {
    const m = csv.remembered;
    // A signal the current pack no longer has is dropped rather than offered as a choice that cannot exist.
    const columns = Object.fromEntries(Object.entries(m.columns).filter(([, id]) => known.has(id)));
    return {
      draft: { keyColumn: m.keyColumn, keyKind: m.keyKind, columns, ...(m.observedAtColumn ? { observedAtColumn: m.observedAtColumn } : {}), ...(m.dateFormat ? { dateFormat: m.dateFormat } : {}) },
      source: 'remembered',
    };
  }
  const s = suggestMapping(
    csv.parsed.headers,
    signals.map((f) => f.mappable),
  );
  return {
    draft: {
      keyKind: s.keyKind ?? 'domain',
      columns: s.columns,
      ...(s.keyColumn ? { keyColumn: s.keyColumn } : {}),
      ...(s.observedAtColumn ? { observedAtColumn: s.observedAtColumn } : {}),
    },
    source: 'suggested',
  };
}

/** A complete draft as the stored, validated mapping. Dates without an offset are read in this browser's time zone. */
export function toMapping(draft: MappingDraft, utcOffsetMinutes: number): CsvMapping {
  return CsvMappingSchema.parse({
    keyColumn: draft.keyColumn,
    keyKind: draft.keyKind,
    columns: draft.columns,
    ...(draft.observedAtColumn ? { observedAtColumn: draft.observedAtColumn, utcOffsetMinutes } : {}),
    ...(draft.dateFormat ? { dateFormat: draft.dateFormat } : {}),
  });
}

export type ImportPhase = 'mapping' | 'writing';

export type ImportOutcome =
  | { ok: true; record: ImportRow; rejected: ReportRow[]; replaced: boolean }
  | { ok: false; mappingErrors: MappingError[] };

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export async function runImport(
  db: SidecarDb,
  csv: LoadedCsv,
  mapping: CsvMapping,
  signals: readonly SignalField[],
  locale: Locale,
  now: Date,
  onProgress: (phase: ImportPhase, done: number, total: number) => void,
): Promise<ImportOutcome> {
  onProgress('mapping', 0, csv.parsed.rows.length);
  // Let the progress bar paint before the (synchronous) mapping runs.
  await nextTask();
  const mapped = mapCsv(
    csv.parsed,
    mapping,
    signals.map((s) => s.mappable),
    { locale, defaultObservedAt: now.toISOString() },
  );
  if (!mapped.ok) return { ok: false, mappingErrors: mapped.errors };
  onProgress('mapping', csv.parsed.rows.length, csv.parsed.rows.length);

  const lostRows: ReportRow[] = csv.warnings
    .filter((w) => ROW_LOST.has(w.code))
    .map((w) => ({ row: w.row, column: w.column ?? '', value: '', reason: w.message }));
  const rejected: ReportRow[] = [...lostRows, ...mapped.rejected.map((r) => ({ row: r.row, column: r.column, value: r.value, reason: r.reason, issue: r.issue }))].sort(
    (a, b) => a.row - b.row,
  );
  const observations = mapped.observations.map((o) => ({ subject: o.subject, signalId: o.signalId, value: o.value, observedAt: o.observedAt }));

  onProgress('writing', 0, observations.length);
  const record = await importObservations(
    db,
    {
      importId: csv.importId,
      fileName: csv.fileName,
      encoding: csv.parsed.encoding,
      observations,
      rejected: rejected.map(({ row, column, value, reason }) => ({ row, column, value, reason })),
    },
    now,
    (done, total) => onProgress('writing', done, total),
  );
  onProgress('writing', observations.length, observations.length);
  // Next time a file with this header layout comes, the admin's choices come back.
  await db.csvMappings.put({ signature: csv.signature, mapping, fileName: csv.fileName, savedAt: now.toISOString() });
  return { ok: true, record, rejected, replaced: !!csv.previous };
}
