import { CSV_CHUNK_ROWS, type CsvChunkRow, type ImportRow, type SidecarDb, type SignalValue } from './schema';

export interface ImportObservation {
  subject: string;
  signalId: string;
  value: SignalValue;
  observedAt: string;
}

export interface ImportInput {
  /** Derived from the file's content, so importing the same file twice is the same import. */
  importId: string;
  fileName: string;
  encoding: string;
  observations: ImportObservation[];
  rejected: ImportRow['report'];
}

export const REPORT_ROWS_KEPT = 5_000;
// Chunks written per bulkPut: enough to keep the progress bar moving.
const CHUNKS_PER_WRITE = 10;

/** Observations → one row per account and time, in chunks of CSV_CHUNK_ROWS rows. */
export function toChunks(importId: string, observations: ImportObservation[]): CsvChunkRow[] {
  const rows = new Map<string, CsvChunkRow['rows'][number]>();
  for (const o of observations) {
    const key = `${o.subject}\u0000${o.observedAt}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { subject: o.subject, observedAt: o.observedAt, values: {} }));
    row.values[o.signalId] = o.value;
  }
  const all = [...rows.values()];
  const chunks: CsvChunkRow[] = [];
  for (let i = 0; i < all.length; i += CSV_CHUNK_ROWS) {
    const slice = all.slice(i, i + CSV_CHUNK_ROWS);
    chunks.push({ importId, chunk: chunks.length, subjects: [...new Set(slice.map((r) => r.subject))], rows: slice });
  }
  return chunks;
}

/**
 * All or nothing: the import's chunks and its record go in one transaction,
 * so a failure half-way leaves the store as it was. The same file has the
 * same import id and so the same chunk keys: importing it again replaces
 * itself instead of adding duplicates.
 */
export async function importObservations(
  db: SidecarDb,
  input: ImportInput,
  now: Date,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportRow> {
  const chunks = toChunks(input.importId, input.observations);
  const total = input.observations.length;
  const perChunk = total / Math.max(1, chunks.length);
  return db.transaction('rw', [db.csvChunks, db.imports], async () => {
    await db.csvChunks.where('importId').equals(input.importId).delete();
    for (let i = 0; i < chunks.length; i += CHUNKS_PER_WRITE) {
      await db.csvChunks.bulkPut(chunks.slice(i, i + CHUNKS_PER_WRITE));
      onProgress?.(Math.min(total, Math.round((i + CHUNKS_PER_WRITE) * perChunk)), total);
    }
    const record: ImportRow = {
      id: input.importId,
      fileName: input.fileName,
      encoding: input.encoding,
      at: now.toISOString(),
      accepted: total,
      rejected: input.rejected.length,
      report: input.rejected.slice(0, REPORT_ROWS_KEPT),
    };
    await db.imports.put(record);
    return record;
  });
}

/** A stable id for a file's bytes (SHA-256), so the same export imported twice is recognised. */
export async function importIdFor(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as unknown as ArrayBuffer);
  return [...new Uint8Array(digest)].slice(0, 16).map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function recentImports(db: SidecarDb, limit = 10): Promise<ImportRow[]> {
  return db.imports.orderBy('at').reverse().limit(limit).toArray();
}
