import { isViewSnapshot, SNAPSHOT_KEY_PREFIX, SNAPSHOT_MAX_AGE_MS, type SnapshotArea, type ViewSnapshot } from './read';

/**
 * The stored snapshots, held in the sidebar frame's memory once its first view has settled, so
 * that a single-page switch paints the next record's picture in the very task that brings the
 * news: a storage read during a CRM switch took ~25 ms on the 2-core bench machine, as long as
 * drawing the picture. The storage area stays the truth: its changes (a picture retaken in
 * another tab, the cache cleared) are applied as they come (`apply`, from its onChanged event).
 */
export interface SnapshotMemory {
  /** The record's snapshot (`identity` = `recordIdentity`), when held and young enough; null sends the caller to storage. */
  get(identity: string, now: number): ViewSnapshot | null;
  /** Reads every stored snapshot once; a second call does nothing. */
  load(): Promise<void>;
  /** A change to the area, as its onChanged event names it. */
  apply(changes: Record<string, { newValue?: unknown }>): void;
}

export function createSnapshotMemory(area: SnapshotArea | null): SnapshotMemory {
  const held = new Map<string, ViewSnapshot>();
  // Keys changed while the first read was out: that read's older answer must not overwrite them.
  let changedDuringLoad: Set<string> | null = null;
  let loading: Promise<void> | null = null;
  const keep = (key: string, value: unknown) => {
    if (isViewSnapshot(value)) held.set(key, value);
    else held.delete(key);
  };
  return {
    get(identity, now) {
      const s = held.get(SNAPSHOT_KEY_PREFIX + identity);
      if (!s) return null;
      const age = now - s.savedAt;
      return age >= 0 && age <= SNAPSHOT_MAX_AGE_MS ? s : null;
    },
    load() {
      if (loading || !area) return loading ?? Promise.resolve();
      changedDuringLoad = new Set();
      loading = (async () => {
        try {
          const keys = (area.getKeys ? await area.getKeys() : Object.keys(await area.get(null))).filter((k) => k.startsWith(SNAPSHOT_KEY_PREFIX));
          const values = keys.length ? await area.get(keys) : {};
          for (const [key, value] of Object.entries(values)) if (!changedDuringLoad?.has(key)) keep(key, value);
        } catch {
          // Only a cache: the switch reads from storage instead.
        } finally {
          changedDuringLoad = null;
        }
      })();
      return loading;
    },
    apply(changes) {
      for (const [key, change] of Object.entries(changes)) {
        if (!key.startsWith(SNAPSHOT_KEY_PREFIX)) continue;
        changedDuringLoad?.add(key);
        keep(key, change.newValue);
      }
    },
  };
}
