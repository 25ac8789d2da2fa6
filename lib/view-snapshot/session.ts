import { browser } from 'wxt/browser';
import type { SnapshotArea } from './read';
import { createSnapshotMemory } from './memory';
import { createSnapshotStore } from './store';

/** The browser's session storage (absent in old Firefox: then no snapshots are kept). */
export const snapshotArea: SnapshotArea | null = browser.storage.session ?? null;

/** The sidebar snapshots, for the sidebar, the options page and the background. */
export const snapshots = createSnapshotStore(snapshotArea, () => Date.now());

/** The sidebar frame's copy of the snapshots (memory.ts), filled by `holdSnapshots`. */
export const snapshotMemory = createSnapshotMemory(snapshotArea);

/** Fills the frame's copy once and keeps it current; returns the way to stop listening. */
export function holdSnapshots(): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'session') snapshotMemory.apply(changes);
  };
  browser.storage.onChanged.addListener(listener);
  void snapshotMemory.load();
  return () => browser.storage.onChanged.removeListener(listener);
}
