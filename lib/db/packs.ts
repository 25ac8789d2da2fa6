// The installed pack and the versions kept before it (db.packs): 'active' is the one in force,
// `history:{iso}` the ones it replaced. Each row is one install: who, when, a note. Rows are
// few (one per install) and small enough to read whole; none of the fields is indexed, so the
// versions need no schema version of their own.
import type { PackRow, SidecarDb } from './schema';

/** Every install this browser kept, oldest first (the install time orders them). */
export async function packVersions(db: SidecarDb): Promise<PackRow[]> {
  const rows = await db.packs.toArray();
  return rows.sort((a, b) => a.installedAt.localeCompare(b.installedAt) || (a.id === 'active' ? 1 : b.id === 'active' ? -1 : 0));
}

/**
 * Versions kept before the one in force. A pack is tens of KB, so a hundred is a few MB; a team
 * whose policy pack changes daily would otherwise grow the profile for ever. The oldest go first.
 */
export const MAX_PACK_HISTORY = 100;

/**
 * Put a new pack in force: the one it replaces is kept as `history:{at}`, in the same transaction,
 * so a crash never leaves two active packs or none. Beyond MAX_PACK_HISTORY the oldest kept
 * versions are dropped in that transaction too.
 */
export async function installPackRow(db: SidecarDb, row: Omit<PackRow, 'id'>, keep = MAX_PACK_HISTORY): Promise<void> {
  await db.transaction('rw', db.packs, async () => {
    const previous = await db.packs.get('active');
    if (previous) await db.packs.put({ ...previous, id: `history:${row.installedAt}` });
    await db.packs.put({ ...row, id: 'active' });
    const history = (await packVersions(db)).filter((r) => r.id !== 'active');
    const excess = history.length - keep;
    if (excess > 0) await db.packs.bulkDelete(history.slice(0, excess).map((r) => r.id));
  });
}
