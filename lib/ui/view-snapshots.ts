import { useEffect, useLayoutEffect, useRef } from 'react';
import { recordIdentity, type RecordRef } from '../crm/detect';
import type { Locale } from '../i18n/index';
import { captureView, dropSnapshot, markFirstPaint, paintSnapshot } from '../view-snapshot/dom';
import { snapshots } from '../view-snapshot/session';
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
    dropSnapshot(document);
    if (!ref || liveNow.current) return;
    void store
      .read(ref)
      .then((snapshot) => {
        // Too late when the live view got there first, or the page moved on to yet another record.
        if (!snapshot || liveNow.current || painted.current !== identity) return;
        if (paintSnapshot(document, snapshot.html, snapshot.lang)) void markFirstPaint(document, window, snapshot.accountKey, 'snapshot');
      })
      .catch(() => {});
    // `ref` is named by `identity`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity, store]);
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
