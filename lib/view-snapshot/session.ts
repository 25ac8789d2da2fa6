import { browser } from 'wxt/browser';
import type { SnapshotArea } from './read';
import { createSnapshotStore } from './store';

/** The browser's session storage (absent in old Firefox: then no snapshots are kept). */
export const snapshotArea: SnapshotArea | null = browser.storage.session ?? null;

/** The sidebar snapshots, for the sidebar, the options page and the background. */
export const snapshots = createSnapshotStore(snapshotArea, () => Date.now());
