import * as z from 'zod/mini';
import { recordIdentity, type RecordRef } from '../crm/detect';
import { readSnapshot, SNAPSHOT_KEY_PREFIX, SNAPSHOT_MAX_HTML, snapshotKeyOf, type SnapshotArea, type ViewSnapshot } from './read';

/**
 * The sidebar as it was last drawn for a record, kept so the next visit can
 * paint it before React has even loaded (`boot.ts`), then hand over to the live
 * view a moment later. It is a cache of markup, not data: the database stays the
 * source of truth, and a snapshot that is missing, too old or unreadable only
 * means the sidebar paints the slower way.
 *
 * It lives in the extension's session storage: in memory, gone when the browser
 * closes, and readable only by extension pages and the background (not by
 * content scripts, and never by the CRM page).
 */
export const ViewSnapshotSchema: z.ZodMiniType<ViewSnapshot> = z.object({
  v: z.literal(1),
  accountKey: z.string().check(z.minLength(1), z.maxLength(300)),
  lang: z.enum(['ja', 'en']),
  html: z.string().check(z.minLength(1), z.maxLength(SNAPSHOT_MAX_HTML)),
  savedAt: z.number(),
});

/** Records kept; each is some 15–40 KB of markup, well inside session storage's 10 MB. */
export const SNAPSHOT_LIMIT = 30;

export interface SnapshotStore {
  read(ref: RecordRef): Promise<ViewSnapshot | null>;
  save(ref: RecordRef, snapshot: Omit<ViewSnapshot, 'v' | 'savedAt'>): Promise<void>;
  /** Drop every snapshot: after a change that redraws every record (language, config pack, import). */
  clear(): Promise<void>;
}

const savedAtOf = (value: unknown) => {
  const parsed = ViewSnapshotSchema.safeParse(value);
  return parsed.success ? parsed.data.savedAt : -Infinity;
};

/** `area` is null where the browser has no session storage: then nothing is kept and nothing painted early. */
export function createSnapshotStore(area: SnapshotArea | null, clock: () => number): SnapshotStore {
  async function ourKeys(): Promise<string[]> {
    if (!area) return [];
    const keys = area.getKeys ? await area.getKeys() : Object.keys(await area.get(null));
    return keys.filter((k) => k.startsWith(SNAPSHOT_KEY_PREFIX));
  }
  async function clear() {
    const keys = await ourKeys();
    if (area && keys.length) await area.remove(keys);
  }
  return {
    read: (ref) => readSnapshot(area, recordIdentity(ref), clock()),
    async save(ref, snapshot) {
      if (!area) return;
      const parsed = ViewSnapshotSchema.safeParse({ v: 1, ...snapshot, savedAt: clock() });
      // A view too large to keep simply paints the slower way next time.
      if (!parsed.success) return;
      try {
        await area.set({ [snapshotKeyOf(recordIdentity(ref))]: parsed.data });
      } catch {
        // Quota: start the cache afresh; the next save fills it again.
        await clear();
        return;
      }
      // Most saves stop here, having read no markup.
      const keys = await ourKeys();
      if (keys.length <= SNAPSHOT_LIMIT) return;
      const entries = Object.entries(await area.get(keys));
      const oldest = entries.sort((a, b) => savedAtOf(b[1]) - savedAtOf(a[1])).slice(SNAPSHOT_LIMIT).map(([k]) => k);
      await area.remove(oldest);
    },
    clear,
  };
}
