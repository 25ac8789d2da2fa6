import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { recordIdentity, type RecordRef } from '../crm/detect';
import type { Locale } from '../i18n/index';
import { captureView, dropSnapshot, markFirstPaint, paintSnapshot, snapshotOnScreen, whenPresented } from '../view-snapshot/dom';
import { holdSnapshots, snapshotMemory, snapshots } from '../view-snapshot/session';
import type { SnapshotStore } from '../view-snapshot/store';

/** A picture is taken once the view has been still this long: after the refresh and the notes have landed. */
export const SNAPSHOT_SAVE_DEBOUNCE_MS = 600;

/**
 * The picture of a record stands in for its live view until that view has
 * something of its own to show: the boot script paints the frame's first
 * record; on a switch to another record in the same frame (the CRM's
 * single-page navigation), this paints that record's picture while its live
 * view loads. Either gives way in the commit in which `live` turns true.
 */
export function useSnapshotBridge(ref: RecordRef | null, live: boolean, store: SnapshotStore = snapshots): void {
  const identity = ref ? recordIdentity(ref) : null;
  const liveNow = useRef(live);
  // The frame's first record is the boot script's; this paints only on a switch.
  const painted = useRef(identity);
  useLayoutEffect(() => {
    liveNow.current = live;
    if (live) dropSnapshot(document);
  }, [live, identity]);
  useLayoutEffect(() => {
    if (painted.current === identity) return;
    painted.current = identity;
    // Already painted by `snapshotFirst`, before React heard of the switch.
    if (identity && !liveNow.current && snapshotOnScreen(document) === identity) return;
    dropSnapshot(document);
    if (!ref || liveNow.current) return;
    void store
      .read(ref)
      .then((snapshot) => {
        // Too late when the live view got there first, or the page moved on to yet another record.
        if (!snapshot || liveNow.current || painted.current !== identity) return;
        if (paintSnapshot(document, snapshot.html, snapshot.lang, identity ?? undefined)) void markFirstPaint(document, window, snapshot.accountKey, 'snapshot');
      })
      .catch(() => {});
    // `ref` is named by `identity`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity, store]);
}

/** How long a switch waits for its snapshot's read before React is told anyway (the live view then takes over the painting). */
export const SWITCH_READ_WAIT_MS = 100;

export interface SnapshotFirstOptions {
  /** Tells React of the record (the App's state). */
  show(ref: RecordRef | null): void;
  /** Whether React already has this record's live view (a record seen before in this frame): then React shows it directly. */
  hasLive(ref: RecordRef): boolean;
  /** Sends the live view's request at once, so that it runs while the picture is drawn. */
  prefetch(ref: RecordRef): void;
  /** Where pictures are read (default: the frame's copy, `holdSnapshots`, then session storage). */
  store?: Pick<SnapshotStore, 'read'>;
  doc?: Document;
  win?: Pick<Window, 'requestAnimationFrame' | 'setTimeout' | 'clearTimeout' | 'performance'>;
}

/**
 * The listener for the page's record changes (`onPageRecord`) that puts the next record's
 * snapshot on screen before React hears of the switch. Told at once, React re-rendered the whole
 * sidebar before the snapshot was even asked for, and then rendered the live view right behind it:
 * the snapshot's frame reached the screen ~95 ms after the click, against ~60 ms for a bare line.
 * Here the snapshot is read and painted the moment the news arrives, the live view's request
 * leaves beside it, and React is told once the picture is on screen (`whenPresented`), or at once
 * when there is none or React already has the record live. Latest news wins.
 */
export function snapshotFirst(options: SnapshotFirstOptions): (ref: RecordRef | null) => void {
  const store = options.store ?? { read: (r: RecordRef) => Promise.resolve(snapshotMemory.get(recordIdentity(r), Date.now())).then((held) => held ?? snapshots.read(r)) };
  const doc = options.doc ?? document;
  const win = options.win ?? window;
  let latest = 0;
  return (ref) => {
    const mine = ++latest;
    let told = false;
    const tell = () => {
      if (told || mine !== latest) return;
      told = true;
      options.show(ref);
    };
    if (!ref || options.hasLive(ref)) return tell();
    options.prefetch(ref);
    const identity = recordIdentity(ref);
    const guard = win.setTimeout(tell, SWITCH_READ_WAIT_MS);
    void store
      .read(ref)
      .catch(() => null)
      .then((snapshot) => {
        win.clearTimeout(guard);
        // Once React has been told, the live view (or `useSnapshotBridge`) decides what is drawn.
        if (told || mine !== latest) return;
        dropSnapshot(doc);
        const box = snapshot ? paintSnapshot(doc, snapshot.html, snapshot.lang, identity) : null;
        if (!snapshot || !box) return tell();
        void markFirstPaint(doc, win, snapshot.accountKey, 'snapshot');
        void whenPresented(box, win).then(tell);
      });
  };
}

/** How long after the first view has settled the frame takes its copy of the snapshots (off the first paint's path). */
export const HOLD_SNAPSHOTS_AFTER_MS = 300;

/** Once `ready` (the first record shown), the frame holds the snapshots in memory for the switches to come (`snapshotFirst`). */
export function useHeldSnapshots(ready: boolean): void {
  // Latched: the copy is kept for the frame's life, across the switches that turn `ready` off and on.
  const [held, setHeld] = useState(false);
  if (ready && !held) setHeld(true);
  useEffect(() => {
    if (!held) return;
    let stop: (() => void) | null = null;
    const timer = setTimeout(() => (stop = holdSnapshots()), HOLD_SNAPSHOTS_AFTER_MS);
    return () => {
      clearTimeout(timer);
      stop?.();
    };
  }, [held]);
}

export interface SnapshotSubject {
  ref: RecordRef;
  accountKey: string;
  lang: Locale;
}

/**
 * Keeps the record's snapshot current while the sidebar shows it: every change
 * to the view (the refresh landing, a note saved, the language switched)
 * re-takes the picture once things are still.
 */
export function useSnapshotSaver(subject: SnapshotSubject | null, store: SnapshotStore = snapshots): void {
  const identity = subject ? recordIdentity(subject.ref) : null;
  const accountKey = subject?.accountKey;
  const lang = subject?.lang;
  const ref = subject?.ref;
  useEffect(() => {
    const root = document.getElementById('root');
    if (!ref || !accountKey || !lang || !root) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const take = () => void store.save(ref, { accountKey, lang, html: captureView(root) }).catch(() => {});
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(take, SNAPSHOT_SAVE_DEBOUNCE_MS);
    };
    const observer = new MutationObserver(later);
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    later();
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    // `ref` is named by `identity`: a new object for the same record must not restart the watch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity, accountKey, lang, store]);
}
