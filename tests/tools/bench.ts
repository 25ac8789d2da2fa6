// npm run bench: speed and size, measured in real Chromium on the demo pages and in Node.
// Prints figures with their targets and ratios (figure / target: ≤ 1 meets it).
import Encoding from 'encoding-japanese';
import { EXTENSION_DIR, buildExtension, launchWithExtension, type Launched } from '../harness/browser.ts';
import { builtScripts, gzipKb, sidebarLoadedJs } from '../harness/bundle.ts';
import { launchTimingBrowser, poll, type FrameSession, type PageSession, type TimingBrowser } from '../harness/cdp.ts';
import { startCrmServer } from '../harness/crm-server.ts';
import { ONE_LINE_TIMING, SWITCH_TIMING, oneLineExtension, staticPictureExtension, type FloorExtension } from '../harness/floor-extension.ts';
import { frameOf, waitForRecord } from '../harness/sidebar.ts';

interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: number;
  /** Decimals to print (default: 2 below 10 ms, else 1). */
  decimals?: number;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
/** BENCH_ONLY=paint,size runs some sections (size, node, paint, reads, import); all by default. */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const wants = (section: 'size' | 'node' | 'paint' | 'reads' | 'import') => ONLY.size === 0 || ONLY.has(section);
const figures: Figure[] = [];

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!;
}
function summarise(name: string, xs: number[], target?: number, into: Figure[] = figures) {
  into.push({ name: `${name} (median of ${xs.length})`, value: quantile(xs, 0.5), unit: 'ms', ...(target ? { target } : {}) });
  into.push({ name: `${name} (p95)`, value: quantile(xs, 0.95), unit: 'ms' });
}

const waitShown = waitForRecord;

const CRMS = [
  { label: 'HubSpot', url: 'https://app.hubspot.com/contacts/24681357/record/0-2/9001', key: 'hubspot:24681357:9001', nextKey: 'hubspot:24681357:9002', nextSel: '#next-company' },
  { label: 'Salesforce', url: 'https://acme.lightning.force.com/lightning/r/Account/001D000000IRFma/view', key: 'salesforce:acme:001D000000IRFmaIAH', nextKey: 'salesforce:acme:001D000000Jk2PqIAJ', nextSel: '#next-account' },
] as const;
type Crm = (typeof CRMS)[number];
/** Each CRM's figures, printed together (they come from three browsers, one after the other). */
const crmFigures = new Map<string, Figure[]>(CRMS.map((c) => [c.label, []]));

// ---- Browser timings over the raw CDP pipe (tests/harness/cdp.ts), not Playwright ----
// Playwright auto-attaches to every out-of-process iframe with `waitForDebuggerOnStart: true`, so the
// sidebar's chrome-extension:// frame inside the CRM page is paused at its start until Playwright has
// set it up: that pause lands in exactly the first paint we measure (330–450 ms with Playwright against
// ~290 ms without, same build). The CDP client never sets auto-attach; it finds the sidebar's frame
// target once the frame exists and attaches to it then, and polls its marks from outside every 50 ms.

const POLL = { timeout: 15_000, interval: 50 };
/** How long the warm-up stays on a record once shown: longer than the sidebar's 600 ms snapshot debounce. */
const SETTLE_MS = 2_000;
/**
 * How long each timed load or switch is left alone before it is read. Everything read is kept by
 * the frame (Chromium's buffered element timing, the sidebar's marks on its <html>), so nothing
 * attaches to the frame or evaluates in it while it starts: a CDP attach and each evaluation run on
 * the very thread being timed. It also spaces the loads seconds apart, as a CSM's are.
 */
const QUIET_MS = 1_500;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The marks the sidebar sets on its <html> (see RecordScreen's ShownMark and lib/view-snapshot/dom.ts). */
interface Marks {
  shownRecord: string | null;
  shownAt: number;
  paintedRecord: string | null;
  paintedAt: number;
  paintedFrom: string | null;
}
const MARKS = `(() => {
  const d = document.documentElement.dataset;
  return { shownRecord: d.shownRecord ?? null, shownAt: Number(d.shownAt), paintedRecord: d.paintedRecord ?? null, paintedAt: Number(d.paintedAt), paintedFrom: d.paintedFrom ?? null };
})()`;

/**
 * When the heading whose `elementtiming` is `identifier` first reached the screen in the frame, at
 * or after `after` (epoch ms): Chromium's Element Timing, the presentation time of that paint; null
 * while it has not. The record header's name carries `record <account key>`, in the live view and so
 * in its snapshots.
 */
const onScreenAt = (identifier: string, after: number) => `new Promise((resolve) => {
  const seen = [];
  const o = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  o.observe({ type: 'element', buffered: true });
  setTimeout(() => {
    seen.push(...o.takeRecords());
    o.disconnect();
    const at = seen
      .filter((e) => e.identifier === ${JSON.stringify(identifier)})
      .map((e) => performance.timeOrigin + (e.renderTime || e.loadTime))
      .filter((t) => t >= ${after});
    resolve(at.length ? Math.min(...at) : null);
  }, 0);
})`;

const waitOnScreen = (frame: FrameSession, identifier: string, after: number) =>
  poll<number>(`"${identifier}" on screen in the sidebar frame (element timing)`, () => frame.evaluate<number | null>(onScreenAt(identifier, after)), POLL);

/**
 * Polls the sidebar's frame until its live view shows `key`. A frame replaced meanwhile (its target
 * detached) is followed to the newer one.
 */
async function waitForMarks(page: PageSession, frame: { current: FrameSession }, key: string): Promise<Marks> {
  let last: Marks | null = null;
  try {
    return await poll(
      `the sidebar to show ${key} (data-shown-record)`,
      async () => {
        try {
          last = await frame.current.evaluate<Marks>(MARKS, { timeout: 5_000 });
        } catch (err) {
          const next = await page.sidebarFrame({ newerThan: frame.current.timeOrigin, timeout: 1_000 }).catch(() => null);
          if (!next) throw err;
          frame.current = next;
          return null;
        }
        return last.shownRecord === key ? last : null;
      },
      POLL,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}\n  the frame's marks when last read: ${JSON.stringify(last)}`);
  }
}

interface Load {
  navStart: number;
  /** The content script's start, from the frame URL's `cs` (epoch ms). */
  csStart: number;
  /** The record's name on screen in the sidebar (element timing), from a stored snapshot or the live view. */
  onScreenAt: number;
  /** The start of the frame that first draws the record (the sidebar's own requestAnimationFrame mark). */
  paintedAt: number;
  paintedFrom: string;
  /** The live (React) view shown. */
  shownAt: number;
  frame: { current: FrameSession };
}

/** Loads `crm.url` and waits for the sidebar of THIS navigation to show the record. The caller detaches `frame`. */
async function loadRecord(page: PageSession, crm: Crm): Promise<Load> {
  const { timeOrigin: navStart } = await page.navigate(crm.url, { quietMs: QUIET_MS });
  const frame = { current: await page.sidebarFrame({ newerThan: navStart }) };
  try {
    const m = await waitForMarks(page, frame, crm.key);
    if (m.paintedRecord !== null && m.paintedRecord !== crm.key) {
      throw new Error(`The sidebar first painted ${m.paintedRecord}, not ${crm.key}`);
    }
    const csStart = Number(new URL(frame.current.url).searchParams.get('cs'));
    if (!Number.isFinite(csStart) || csStart <= 0) throw new Error(`No content-script start (cs) in the frame URL ${frame.current.url}`);
    // Today's build without the first-paint marks: the live view is the first paint.
    const painted = m.paintedRecord === null ? { at: m.shownAt, from: 'live' } : { at: m.paintedAt, from: m.paintedFrom ?? '?' };
    const onScreen = await waitOnScreen(frame.current, `record ${crm.key}`, navStart);
    return { navStart, csStart, onScreenAt: onScreen, paintedAt: painted.at, paintedFrom: painted.from, shownAt: m.shownAt, frame };
  } catch (err) {
    await frame.current.detach();
    throw err;
  }
}

/** The page's own first contentful paint, ms after its navigation start. */
const pageFcp = (page: PageSession) =>
  poll(
    "the demo CRM page's first-contentful-paint entry",
    () => page.evaluate<number | null>(`performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null`),
    POLL,
  );

/** Clicks the page's "next record" link, returning the click's time (epoch ms, page clock). */
const clickNext = (page: PageSession, crm: Crm) =>
  page.evaluate<number>(`(() => {
    const t = performance.timeOrigin + performance.now();
    document.querySelector(${JSON.stringify(crm.nextSel)}).click();
    return t;
  })()`);

/**
 * Clicks the page's "next record" link with nothing attached to the frame, leaves both alone for
 * QUIET_MS, then attaches to the frame again (`frame.current`). Returns the click's time.
 */
async function switchQuietly(page: PageSession, frame: { current: FrameSession }, crm: Crm, navStart: number): Promise<number> {
  await frame.current.detach();
  const t0 = await clickNext(page, crm);
  await sleep(QUIET_MS);
  frame.current = await page.sidebarFrame({ newerThan: navStart });
  return t0;
}

/** The sidebar's first paint, the live view and the pushState switch, with Sidecar; and the page's FCP with it. */
async function cdpFiguresWithSidecar(b: TimingBrowser, crm: Crm): Promise<{ html: string; lang: string } | null> {
  const out = crmFigures.get(crm.label)!;
  const page = await b.newPage();
  try {
    // Warm the cache (and the service worker), as a CSM who has seen this customer before: load until
    // the record is shown once and stay on it a moment (what the sidebar keeps once a view has settled,
    // such as a snapshot of it, is kept then), then load it again and switch to the next record so its
    // cache is warm too. The timed loads below follow one another at once.
    for (let attempt = 1; ; attempt++) {
      try {
        await (await loadRecord(page, crm)).frame.current.detach();
        break;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
    await sleep(SETTLE_MS);
    {
      const warm = await loadRecord(page, crm);
      await clickNext(page, crm);
      await waitForMarks(page, warm.frame, crm.nextKey);
      await warm.frame.current.detach();
      await sleep(SETTLE_MS);
    }

    // The record's stored snapshot, for the static-picture reference (floorFigures).
    const picture = await (async () => {
      const probe = await loadRecord(page, crm);
      try {
        return await probe.frame.current.evaluate<{ html: string; lang: string } | null>(`chrome.storage.session.get(null).then((all) => {
          const s = Object.values(all).find((v) => v && v.accountKey === ${JSON.stringify(crm.key)});
          return s ? { html: s.html, lang: s.lang } : null;
        })`);
      } finally {
        await probe.frame.current.detach();
      }
    })();

    const onScreen: number[] = [];
    const frameStart: number[] = [];
    const fromCs: number[] = [];
    const live: number[] = [];
    const fcp: number[] = [];
    // The machine's speed moves both; their gap is Sidecar's own share.
    const afterPage: number[] = [];
    let fromSnapshot = 0;
    for (let i = 0; i < RUNS; i++) {
      const load = await loadRecord(page, crm);
      await load.frame.current.detach();
      onScreen.push(load.onScreenAt - load.navStart);
      frameStart.push(load.paintedAt - load.navStart);
      fromCs.push(load.onScreenAt - load.csStart);
      live.push(load.shownAt - load.navStart);
      if (load.paintedFrom === 'snapshot') fromSnapshot++;
      fcp.push(await pageFcp(page));
      afterPage.push(load.onScreenAt - load.navStart - fcp[fcp.length - 1]!);
    }
    summarise(`${crm.label}: navigation start → the record on screen in the sidebar, cached data`, onScreen, 150, out);
    out.push({ name: `${crm.label}: sidebar first paints from a stored snapshot`, value: fromSnapshot, unit: `of ${RUNS} loads`, decimals: 0 });
    summarise(`${crm.label}: navigation start → start of the frame that draws it (rAF mark)`, frameStart, undefined, out);
    summarise(`${crm.label}: content-script start → the record on screen`, fromCs, undefined, out);
    summarise(`${crm.label}: navigation start → live view shown (rAF mark)`, live, undefined, out);

    // A switch paints the next record's snapshot while its live view loads, as a page load does.
    const switches: number[] = [];
    const switchFrames: number[] = [];
    const liveSwitches: number[] = [];
    let switchesFromSnapshot = 0;
    for (let i = 0; i < RUNS; i++) {
      const load = await loadRecord(page, crm);
      try {
        const t0 = await switchQuietly(page, load.frame, crm, load.navStart);
        const m = await waitForMarks(page, load.frame, crm.nextKey);
        const fromSnapshot = m.paintedRecord === crm.nextKey && m.paintedFrom === 'snapshot';
        switches.push((await waitOnScreen(load.frame.current, `record ${crm.nextKey}`, t0)) - t0);
        switchFrames.push((m.paintedRecord === crm.nextKey ? m.paintedAt : m.shownAt) - t0);
        liveSwitches.push(m.shownAt - t0);
        if (fromSnapshot) switchesFromSnapshot++;
      } finally {
        await load.frame.current.detach();
      }
    }
    summarise(`${crm.label}: pushState → next record on screen`, switches, 60, out);
    out.push({ name: `${crm.label}: switches painted from a stored snapshot`, value: switchesFromSnapshot, unit: `of ${RUNS} switches`, decimals: 0 });
    summarise(`${crm.label}: pushState → start of the frame that draws it (rAF mark)`, switchFrames, undefined, out);
    summarise(`${crm.label}: pushState → next record's live view (rAF mark)`, liveSwitches, undefined, out);
    summarise(`${crm.label}: demo CRM page's own first contentful paint, with Sidecar (reference)`, fcp, undefined, out);
    summarise(`${crm.label}: the page's own first contentful paint → the record on screen in the sidebar`, afterPage, undefined, out);
    return picture;
  } finally {
    await page.close();
  }
}

/**
 * References: an extension frame that does nothing but show `identifier`'s heading, placed as
 * Sidecar's is, timed the same way. What any sidebar costs on this machine (tests/harness/floor-extension.ts).
 */
async function floorFigures(kind: string, crm: Crm, ext: FloorExtension, identifier: string, extraArgs: string[]) {
  const b = await launchTimingBrowser({ extensionDir: ext.dir, extraArgs });
  try {
    const page = await b.newPage();
    const xs: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const { timeOrigin: navStart } = await page.navigate(crm.url, { quietMs: QUIET_MS });
      const frame = await page.sidebarFrame({ newerThan: navStart });
      try {
        const at = await waitOnScreen(frame, identifier, navStart);
        if (i > 0) xs.push(at - navStart); // the first load warms the browser up
      } finally {
        await frame.detach();
      }
    }
    summarise(`${crm.label}: reference: ${kind}, navigation start → on screen`, xs, undefined, crmFigures.get(crm.label));
    await page.close();
  } finally {
    await b.close();
  }
}

/** Reference: the CRM page's single-page switch → one new line on screen in an extension frame. */
async function floorSwitchFigures(extraArgs: string[]) {
  const ext = oneLineExtension(true);
  const b = await launchTimingBrowser({ extensionDir: ext.dir, extraArgs });
  try {
    const page = await b.newPage();
    for (const crm of CRMS) {
      const xs: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const { timeOrigin: navStart } = await page.navigate(crm.url, { quietMs: QUIET_MS });
        const frame = { current: await page.sidebarFrame({ newerThan: navStart }) };
        try {
          await waitOnScreen(frame.current, ONE_LINE_TIMING, navStart);
          const t0 = await switchQuietly(page, frame, crm, navStart);
          const at = await waitOnScreen(frame.current, SWITCH_TIMING, t0);
          if (i > 0) xs.push(at - t0);
        } finally {
          await frame.current.detach();
        }
      }
      summarise(`${crm.label}: reference: an extension frame drawing one new line, pushState → on screen`, xs, undefined, crmFigures.get(crm.label));
    }
    await page.close();
  } finally {
    await b.close();
    ext.remove();
  }
}

/** The demo CRM page's own first contentful paint in a browser without the extension: the reference. */
async function cdpFiguresWithoutSidecar(extraArgs: string[]) {
  const b = await launchTimingBrowser({ extensionDir: null, extraArgs });
  try {
    const page = await b.newPage();
    for (const crm of CRMS) {
      await page.navigate(crm.url);
      await pageFcp(page); // warm-up
      const fcp: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.navigate(crm.url, { quietMs: QUIET_MS });
        fcp.push(await pageFcp(page));
      }
      summarise(`${crm.label}: demo CRM page's own first contentful paint, without Sidecar (reference)`, fcp, undefined, crmFigures.get(crm.label));
    }
    await page.close();
  } finally {
    await b.close();
  }
}

async function browserFigures() {
  const server = await startCrmServer();
  try {
    // One browser at a time (2-core machine): the CDP timings first, then Playwright for the rest.
    if (wants('paint')) {
      const pictures = new Map<string, { html: string; lang: string } | null>();
      const cdp = await launchTimingBrowser({ extensionDir: EXTENSION_DIR, extraArgs: server.chromiumArgs });
      try {
        for (const crm of CRMS) pictures.set(crm.label, await cdpFiguresWithSidecar(cdp, crm));
      } finally {
        await cdp.close();
      }
      await cdpFiguresWithoutSidecar(server.chromiumArgs);
      const oneLine = oneLineExtension();
      try {
        for (const crm of CRMS) await floorFigures('an extension frame holding one line', crm, oneLine, ONE_LINE_TIMING, server.chromiumArgs);
      } finally {
        oneLine.remove();
      }
      await floorSwitchFigures(server.chromiumArgs);
      for (const crm of CRMS) {
        const picture = pictures.get(crm.label);
        if (!picture) {
          console.warn(`(no stored snapshot of ${crm.key}: the static-picture reference is skipped)`);
          continue;
        }
        const ext = staticPictureExtension(EXTENSION_DIR, picture.html, picture.lang);
        try {
          await floorFigures("the sidebar's stored picture as a static extension page, no script", crm, ext, `record ${crm.key}`, server.chromiumArgs);
        } finally {
          ext.remove();
        }
      }
    }
    if (!wants('reads') && !wants('import')) {
      for (const crm of CRMS) figures.push(...crmFigures.get(crm.label)!);
      return;
    }

    const b = await launchWithExtension({ extraArgs: server.chromiumArgs });
    try {
      for (const crm of wants('reads') ? CRMS : []) {
        const page = await b.context.newPage();
        await page.goto(crm.url);
        const frame = await frameOf(page);
        await waitShown(frame, crm.key);
        // A cache read of one account as the sidebar makes it: one typed message to the background and back.
        const reads = await frame.evaluate(async ({ runs }) => {
          const ref = JSON.parse(new URL(location.href).searchParams.get('ref')!);
          const out: number[] = [];
          for (let i = 0; i < runs; i++) {
            const t = performance.now();
            await chrome.runtime.sendMessage({ channel: 'sidecar', type: 'record.open', data: { ref } });
            out.push(performance.now() - t);
          }
          return out;
        }, { runs: Math.max(RUNS, 50) });
        summarise(`${crm.label}: cache read of one account from the sidebar (record.open)`, reads, 10, crmFigures.get(crm.label));
        await page.close();
      }
      for (const crm of CRMS) figures.push(...crmFigures.get(crm.label)!);
      if (wants('import')) await importFigures(b);
    } finally {
      await b.close();
    }
  } finally {
    await server.close();
  }
}

/** A 100,000-row BI export (Shift_JIS, as Excel in Japan saves it) imported through the options page, as CS Ops would. */
async function importFigures(b: Launched) {
  const rows = 100_000;
  const lines = ['会社ドメイン,active_user_rate,help_page_views_30d,nps,departments_using,department_coverage_pct,form_types_used,paper_mail_sent_30d,paper_mail_received_30d'];
  for (let i = 0; i < rows; i++) lines.push(`c${i}.example.co.jp,${i % 100},${i % 500},${(i % 200) - 100},${i % 12},${i % 101},${i % 15},${i % 900},${i % 700}`);
  const bytes = Buffer.from(Encoding.convert(Encoding.stringToCode(lines.join('\r\n')), { to: 'SJIS', from: 'UNICODE' }));
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html#import`);
  await page.waitForSelector('#csv-file', { state: 'attached' });
  const t0 = Date.now();
  await page.setInputFiles('#csv-file', { name: 'usage-100k.csv', mimeType: 'text/csv', buffer: bytes });
  await page.waitForSelector('[data-testid="csv-facts"]', { timeout: 120_000 });
  const parsed = Date.now();
  // The key column has a name no signal suggests: choose it as CS Ops would.
  await page.locator('#csv-map-0').selectOption('@key');
  await page.locator('#csv-key-kind').selectOption('domain');
  await page.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click();
  await page.waitForSelector('[data-testid="csv-result"]', { timeout: 180_000 });
  const done = Date.now();
  const accepted = (await page.getByTestId('csv-accepted').textContent())?.trim();
  figures.push({ name: `CSV import, 100,000 rows Shift_JIS (${(bytes.length / 1e6).toFixed(1)} MB), file chosen → parsed`, value: parsed - t0, unit: 'ms' });
  figures.push({ name: `CSV import, 100,000 rows: file chosen → stored (${accepted} observations)`, value: done - t0, unit: 'ms', target: 15_000 });
  await page.close();
}

function sizeFigures() {
  for (const rel of builtScripts(EXTENSION_DIR)) {
    figures.push({ name: `gzip ${rel}`, value: gzipKb(EXTENSION_DIR, rel), unit: 'KB', ...(rel.startsWith('content-scripts/') ? { target: 10 } : {}) });
  }
  const sidebar = sidebarLoadedJs(EXTENSION_DIR);
  figures.push({ name: `gzip sidebar page JS as loaded (${sidebar.files.length} files + ja strings)`, value: sidebar.gzipKb, unit: 'KB', target: 120 });
}

async function nodeFigures() {
  for (const [file, fn] of [
    ['../bench/engine.ts', 'benchEngine'],
    ['../bench/csv.ts', 'benchCsv'],
  ] as const) {
    try {
      const mod = (await import(file)) as Record<string, () => Promise<Figure[]>>;
      figures.push(...(await mod[fn]!()));
    } catch (err) {
      console.warn(`(skipped ${file}: ${(err as Error).message.split('\n')[0]})`);
    }
  }
}

function print() {
  const width = Math.max(...figures.map((f) => f.name.length));
  console.log('\nSidecar bench', new Date().toISOString(), `(runs per figure: ${RUNS})`);
  for (const f of figures) {
    const v = f.value.toFixed(f.decimals ?? (f.unit === 'ms' && f.value < 10 ? 2 : 1));
    const t = f.target !== undefined ? `  target ≤ ${f.target} ${f.unit}  ratio ${(f.value / f.target).toFixed(2)}${f.value <= f.target ? '  ok' : '  OVER'}` : '';
    console.log(`${f.name.padEnd(width)}  ${v.padStart(9)} ${f.unit}${t}`);
  }
}

buildExtension();
if (wants('size')) sizeFigures();
if (wants('node')) await nodeFigures();
if (wants('paint') || wants('reads') || wants('import')) await browserFigures();
print();
