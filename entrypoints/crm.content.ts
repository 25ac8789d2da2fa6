import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { detectRecord, recordIdentity, sameRecord, type RecordRef } from '../lib/crm/detect';
import { MOUNT_QUERY } from '../lib/messages/mount';
import { COLLAPSED_TAB, framePrefs, type FramePrefs } from '../lib/ui/frame-prefs';

// Detection and mounting only: everything Sidecar knows lives in the frame
// (extension origin) and the background, never in the CRM page's origin.
export default defineContentScript({
  matches: ['https://*.hubspot.com/*', 'https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  runAt: 'document_start',
  main(ctx) {
    // Each mounted frame gets its own token (in its URL's fragment): the background admits
    // that frame's requests only while this script reports it mounted (lib/background/frame-gate.ts).
    let token = '';
    // The records the mounted frame has been shown, the current one last.
    let shown: RecordRef[] = [];
    let frame: HTMLIFrameElement | null = null;
    let loaded = false;
    let current: RecordRef | null = null;
    let prefs: FramePrefs = { collapsed: false, width: 360 };

    // The content script's own start, so `npm run bench` can time it from the frame.
    const startedAt = performance.timeOrigin + performance.now();
    const frameUrl = (ref: RecordRef) =>
      `${browser.runtime.getURL('/sidebar.html')}?ref=${encodeURIComponent(JSON.stringify(ref))}&id=${encodeURIComponent(recordIdentity(ref))}&cs=${startedAt.toFixed(1)}#${token}`;

    const place = () => {
      if (!frame) return;
      const s = frame.style;
      const set = (k: string, v: string) => s.setProperty(k, v, 'important');
      set('position', 'fixed');
      set('right', '0');
      set('border', '0');
      set('margin', '0');
      set('padding', '0');
      set('z-index', '2147483646');
      set('background', 'transparent');
      set('display', 'block');
      set('visibility', placed ? 'visible' : 'hidden');
      if (prefs.collapsed) {
        // A slim tab mid-way down the right edge, clear of the CRM's header and toolbars.
        set('top', `calc(50% - ${COLLAPSED_TAB.height / 2}px)`);
        set('height', `${COLLAPSED_TAB.height}px`);
        set('width', `${COLLAPSED_TAB.width}px`);
        set('box-shadow', 'none');
      } else {
        set('top', '0');
        set('height', '100vh');
        set('width', `${prefs.width}px`);
        set('box-shadow', '-2px 0 8px rgba(0,0,0,.12)');
      }
    };

    const mount = (ref: RecordRef) => {
      token = crypto.randomUUID();
      shown = [];
      frame = document.createElement('iframe');
      frame.setAttribute('data-sidecar-frame', '');
      frame.title = 'Sidecar';
      frame.allow = 'clipboard-write';
      frame.src = frameUrl(ref);
      loaded = false;
      frame.addEventListener('load', () => (loaded = true), { once: true });
      place();
      document.documentElement.append(frame);
    };

    const unmount = () => {
      frame?.remove();
      frame = null;
    };

    // Set once the page has drawn its first picture and fired its load event (afterPageStart).
    let pageStarted = false;

    const show = (url: string) => {
      const ref = detectRecord(url);
      if (!ref) {
        current = null;
        unmount();
        return;
      }
      if (frame && sameRecord(ref, current)) return;
      current = ref;
      // Until the page has started, only remember the record: it is mounted then.
      if (!pageStarted) return;
      if (!frame) mount(ref);
      else if (!loaded) frame.src = frameUrl(ref);
      shown = [...shown.filter((r) => !sameRecord(r, ref)), ref].slice(-64);
      // The background starts on the record's view while the frame loads; a loaded frame switches to it.
      void browser.runtime.sendMessage({ channel: 'sidecar', type: 'page.record', token, ref }).catch(() => {});
    };

    // A failure here must never break the CRM page: log and stay out of the way.
    const safely = (fn: () => void) => {
      try {
        fn();
      } catch (err) {
        console.warn('[Sidecar]', err);
      }
    };

    // The placement is read at once; a frame mounted before it is known stays hidden until then,
    // so a collapsed sidebar never flashes open.
    let placed = false;
    const reveal = (p: FramePrefs | null) => {
      if (p) prefs = p;
      placed = true;
      safely(place);
    };
    void framePrefs.getValue().then(reveal, () => reveal(null));
    safely(() => show(location.href));
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => safely(() => show(newUrl.href)));
    // The frame (and the background's start on the record) wait for the page's own start.
    afterPageStart(window, () => {
      if (ctx.isInvalid) return;
      pageStarted = true;
      safely(() => show(location.href));
    });
    ctx.onInvalidated(unmount);

    // The background asks which frame this page mounted, before it lets a sidebar frame act.
    const answerMount = (message: unknown, sender: { id?: string }, sendResponse: (answer: unknown) => void) => {
      const m = message as Partial<typeof MOUNT_QUERY> | null;
      if (sender.id !== browser.runtime.id || m?.channel !== MOUNT_QUERY.channel || m.type !== MOUNT_QUERY.type) return;
      sendResponse(frame ? { token, refs: shown } : null);
    };
    browser.runtime.onMessage.addListener(answerMount);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(answerMount));

    const unwatch = framePrefs.watch((p) => {
      prefs = p;
      safely(place);
    });
    ctx.onInvalidated(unwatch);
  },
});

/** The longest the sidebar waits for the page's first contentful paint and load event (from the content script's start). */
const PAGE_START_WAIT_MS = 2_000;

/**
 * Calls `fn` once the page has put its first contentful picture on screen and fired its load
 * event, or after PAGE_START_WAIT_MS, whichever comes first. The CRM page must never pay for
 * Sidecar: an extension frame in the page's first picture holds that picture back until the frame
 * has drawn its own (the compositor waits for the frame's surface: the page's first contentful
 * paint went from ~100 to ~180 ms with a bare one-line frame mounted at document start, and to
 * ~190 ms with Sidecar's), and a frame still loading holds back the page's load event.
 */
function afterPageStart(win: Window, fn: () => void) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  const timer = win.setTimeout(once, PAGE_START_WAIT_MS);
  const painted = new Promise<void>((resolve) => {
    const fcp = () => win.performance.getEntriesByName('first-contentful-paint').length > 0;
    if (fcp()) return resolve();
    try {
      const o = new PerformanceObserver(() => {
        if (!fcp()) return;
        o.disconnect();
        resolve();
      });
      o.observe({ type: 'paint', buffered: true });
    } catch {
      resolve(); // no paint timing: the load event alone
    }
  });
  const loaded = new Promise<void>((resolve) => {
    if (win.document.readyState === 'complete') return resolve();
    win.addEventListener('load', () => resolve(), { once: true });
  });
  void Promise.all([painted, loaded]).then(() => {
    win.clearTimeout(timer);
    once();
  });
}
