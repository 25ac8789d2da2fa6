import type { RecordRef } from '../crm/detect';
import type { AccountRow, SidecarDb } from './schema';

export const VISIT_GAP_MS = 30 * 60_000;
/** How far lastSeenAt may lag behind the latest view: far below VISIT_GAP_MS. */
export const SEEN_GRAIN_MS = 60_000;

/**
 * Note a visit to an account and return the row as it now stands. The first
 * visit creates the row; later ones move lastSeenAt and keep the visit before,
 * which "what changed since you last looked" compares against.
 */
export async function touchAccount(db: SidecarDb, key: string, ref: RecordRef, now: Date): Promise<AccountRow> {
  const at = now.toISOString();
  // A view of the same account within SEEN_GRAIN_MS reads only: a read-write transaction is a third of
  // what the sidebar's cache read costs (issue 20), and a visit is told apart by a 30-minute gap.
  const seen = await db.accounts.get(key);
  const since = seen ? now.getTime() - Date.parse(seen.lastSeenAt) : -1;
  if (seen && since >= 0 && since < SEEN_GRAIN_MS) return seen;
  return db.transaction('rw', db.accounts, async () => {
    const existing = await db.accounts.get(key);
    // A new visit starts after half an hour away; within a visit, "since you last looked" keeps its baseline.
    const newVisit = existing ? now.getTime() - Date.parse(existing.lastSeenAt) > VISIT_GAP_MS : false;
    const row: AccountRow = existing
      ? newVisit
        ? { ...existing, previousSeenAt: existing.lastSeenAt, lastSeenAt: at, visitBaseline: existing.lastEvaluation }
        : { ...existing, lastSeenAt: at }
      : {
          key,
          crm: ref.crm,
          host: ref.host,
          ...(ref.portalId ? { portalId: ref.portalId } : {}),
          recordId: ref.recordId,
          properties: {},
          firstSeenAt: at,
          lastSeenAt: at,
        };
    await db.accounts.put(row);
    return row;
  });
}
