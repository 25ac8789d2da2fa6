/**
 * Reading a stored sidebar snapshot. This half runs in the sidebar's boot
 * script, before anything else in the frame, so it stays free of dependencies:
 * the shape is checked by `isViewSnapshot`, which `store.test.ts` holds equal to
 * the zod schema that every write goes through (`store.ts`).
 */

export interface ViewSnapshot {
  v: 1;
  /** The account the markup shows (a contact's page shows its company). */
  accountKey: string;
  lang: 'ja' | 'en';
  html: string;
  savedAt: number;
}

export const SNAPSHOT_KEY_PREFIX = 'sidecar.view:';
export const SNAPSHOT_MAX_HTML = 400_000;
/** Older than this, the picture would mislead more than it helps: paint the live view instead. */
export const SNAPSHOT_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/** `identity` is `recordIdentity(ref)` (lib/crm/detect.ts), which the content script also puts in the frame's URL. */
export const snapshotKeyOf = (identity: string) => SNAPSHOT_KEY_PREFIX + identity;

export function isViewSnapshot(x: unknown): x is ViewSnapshot {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  return (
    s.v === 1 &&
    typeof s.accountKey === 'string' && s.accountKey.length >= 1 && s.accountKey.length <= 300 &&
    (s.lang === 'ja' || s.lang === 'en') &&
    typeof s.html === 'string' && s.html.length >= 1 && s.html.length <= SNAPSHOT_MAX_HTML &&
    typeof s.savedAt === 'number' && Number.isFinite(s.savedAt)
  );
}

/** The slice of `browser.storage.session` the snapshots use (a fake in tests). */
export interface SnapshotArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  /** The stored keys alone (Chrome 130+): counting snapshots then reads no markup. */
  getKeys?(): Promise<string[]>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** The record's snapshot, or null when there is none, it is unreadable (then it is dropped: only a cache entry), or too old. */
export async function readSnapshot(area: SnapshotArea | null, identity: string, now: number): Promise<ViewSnapshot | null> {
  if (!area) return null;
  const key = snapshotKeyOf(identity);
  const raw = (await area.get(key))[key];
  if (raw === undefined) return null;
  if (!isViewSnapshot(raw)) {
    await area.remove(key);
    return null;
  }
  const age = now - raw.savedAt;
  return age >= 0 && age <= SNAPSHOT_MAX_AGE_MS ? raw : null;
}
