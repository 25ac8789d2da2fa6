import * as z from 'zod/mini';
import { defuseFormula } from '../import/formula';
import { NoteExport } from '../messages/options';

// The two note files: a JSON export (a backup that notes.import takes back) and
// a CSV for people (Excel opens it as UTF-8 thanks to the BOM added on download).

export const CSV_COLUMNS = ['id', 'account', 'created', 'updated', 'touchpoint', 'ratings', 'status', 'text'] as const;

/**
 * One CSV cell. Quotes when needed, and defuses text Excel would run as a
 * formula (=, +, -, @ at the start): notes are free text typed by anyone.
 */
export function csvCell(value: string): string {
  const safe = defuseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function notesCsv(notes: readonly NoteExport[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const n of notes) {
    if (n.deletedAt) continue;
    const ratings = Object.entries(n.ratings)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    lines.push([n.id, n.accountKey, n.createdAt, n.updatedAt, n.touchpoint, ratings, n.status, n.text].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const NoteList = z.array(NoteExport);

export type ParsedNotes = { ok: true; notes: NoteExport[] } | { ok: false; reason: 'json' | 'shape'; detail: string };

/** Reads a JSON export back: { exportedAt, notes } as written by Sidecar, or a bare array of notes. */
export function parseNotesFile(text: string): ParsedNotes {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { ok: false, reason: 'json', detail: (err as Error).message };
  }
  const list = Array.isArray(raw) ? raw : typeof raw === 'object' && raw !== null ? (raw as { notes?: unknown }).notes : undefined;
  if (!Array.isArray(list)) return { ok: false, reason: 'shape', detail: 'notes: expected a list of notes' };
  const parsed = NoteList.safeParse(list);
  if (!parsed.success) {
    // The first few problems, each with its full path from the file's top ("notes.3.createdAt").
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((i) => `notes.${i.path.map(String).join('.')}: ${i.message}`)
      .join('; ');
    return { ok: false, reason: 'shape', detail };
  }
  return { ok: true, notes: parsed.data };
}
