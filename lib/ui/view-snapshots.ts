import { useEffect, useLayoutEffect } from 'react';
import { recordIdentity, type RecordRef } from '../crm/detect';
import type { Locale } from '../i18n/index';
import { captureView, dropSnapshot } from '../view-snapshot/dom';
import { snapshots } from '../view-snapshot/session';
import type { SnapshotStore } from '../view-snapshot/store';

/** A picture is taken once the view has been still this long: after the refresh and the notes have landed. */
export const SNAPSHOT_SAVE_DEBOUNCE_MS = 600;

/** Removes the boot script's snapshot in the commit in which the live view has something of its own to show. */
export function useSnapshotTakeover(ready: boolean): void {
  useLayoutEffect(() => {
    if (ready) dropSnapshot(document);
  }, [ready]);
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
