// The structured editor's draft of the pack (issue 19): one row, saved as CS Ops edits (debounced by
// the page), offered back when the editor opens, removed when it is installed or discarded. Saving
// a draft never installs anything.
import type { PackDraftRow, SidecarDb } from './schema';

export type PackDraft = Omit<PackDraftRow, 'id'>;

/** The saved draft, or null when there is none. */
export async function loadPackDraft(db: SidecarDb): Promise<PackDraft | null> {
  const row = await db.packDrafts.get('editor');
  if (!row) return null;
  const { id: _, ...draft } = row;
  return draft;
}

/** Keep the draft (the one before it is replaced: there is one draft, the editor's). */
export async function savePackDraft(db: SidecarDb, draft: PackDraft): Promise<void> {
  await db.packDrafts.put({ ...draft, id: 'editor' });
}

/** Forget the draft: installed, or discarded by CS Ops. */
export async function discardPackDraft(db: SidecarDb): Promise<void> {
  await db.packDrafts.delete('editor');
}
