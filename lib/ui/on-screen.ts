// When something the page drew has reached the screen: Element Timing
// (https://wicg.github.io/element-timing/) reports an element marked `elementtiming="…"` once its
// text or image is presented. The portfolio asks for its whole book only then: that answer keeps
// the background busy and the page parsing for most of a second, and on a two-core machine work
// started before the first rows' raster delays their presentation by as much.

/** The identifier the book's rows carry (components/portfolio/BookTable.tsx); `npm run bench` times them by it too. */
export const BOOK_ROW_TIMING = 'book-row';

/** Where Element Timing is missing (Firefox), or a marked element never shows: at most this long. */
export const ON_SCREEN_FALLBACK_MS = 1_000;

/** What `onScreen` needs of the page; the window's own by default, a stand-in in tests. */
export interface ScreenClock {
  PerformanceObserver?: {
    new (cb: (list: { getEntries(): Array<{ identifier?: string }> }) => void): { observe(o: { type: string; buffered: boolean }): void; disconnect(): void };
    readonly supportedEntryTypes?: readonly string[];
  };
  requestAnimationFrame(cb: () => void): unknown;
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * Calls `then` once, when an element marked `identifier` has been presented (entries from before the
 * call count), or after `fallbackMs`. Without Element Timing: after the next frame has been drawn
 * (a frame, then a task), as close as such a browser lets a page tell. Returns the cancel.
 */
export function onScreen(identifier: string, then: () => void, fallbackMs = ON_SCREEN_FALLBACK_MS, clock: ScreenClock = globalThis as unknown as ScreenClock): () => void {
  let done = false;
  let timer: unknown = null;
  let observer: { disconnect(): void } | null = null;
  const finish = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    if (timer !== null) clock.clearTimeout(timer);
    then();
  };
  const PO = clock.PerformanceObserver;
  if (PO?.supportedEntryTypes?.includes('element')) {
    const o = new PO((list) => {
      if (list.getEntries().some((e) => e.identifier === identifier)) finish();
    });
    observer = o;
    o.observe({ type: 'element', buffered: true });
    if (!done) timer = clock.setTimeout(finish, fallbackMs);
  } else {
    clock.requestAnimationFrame(() => {
      if (!done) timer = clock.setTimeout(finish, 0);
    });
  }
  return () => {
    done = true;
    observer?.disconnect();
    if (timer !== null) clock.clearTimeout(timer);
  };
}
