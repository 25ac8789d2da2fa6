import { recordIdentity, type RecordRef } from '../crm/detect';

/**
 * The content script reports a record page ~100 ms before the sidebar frame it
 * mounts can ask for anything (the frame still has to commit, load and evaluate
 * its scripts). The background starts building that record's view at once and
 * hands it to the frame's first `record.open`, so the frame's first paint does
 * not wait for the cache reads.
 *
 * A prepared view is the state of the cache when the CSM opened the page; it is
 * taken once, and only shortly after, so it is never older than the page itself.
 */
export interface PreparedViews<V> {
  prepare(ref: RecordRef, build: () => Promise<V>): void;
  /** The prepared view for `ref`, or `fresh()` when there is none, it is too old, or it failed. */
  open(ref: RecordRef, fresh: () => Promise<V>): Promise<V>;
}

export const PREPARED_TTL_MS = 5_000;
// A tab shows one record at a time; a few tabs opened at once is the most this ever holds.
const MAX_ENTRIES = 8;

export function createPreparedViews<V>(clock: () => number, ttlMs = PREPARED_TTL_MS): PreparedViews<V> {
  const entries = new Map<string, { at: number; view: Promise<V> }>();
  return {
    prepare(ref, build) {
      const view = build();
      // Nobody may take it: a failure is the frame's own request's to report, not an unhandled rejection.
      view.catch(() => {});
      const key = recordIdentity(ref);
      entries.delete(key);
      entries.set(key, { at: clock(), view });
      for (const old of entries.keys()) {
        if (entries.size <= MAX_ENTRIES) break;
        entries.delete(old);
      }
    },
    open(ref, fresh) {
      const key = recordIdentity(ref);
      const entry = entries.get(key);
      entries.delete(key);
      if (!entry || clock() - entry.at > ttlMs) return fresh();
      return entry.view.catch(() => fresh());
    },
  };
}
