// A notes file (Options → Notes → Import) checked before anything is stored.
// The file is the user's, but it may have been edited or crafted: nothing in
// it may give a note a CRM identity (that comes from the CRM only), and every
// rating must fit the pack's scale. Pure, so the rules are tested as a table.
import type { NoteRow } from '../db/schema';
import type { ConfigPack } from '../engine/types.ts';
import type { NoteExport } from '../messages/options';

/** Largest notes file the options page reads (bytes), and most notes one import takes. */
export const NOTES_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const NOTES_IMPORT_MAX = 20_000;

export interface ImportProblem {
  /** 1-based position of the note in the file's `notes` array. */
  row: number;
  field: string;
  /** A code the options page renders in the user's language, with its parameters. */
  code: 'rating-unknown' | 'rating-out-of-scale';
  params: Record<string, string | number>;
}

export type ImportPlan =
  | { ok: true; notes: NoteRow[]; skipped: number }
  | { ok: false; problems: ImportProblem[] };

/** The rating scales the pack defines: id → highest value (ratings run from 1). */
export function ratingScales(pack: ConfigPack): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of pack.signals) if (s.source.kind === 'rating') out.set(s.id, s.source.scale);
  return out;
}

/**
 * What an import would store. Notes read from the CRM (`fromCrm`) and deleted
 * notes are not taken (the CRM is their source); the file's CRM id, status and
 * error are dropped, so each imported note is pending, marked `importedAt`, and
 * reaches its CRM identity only through the outbox's look-up, which takes a
 * CRM note under the same Sidecar ID only when it says the same.
 */
export function planImport(file: NoteExport[], pack: ConfigPack, now: Date, exists: (id: string) => boolean): ImportPlan {
  const scales = ratingScales(pack);
  const problems: ImportProblem[] = [];
  file.forEach((n, i) => {
    for (const [id, value] of Object.entries(n.ratings)) {
      const max = scales.get(id);
      if (max === undefined) problems.push({ row: i + 1, field: `ratings.${id}`, code: 'rating-unknown', params: { id } });
      else if (!Number.isInteger(value) || value < 1 || value > max) problems.push({ row: i + 1, field: `ratings.${id}`, code: 'rating-out-of-scale', params: { id, value, max } });
    }
  });
  if (problems.length) return { ok: false, problems };
  const at = now.toISOString();
  const notes: NoteRow[] = [];
  let skipped = 0;
  const seen = new Set<string>();
  for (const n of file) {
    if (n.fromCrm || n.deletedAt || exists(n.id) || seen.has(n.id)) {
      skipped++;
      continue;
    }
    seen.add(n.id);
    notes.push({
      id: n.id,
      accountKey: n.accountKey,
      origin: n.origin,
      text: n.text,
      ratings: n.ratings,
      touchpoint: n.touchpoint,
      ...(n.author ? { author: n.author } : {}),
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
      status: 'pending',
      importedAt: at,
    });
  }
  return { ok: true, notes, skipped };
}
