import { dropSnapshot, markFirstPaint, paintSnapshot } from './dom';
import { readSnapshot, type SnapshotArea, type ViewSnapshot } from './read';

/**
 * What the sidebar's boot script leaves for the main script: whether a
 * snapshot went on screen, and a way to stop one that has not yet.
 */
export interface SidecarBoot {
  /** Settles once the snapshot has been on screen for a frame, or at once with null when there is none. */
  painted: Promise<ViewSnapshot | null>;
  /** The live view is starting: a snapshot not yet painted must not be. */
  cancel(): void;
}

declare global {
  interface Window {
    sidecarBoot?: SidecarBoot;
  }
}

/** A snapshot the live view never took over (it failed to start) goes after this, leaving whatever the live view shows. */
export const SNAPSHOT_FAILSAFE_MS = 8_000;

/**
 * Runs in the sidebar frame before its main scripts: reads the record's
 * snapshot and paints it. Kept free of React, zod and the message protocol, so
 * that this script is about a kilobyte and runs as soon as it arrives.
 */
export function bootSidebar(win: Window, area: SnapshotArea | null, failsafeMs = SNAPSHOT_FAILSAFE_MS): SidecarBoot {
  preloadStrings(win);
  // The record's identity, as the content script put it in the frame's URL (`recordIdentity`, entrypoints/crm.content.ts).
  const identity = new URL(win.location.href).searchParams.get('id');
  let cancelled = false;
  const painted = (async () => {
    if (!identity) return null;
    const snapshot = await readSnapshot(area, identity, Date.now()).catch(() => null);
    if (!snapshot || cancelled) return null;
    if (!paintSnapshot(win.document, snapshot.html, snapshot.lang)) return null;
    win.setTimeout(() => dropSnapshot(win.document), failsafeMs);
    await markFirstPaint(win.document, win, snapshot.accountKey, 'snapshot');
    // One task past the frame, so the snapshot reaches the screen before React's first render holds the thread.
    await new Promise((resolve) => win.setTimeout(resolve, 0));
    return snapshot;
  })();
  return { painted, cancel: () => void (cancelled = true) };
}

/**
 * The sidebar asks for its strings only once its main scripts have run.
 * Preloading the likely language here fetches them beside the main scripts
 * (chunk names: wxt.config.ts).
 */
function preloadStrings(win: Window) {
  const link = win.document.createElement('link');
  link.rel = 'modulepreload';
  link.href = /^ja\b/i.test(win.navigator.language) ? '/chunks/strings-ja.js' : '/chunks/strings-en.js';
  win.document.head.append(link);
}

/** How long the live view waits for the boot script's answer before starting anyway. */
export const BOOT_WAIT_MS = 250;

/** The main script's side: resolves once the snapshot is on screen or known absent, and within `BOOT_WAIT_MS` regardless. */
export async function waitForBoot(boot: SidecarBoot | undefined, waitMs = BOOT_WAIT_MS): Promise<void> {
  if (!boot) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([boot.painted.catch(() => null), new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
  boot.cancel();
}
