/**
 * Drawing a stored snapshot of the sidebar, and taking its picture. The
 * snapshot lies over the React root, inert, until the live view is ready;
 * then it is removed in the same frame the live view first paints.
 */

export const SNAPSHOT_ELEMENT_ID = 'sidecar-snapshot';
/** Transient UI (toasts, open dialogs) carries this attribute and is left out of the picture. */
export const SNAPSHOT_SKIP_ATTR = 'data-snapshot-skip';

/**
 * The root's markup as it looks now. Form state lives in properties that
 * markup does not carry, so it is written into attributes of the copy; transient
 * UI is dropped.
 */
export function captureView(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement;
  const live = root.querySelectorAll<HTMLElement>('input, select, textarea');
  const copies = copy.querySelectorAll<HTMLElement>('input, select, textarea');
  live.forEach((el, i) => freezeField(el, copies[i]));
  for (const el of copy.querySelectorAll(`[${SNAPSHOT_SKIP_ATTR}]`)) el.remove();
  return copy.innerHTML;
}

function freezeField(live: HTMLElement, copy: HTMLElement | undefined) {
  if (!copy) return;
  if (live instanceof HTMLSelectElement) {
    copy.querySelectorAll('option').forEach((o, i) => o.toggleAttribute('selected', live.options[i]?.selected ?? false));
  } else if (live instanceof HTMLTextAreaElement) {
    copy.textContent = live.value;
  } else if (live instanceof HTMLInputElement) {
    if (live.type === 'checkbox' || live.type === 'radio') copy.toggleAttribute('checked', live.checked);
    else copy.setAttribute('value', live.value);
  }
}

/**
 * Lays the snapshot over `#root`: inert (no focus, no clicks, hidden from
 * assistive technology) until the live view takes over. It is fixed over the
 * whole frame, so it needs no place in the page: before the parser has reached
 * `#root`, it goes on the document element.
 */
export function paintSnapshot(doc: Document, html: string, lang: string, identity?: string): HTMLElement | null {
  if (doc.getElementById(SNAPSHOT_ELEMENT_ID)) return null;
  const box = doc.createElement('div');
  box.id = SNAPSHOT_ELEMENT_ID;
  box.inert = true;
  if (identity) box.dataset.record = identity;
  box.innerHTML = html;
  // `lang` picks the CJK glyphs, so it is set before the first paint, as the live view does.
  doc.documentElement.lang = lang;
  const root = doc.getElementById('root');
  if (root) root.before(box);
  else doc.documentElement.append(box);
  return box;
}

/** The record (`recordIdentity`) whose snapshot is on screen, when it was painted with one. */
export function snapshotOnScreen(doc: Document): string | null {
  return doc.getElementById(SNAPSHOT_ELEMENT_ID)?.dataset.record ?? null;
}

/** The live view is ready (or the snapshot is no longer wanted): remove the snapshot, if any. */
export function dropSnapshot(doc: Document): boolean {
  const box = doc.getElementById(SNAPSHOT_ELEMENT_ID);
  box?.remove();
  return !!box;
}

/**
 * Marks for `npm run bench` and the real-browser tests: the first paint of the
 * record on screen, from its snapshot or from the live view, whichever came
 * first. `at` is the start of the frame that draws it (epoch ms). A switch to
 * another record marks that record's first paint.
 */
export function noteFirstPaint(doc: Document, accountKey: string, from: 'snapshot' | 'live', at: number): void {
  const data = doc.documentElement.dataset;
  if (data.paintedRecord === accountKey) return;
  data.paintedAt = at.toFixed(1);
  data.paintedFrom = from;
  data.paintedRecord = accountKey;
}

/** `noteFirstPaint` in the next animation frame: resolves once the frame that draws the snapshot has begun. */
export function markFirstPaint(doc: Document, win: Pick<Window, 'requestAnimationFrame' | 'performance'>, accountKey: string, from: 'snapshot' | 'live'): Promise<void> {
  return new Promise((resolve) =>
    win.requestAnimationFrame(() => {
      noteFirstPaint(doc, accountKey, from, win.performance.timeOrigin + win.performance.now());
      resolve();
    }),
  );
}

/** The longest `whenPresented` waits: a picture not reported by then is taken as shown (or never to be). */
export const PRESENTED_WAIT_MS = 150;

/**
 * Resolves once the browser reports an element of `box` that carries `elementtiming` (the record
 * header's name) as presented on screen (Element Timing), or after `maxMs`; where the browser has
 * no Element Timing, once the frame that draws `box` has been produced. The sidebar tells React of
 * a switch only then: React's render of the live view would otherwise share the frame's thread
 * (and the machine's cores) with the snapshot's raster, and replace the snapshot before it was
 * ever seen.
 */
export function whenPresented(box: HTMLElement, win: Pick<Window, 'requestAnimationFrame' | 'setTimeout' | 'clearTimeout'>, maxMs = PRESENTED_WAIT_MS): Promise<void> {
  return new Promise((resolve) => {
    let observer: PerformanceObserver | null = null;
    const done = () => {
      observer?.disconnect();
      win.clearTimeout(timer);
      resolve();
    };
    const timer = win.setTimeout(done, maxMs);
    const supported = typeof PerformanceObserver !== 'undefined' && (PerformanceObserver.supportedEntryTypes ?? []).includes('element');
    if (!supported || !box.querySelector('[elementtiming]')) {
      win.requestAnimationFrame(() => win.setTimeout(done, 0));
      return;
    }
    observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => {
        const el = (e as PerformanceEntry & { element?: Element | null }).element;
        return !!el && box.contains(el);
      })) done();
    });
    observer.observe({ type: 'element' });
  });
}
