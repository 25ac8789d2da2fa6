// The portfolio's last picture, painted by the page's boot script (entrypoints/portfolio-boot.ts)
// before the page's main scripts have loaded: kept free of React, zod and the message protocol, so
// that the script is a few hundred bytes and runs as soon as the document reaches it. A stopped
// background takes most of a second to start and read 10,000 accounts; the picture needs neither.

/** The page's own view (filters and sort), as lib/ui/portfolio-view.ts keeps it. */
export const VIEW_KEY = 'sidecar.portfolio.view';
/** The last picture, as lib/ui/portfolio-snapshot.ts keeps it. */
export const SNAPSHOT_KEY = 'sidecar.portfolio.snapshot';
/** The element the picture is painted in, before the React root. */
export const BOOT_SNAPSHOT_ID = 'portfolio-snapshot';

type Store = Pick<Storage, 'getItem'>;

/**
 * The page is opening: the `portfolio.open` request of the message protocol (lib/messages/portfolio.ts),
 * written out here so that the boot script carries no zod; a test checks it against the protocol.
 */
export const OPENING = { channel: 'sidecar', type: 'portfolio.open', data: {} } as const;

/**
 * Tells the background the page is opening, before the main scripts load: a stopped worker starts
 * (a few hundred ms with its database) while the page loads, and begins reading the book. The answer
 * is nothing the page needs; a refusal or no answer costs only the head start.
 */
export function announceOpening(send: (message: typeof OPENING) => Promise<unknown> | undefined): void {
  try {
    void send(OPENING)?.catch(() => undefined);
  } catch {
    // No runtime (the page opened outside the extension): nothing to start.
  }
}

/**
 * Paints the kept view's last picture before `#root`, inert (no focus, no clicks, hidden from
 * assistive technology) until the live book takes its place, in the language it was taken in.
 * Nothing when there is no kept view, no picture of that very view, or the entry does not read
 * (the page then shows the live book alone). The page checks the picture's language, pack and user
 * once the background answers, and drops it if they differ. Returns the painted element.
 */
export function paintBookSnapshot(doc: Document, store: Store): HTMLElement | null {
  try {
    const view = store.getItem(VIEW_KEY);
    const raw = view === null ? null : store.getItem(SNAPSHOT_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as { v?: unknown; identity?: { lang?: unknown; view?: unknown }; html?: unknown } | null;
    const lang = s?.identity?.lang;
    if (s?.v !== 1 || s.identity?.view !== view || (lang !== 'ja' && lang !== 'en') || typeof s.html !== 'string' || !s.html) return null;
    const root = doc.getElementById('root');
    if (!root || doc.getElementById(BOOT_SNAPSHOT_ID)) return null;
    const box = doc.createElement('div');
    box.id = BOOT_SNAPSHOT_ID;
    box.inert = true;
    // The page's own markup (SnapshotBook, rendered by React when the picture was taken: its text escaped),
    // from this extension page's own storage, which no CRM page can write.
    box.innerHTML = s.html;
    // `lang` picks the CJK glyphs, so it is set before the first paint.
    doc.documentElement.lang = lang;
    root.before(box);
    return box;
  } catch {
    // Storage refused, or the entry damaged: no picture, the live book alone.
    return null;
  }
}

/** The live book is on screen, or the picture is not this user's: removes it. True when there was one. */
export function dropBookSnapshot(doc: Document): boolean {
  const box = doc.getElementById(BOOT_SNAPSHOT_ID);
  box?.remove();
  return !!box;
}

/** The picture the boot script painted is on screen. */
export const bookSnapshotShown = (doc: Document): boolean => !!doc.getElementById(BOOT_SNAPSHOT_ID);
