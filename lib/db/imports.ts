import type { ImportRow, SidecarDb, SignalRow, SignalValue } from './schema';

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
const CHUNK = 5_000;

/**
 * All or nothing: the observations and the import's record go in one
 * transaction, so a failure half-way leaves the store as it was. Rows are keyed
 * by subject, signal, source and time, so re-importing a file overwrites
 * itself instead of adding duplicates.
 */
export async function importObservations(
  db: SidecarDb,
  input: ImportInput,
  now: Date,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportRow> {
  const total = input.observations.length;
  return db.transaction('rw', [db.signals, db.imports], async () => {
    // A re-import of the same file replaces what that file wrote before, including rows it no longer has.
    await db.signals.where('importId').equals(input.importId).delete();
    for (let i = 0; i < total; i += CHUNK) {
      const rows: SignalRow[] = input.observations.slice(i, i + CHUNK).map((o) => ({ ...o, source: 'csv', importId: input.importId }));
      await db.signals.bulkPut(rows);
      onProgress?.(Math.min(total, i + CHUNK), total);
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
