// npm run bench: speed and size, measured in real Chromium on the demo pages and in Node.
//
// Every speed target is a ratio to a reference measured in the same run, loads with and without
// Sidecar alternating: the ratio of the medians with a bootstrap 95 % interval (tests/bench/stats.ts),
// and a verdict: ok when the interval's upper bound is within the target, OVER when its lower bound
// is above it, INCONCLUSIVE otherwise. A p95 is printed beside each median.
//
// Beside the targets, same-run floors: what a no-op content script (document start, document idle)
// and a bare frame mounted after FCP and load cost the page, each ÷ no extension and Sidecar ÷ each.
// Environment: BENCH_RUNS, BENCH_ONLY (sections), BENCH_CRM (hubspot|salesforce: the paint section on
// one CRM), BENCH_REFS (which page-cost references), BENCH_ALT (other builds timed in the same rounds),
// BENCH_FROM_BLANK (ms on about:blank before each timed load: a diagnostic), BENCH_QUIET_MS, BENCH_PAGE_QUIET_MS (quiet periods).
import Encoding from 'encoding-japanese';
import { EXTENSION_DIR, buildExtension, launchWithExtension, type Launched } from '../harness/browser.ts';
import { builtScripts, gzipKb, sidebarLoadedJs } from '../harness/bundle.ts';
import { launchTimingBrowser, poll, type FrameSession, type PageSession, type TimingBrowser } from '../harness/cdp.ts';
import { startCrmServer } from '../harness/crm-server.ts';
import { ONE_LINE_TIMING, SWITCH_TIMING, oneLineExtension, pageCostExtension, staticPictureExtension, type FloorExtension, type PageCostReference } from '../harness/floor-extension.ts';
import { HEAVY_QUERY, heavyAsset, heavyPage, heavyScriptBytes } from '../fixtures/heavy-page.ts';
import { median, medianInterval, p95, ratioOfMedians, verdict, type Interval, type Verdict } from '../bench/stats.ts';

interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: number;
  /** Decimals to print (default: 2 below 10 ms, else 1). */
  decimals?: number;
}

/** A timed sample: its median and p95 are printed. */
interface Sample {
  label: string;
  xs: number[];
}
/** A ratio of medians with its target: what the issue's verdicts are about. */
interface RatioFigure {
  name: string;
  subject: Sample;
  reference: Sample;
  target: number;
}
/** A median with an absolute target (the cache read), judged on its bootstrap interval. */
interface AbsoluteFigure {
  name: string;
  sample: Sample;
  target: number;
  /** Same-run references printed beside it. */
  references: Sample[];
}

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
/**
 * BENCH_ONLY=paint,size runs some sections (size, node, impact, paint, heavy, reads, import, publish, portfolio); all by default.
 * `static` (the sidebar's stored picture as a static page, a reference of the earlier bench) runs
 * only when named.
 */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
type Section = 'size' | 'node' | 'impact' | 'paint' | 'heavy' | 'reads' | 'import' | 'static' | 'publish' | 'portfolio';
const wants = (section: Section) => (section === 'static' ? ONLY.has(section) : ONLY.size === 0 || ONLY.has(section));
const figures: Figure[] = [];
const samples = new Map<string, Sample[]>();
const ratios: RatioFigure[] = [];
const absolutes: AbsoluteFigure[] = [];
/** Same-run floors: each page-cost reference ÷ no extension, and Sidecar ÷ each reference. */
const floors: RatioFigure[] = [];
/** Ratios whose reference is 0 (no long task without Sidecar): judged on the subject alone. */
const zeroes: Array<Omit<RatioFigure, 'target'>> = [];

const CRMS = [
  { label: 'HubSpot', url: 'https://app.hubspot.com/contacts/24681357/record/0-2/9001', key: 'hubspot:24681357:9001', nextKey: 'hubspot:24681357:9002', nextSel: '#next-company' },
  { label: 'Salesforce', url: 'https://acme.lightning.force.com/lightning/r/Account/001D000000IRFma/view', key: 'salesforce:acme:001D000000IRFmaIAH', nextKey: 'salesforce:acme:001D000000Jk2PqIAJ', nextSel: '#next-account' },
] as const;
type Crm = (typeof CRMS)[number];
/** BENCH_CRM=hubspot or salesforce: the paint section on one CRM only (a 30-load run of both takes long). */
const PAINT_CRMS = CRMS.filter((c) => !process.env.BENCH_CRM || c.label.toLowerCase() === process.env.BENCH_CRM.toLowerCase());
/** The heavy page: HubSpot's first record with `?bench=heavy` (tests/fixtures/heavy-page.ts). */
const HEAVY = { ...CRMS[0], label: 'Heavy page', url: `${CRMS[0].url}?${HEAVY_QUERY}` };

const sample = (group: string, label: string, xs: number[]): Sample => {
  const s = { label, xs };
  samples.set(group, [...(samples.get(group) ?? []), s]);
  return s;
};

// ---- Browser timings over the raw CDP pipe (tests/harness/cdp.ts), not Playwright ----
// Playwright auto-attaches to every out-of-process iframe with `waitForDebuggerOnStart: true`, so the
// sidebar's chrome-extension:// frame inside the CRM page is paused at its start until Playwright has
// set it up: that pause lands in exactly the first paint we measure. The CDP client never sets
// auto-attach; it finds the sidebar's frame target once the frame exists and attaches to it then.

const POLL = { timeout: 15_000, interval: 50 };
/** How long the warm-up stays on a record once shown: longer than the sidebar's 600 ms snapshot debounce. */
const SETTLE_MS = 2_000;
/**
 * How long each timed load is left alone before it is read. Everything read is kept by the page and
 * the frame (Chromium's buffered paint, navigation and element timing, the long tasks the page's
 * own observer collected, the sidebar's marks on its <html>), so nothing attaches to the frame or
 * evaluates in either while they start: a CDP attach and each evaluation run on the very threads
 * being timed. BENCH_QUIET_MS changes it.
 */
const QUIET_MS = Number(process.env.BENCH_QUIET_MS ?? 900);
/**
 * The same for loads that put no frame in the page before its load event (no extension, the no-op
 * content scripts, the bare frame mounted after load): what is read there (FCP, the load event) is
 * over by ~200 ms even on a busy machine. Shorter quiet periods keep the paint section within 8 minutes.
 */
const PAGE_QUIET_MS = Number(process.env.BENCH_PAGE_QUIET_MS ?? 600);
/** The same after a single-page switch (the next record is on screen within ~250 ms at p95). */
const SWITCH_QUIET_MS = 500;
/** The heavy page's loads: its long tasks run for well over a second after the navigation. */
const HEAVY_QUIET_MS = 2_500;
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

// ---- The host page's own timings ----
// Every page session gets, before any of the page's own scripts, an observer of its long tasks
// (Page.addScriptToEvaluateOnNewDocument, in the page's main world, with and without Sidecar alike):
// Chromium does not buffer long-task entries for a late observer.
const LONG_TASKS = `window.__benchLongTasks = [];
try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__benchLongTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask' }); } catch {}`;

async function timedPage(b: TimingBrowser): Promise<PageSession> {
  const page = await b.newPage();
  // (Chromium runs such scripts only once the Page domain is enabled; its events are ignored.)
  await page.send('Page.enable');
  await page.send('Page.addScriptToEvaluateOnNewDocument', { source: LONG_TASKS });
  // BENCH_FROM_BLANK=ms: every timed load starts from about:blank left alone that long, in every
  // browser alike, so that what the previous page's teardown costs is left out (a diagnostic).
  const fromBlank = Number(process.env.BENCH_FROM_BLANK ?? 0);
  if (fromBlank > 0) {
    const navigate = page.navigate.bind(page);
    page.navigate = async (url, options) => {
      await navigate('about:blank');
      await sleep(fromBlank);
      return navigate(url, options);
    };
  }
  return page;
}

interface PageTimings {
  /** First contentful paint, ms after navigation start. */
  fcp: number;
  /** The load event's start, ms after navigation start. */
  load: number;
  /**
   * Total blocking time: each long task's part after the first contentful paint, less 50 ms, summed,
   * until the page was read (the quiet period's end).
   */
  tbt: number;
}
const PAGE_TIMINGS = `(() => {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
  const nav = performance.getEntriesByType('navigation')[0];
  if (fcp === undefined || !nav || !(nav.loadEventStart > 0) || !window.__benchLongTasks) return null;
  let tbt = 0;
  for (const [start, duration] of window.__benchLongTasks) {
    const end = start + duration;
    if (end > fcp) tbt += Math.max(0, end - Math.max(start, fcp) - 50);
  }
  return { fcp, load: nav.loadEventStart, tbt };
})()`;
const pageTimings = (page: PageSession) => poll<PageTimings>("the page's first contentful paint and load event", () => page.evaluate<PageTimings | null>(PAGE_TIMINGS), POLL);

/** Clicks the page's "next record" link, returning the click's time (epoch ms, page clock). */
const clickNext = (page: PageSession, crm: Crm) =>
  page.evaluate<number>(`(() => {
    const t = performance.timeOrigin + performance.now();
    document.querySelector(${JSON.stringify(crm.nextSel)}).click();
    return t;
  })()`);

/**
 * Clicks the page's "next record" link with nothing attached to the frame, leaves both alone for
 * SWITCH_QUIET_MS, then attaches to the frame again (`frame.current`). Returns the click's time.
 */
async function switchQuietly(page: PageSession, frame: { current: FrameSession }, crm: Crm, navStart: number): Promise<number> {
  await frame.current.detach();
  const t0 = await clickNext(page, crm);
  await sleep(SWITCH_QUIET_MS);
  frame.current = await page.sidebarFrame({ newerThan: navStart });
  return t0;
}

interface Load {
  navStart: number;
  /** The content script's start, from the frame URL's `cs` (epoch ms). */
  csStart: number;
  /** The frame's own navigation start: when the content script mounted it. */
  frameStart: number;
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
async function loadRecord(page: PageSession, crm: Crm, quietMs = QUIET_MS): Promise<Load> {
  const { timeOrigin: navStart } = await page.navigate(crm.url, { quietMs });
  const frame = { current: await page.sidebarFrame({ newerThan: navStart }) };
  try {
    const m = await waitForMarks(page, frame, crm.key);
    if (m.paintedRecord !== null && m.paintedRecord !== crm.key) {
      throw new Error(`The sidebar first painted ${m.paintedRecord}, not ${crm.key}`);
    }
    const csStart = Number(new URL(frame.current.url).searchParams.get('cs'));
    if (!Number.isFinite(csStart) || csStart <= 0) throw new Error(`No content-script start (cs) in the frame URL ${frame.current.url}`);
    const painted = m.paintedRecord === null ? { at: m.shownAt, from: 'live' } : { at: m.paintedAt, from: m.paintedFrom ?? '?' };
    const onScreen = await waitOnScreen(frame.current, `record ${crm.key}`, navStart);
    return { navStart, csStart, frameStart: frame.current.timeOrigin, onScreenAt: onScreen, paintedAt: painted.at, paintedFrom: painted.from, shownAt: m.shownAt, frame };
  } catch (err) {
    await frame.current.detach();
    throw err;
  }
}

/** Tries `fn` up to three times (a first load may meet a worker still starting). */
async function retry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/**
 * Warms Sidecar's cache (and its service worker), as for a CSM who has seen this customer before:
 * loads until the record is shown once and stays on it a moment (the snapshot the sidebar keeps
 * once a view has settled is stored then), then loads it again and switches to the next record so
 * its cache and snapshot are warm too.
 */
async function warmSidecar(page: PageSession, crm: Crm) {
  await retry(async () => (await loadRecord(page, crm)).frame.current.detach());
  await sleep(SETTLE_MS);
  const warm = await loadRecord(page, crm);
  await clickNext(page, crm);
  await waitForMarks(page, warm.frame, crm.nextKey);
  await warm.frame.current.detach();
  await sleep(SETTLE_MS);
}

/**
 * The page-cost references (tests/harness/floor-extension.ts, pageCostExtension): what merely having
 * an extension costs the page, measured beside Sidecar in the same rounds.
 */
const PAGE_COST_REFS: Array<{ kind: PageCostReference; label: string }> = [
  { kind: 'document_start', label: 'a no-op content script at document start' },
  { kind: 'document_idle', label: 'a no-op content script at document idle' },
  { kind: 'after-load', label: 'a bare one-line frame mounted after FCP and load' },
];
/** The references run unless BENCH_REFS names others: document idle was a question settled (docs/perf.md), so it runs on request. */
const DEFAULT_REFS: PageCostReference[] = ['document_start', 'after-load'];

/** The browsers of the paint section, each with one page, used in turn. */
interface Browsers {
  sidecar: { b: TimingBrowser; page: PageSession };
  none: { b: TimingBrowser; page: PageSession } | null;
  floor: { b: TimingBrowser; page: PageSession; ext: FloorExtension };
  refs: Array<{ label: string; b: TimingBrowser; page: PageSession; ext: FloorExtension }>;
}

async function launchBrowsers(extraArgs: string[], withNone: boolean): Promise<Browsers> {
  const sidecarB = await launchTimingBrowser({ extensionDir: EXTENSION_DIR, extraArgs });
  const noneB = withNone ? await launchTimingBrowser({ extensionDir: null, extraArgs }) : null;
  const ext = oneLineExtension(true);
  const floorB = await launchTimingBrowser({ extensionDir: ext.dir, extraArgs });
  const refs: Browsers['refs'] = [];
  if (withNone) {
    // BENCH_REFS=document_start,document_idle,after-load: which of them (DEFAULT_REFS when unset).
    const named = (process.env.BENCH_REFS ?? '').split(',').filter(Boolean);
    const only = named.length ? named : DEFAULT_REFS;
    for (const r of PAGE_COST_REFS.filter((x) => only.includes(x.kind))) {
      const rExt = pageCostExtension(r.kind);
      const b = await launchTimingBrowser({ extensionDir: rExt.dir, extraArgs });
      refs.push({ label: r.label, b, page: await timedPage(b), ext: rExt });
    }
    // BENCH_ALT=<unpacked builds, comma-separated>: other builds of Sidecar timed in the same rounds, to
    // compare a change with what it replaces (copy .output/chrome-mv3 aside, change, and run the bench).
    for (const alt of (process.env.BENCH_ALT ?? '').split(',').filter(Boolean)) {
      const b = await launchTimingBrowser({ extensionDir: alt, extraArgs });
      refs.push({ label: `the build in ${alt}`, b, page: await timedPage(b), ext: { dir: alt, remove: () => {} } });
    }
  }
  return {
    sidecar: { b: sidecarB, page: await timedPage(sidecarB) },
    none: noneB ? { b: noneB, page: await timedPage(noneB) } : null,
    floor: { b: floorB, page: await timedPage(floorB), ext },
    refs,
  };
}

/**
 * Round `i`'s order of the loads: turned by one each round, and reversed every other round, so that
 * each kind of load starts first, last, and right after each other kind alike (a fixed cyclic order
 * always put the load without Sidecar right after Sidecar's switch, in whatever work trails it).
 */
function roundOrder<T>(order: readonly T[], i: number): T[] {
  const turned = order.map((_, k) => order[(i + k) % order.length]!);
  return i % 2 === 1 ? turned.reverse() : turned;
}

/** One load of `url` in `page`, its own timings. */
async function pageOnly(page: PageSession, url: string, quietMs: number): Promise<PageTimings> {
  await page.navigate(url, { quietMs });
  return pageTimings(page);
}

/**
 * The page-cost references' samples for one page (`group`) and their ratios to the page without any
 * extension, and Sidecar's ratio to each: printed apart from the targets, as the floors they are.
 */
function pageCostFigures(group: string, what: 'fcp' | 'load' | 'tbt', subject: Sample, none: Sample, refs: Array<{ label: string; xs: number[] }>) {
  const names = { fcp: 'first contentful paint', load: 'load event', tbt: 'total blocking time' };
  for (const r of refs) {
    const ref = sample(group, `the page's ${names[what]}, with ${r.label} (reference)`, r.xs);
    if (median(none.xs) > 0) floors.push({ name: `${group}: ${names[what]}, ${r.label} ÷ no extension`, subject: ref, reference: none, target: 1.05 });
    if (median(ref.xs) > 0) floors.push({ name: `${group}: ${names[what]}, Sidecar ÷ ${r.label}`, subject, reference: ref, target: 1.05 });
  }
}

async function closeBrowsers(bs: Browsers) {
  for (const b of [bs.sidecar.b, bs.none?.b, bs.floor.b, ...bs.refs.map((r) => r.b)]) await b?.close().catch(() => {});
  bs.floor.ext.remove();
  for (const r of bs.refs) r.ext.remove();
}

/**
 * One CRM's paint figures: RUNS rounds, each a load and a switch with Sidecar, a load without it,
 * and a load and a switch with the bare one-line frame, in an order that turns each round.
 */
async function paintFigures(bs: Browsers, crm: Crm) {
  const { page: sPage } = bs.sidecar;
  const nPage = bs.none!.page;
  const fPage = bs.floor.page;
  await warmSidecar(sPage, crm);
  await retry(async () => {
    await nPage.navigate(crm.url, { quietMs: PAGE_QUIET_MS });
    await pageTimings(nPage);
  });
  await retry(() => floorRound(fPage, crm));
  for (const r of bs.refs) await retry(() => pageOnly(r.page, crm.url, PAGE_QUIET_MS));

  const s = { onScreen: [] as number[], rafMark: [] as number[], mount: [] as number[], fromCs: [] as number[], live: [] as number[], fcp: [] as number[], load: [] as number[], tbt: [] as number[], switchOnScreen: [] as number[], switchRaf: [] as number[], switchLive: [] as number[] };
  const n = { fcp: [] as number[], load: [] as number[], tbt: [] as number[] };
  const f = { onScreen: [] as number[], switchOnScreen: [] as number[], fcp: [] as number[], load: [] as number[] };
  let fromSnapshot = 0;
  let switchesFromSnapshot = 0;

  const withSidecar = async () => {
    const load = await loadRecord(sPage, crm);
    try {
      s.onScreen.push(load.onScreenAt - load.navStart);
      s.rafMark.push(load.paintedAt - load.navStart);
      s.mount.push(load.frameStart - load.navStart);
      s.fromCs.push(load.onScreenAt - load.csStart);
      s.live.push(load.shownAt - load.navStart);
      if (load.paintedFrom === 'snapshot') fromSnapshot++;
      const t = await pageTimings(sPage);
      s.fcp.push(t.fcp);
      s.load.push(t.load);
      s.tbt.push(t.tbt);
      const t0 = await switchQuietly(sPage, load.frame, crm, load.navStart);
      const m = await waitForMarks(sPage, load.frame, crm.nextKey);
      if (m.paintedRecord === crm.nextKey && m.paintedFrom === 'snapshot') switchesFromSnapshot++;
      s.switchOnScreen.push((await waitOnScreen(load.frame.current, `record ${crm.nextKey}`, t0)) - t0);
      s.switchRaf.push((m.paintedRecord === crm.nextKey ? m.paintedAt : m.shownAt) - t0);
      s.switchLive.push(m.shownAt - t0);
    } finally {
      await load.frame.current.detach();
    }
  };
  const without = async () => {
    await nPage.navigate(crm.url, { quietMs: PAGE_QUIET_MS });
    const t = await pageTimings(nPage);
    n.fcp.push(t.fcp);
    n.load.push(t.load);
    n.tbt.push(t.tbt);
  };
  const bare = async () => {
    const r = await floorRound(fPage, crm);
    f.onScreen.push(r.onScreen);
    f.switchOnScreen.push(r.switchOnScreen);
    f.fcp.push(r.fcp);
    f.load.push(r.load);
  };
  const refs = bs.refs.map((r) => ({ label: r.label, fcp: [] as number[], load: [] as number[] }));
  const refLoads = bs.refs.map((r, k) => async () => {
    const t = await pageOnly(r.page, crm.url, PAGE_QUIET_MS);
    refs[k]!.fcp.push(t.fcp);
    refs[k]!.load.push(t.load);
  });
  const order = [withSidecar, without, bare, ...refLoads];
  for (let i = 0; i < RUNS; i++) for (const load of roundOrder(order, i)) await load();

  const g = crm.label;
  const sFcp = sample(g, "the page's first contentful paint, with Sidecar", s.fcp);
  const nFcp = sample(g, "the page's first contentful paint, without Sidecar (reference)", n.fcp);
  sample(g, "the page's first contentful paint, with the bare frame at document start (reference)", f.fcp);
  const sLoad = sample(g, "the page's load event, with Sidecar", s.load);
  const nLoad = sample(g, "the page's load event, without Sidecar (reference)", n.load);
  sample(g, "the page's load event, with the bare frame at document start (reference)", f.load);
  const sTbt = sample(g, "the page's total blocking time, with Sidecar", s.tbt);
  const nTbt = sample(g, "the page's total blocking time, without Sidecar (reference)", n.tbt);
  pageCostFigures(g, 'fcp', sFcp, nFcp, refs.map((r) => ({ label: r.label, xs: r.fcp })));
  pageCostFigures(g, 'load', sLoad, nLoad, refs.map((r) => ({ label: r.label, xs: r.load })));
  const sOn = sample(g, 'navigation start → the record on screen in the sidebar, cached data', s.onScreen);
  sample(g, '… the start of the frame that draws it (rAF mark)', s.rafMark);
  sample(g, '… navigation start → the sidebar frame mounted (its navigation start)', s.mount);
  sample(g, '… content-script start → the record on screen', s.fromCs);
  sample(g, '… navigation start → live view shown (rAF mark)', s.live);
  const fOn = sample(g, 'reference: the bare one-line frame mounted at document start → on screen', f.onScreen);
  const sSw = sample(g, 'pushState → the next record on screen', s.switchOnScreen);
  sample(g, '… the start of the frame that draws it (rAF mark)', s.switchRaf);
  sample(g, "… the next record's live view (rAF mark)", s.switchLive);
  const fSw = sample(g, 'reference: the bare frame drawing one new line, pushState → on screen', f.switchOnScreen);
  figures.push({ name: `${g}: loads that painted the stored snapshot first`, value: fromSnapshot, unit: `of ${RUNS}`, decimals: 0 });
  figures.push({ name: `${g}: switches that painted the stored snapshot first`, value: switchesFromSnapshot, unit: `of ${RUNS}`, decimals: 0 });

  ratios.push({ name: `${g}: page first contentful paint, with ÷ without Sidecar`, subject: sFcp, reference: nFcp, target: 1.05 });
  // The light demo pages have no long task at all, with or without Sidecar: no ratio to take then.
  if (median(nTbt.xs) > 0) ratios.push({ name: `${g}: page total blocking time, with ÷ without Sidecar`, subject: sTbt, reference: nTbt, target: 1.05 });
  else zeroes.push({ name: `${g}: page total blocking time, with ÷ without Sidecar`, subject: sTbt, reference: nTbt });
  ratios.push({ name: `${g}: page load event, with ÷ without Sidecar`, subject: sLoad, reference: nLoad, target: 1.05 });
  ratios.push({ name: `${g}: record on screen ÷ bare one-line frame at document start`, subject: sOn, reference: fOn, target: 1.25 });
  ratios.push({ name: `${g}: pushState → next record ÷ bare switch frame`, subject: sSw, reference: fSw, target: 1.5 });
}

/** One load and one switch with the bare one-line frame; the page's own timings beside. */
async function floorRound(page: PageSession, crm: Crm) {
  const { timeOrigin: navStart } = await page.navigate(crm.url, { quietMs: QUIET_MS });
  const frame = { current: await page.sidebarFrame({ newerThan: navStart }) };
  try {
    const onScreen = (await waitOnScreen(frame.current, ONE_LINE_TIMING, navStart)) - navStart;
    const t = await pageTimings(page);
    const t0 = await switchQuietly(page, frame, crm, navStart);
    const switchOnScreen = (await waitOnScreen(frame.current, SWITCH_TIMING, t0)) - t0;
    return { onScreen, switchOnScreen, fcp: t.fcp, load: t.load };
  } finally {
    await frame.current.detach();
  }
}

/** The heavy page, with and without Sidecar alternating: its own first paint, blocking time and load. */
async function heavyFigures(bs: Browsers) {
  const sPage = bs.sidecar.page;
  const nPage = bs.none!.page;
  const s = { fcp: [] as number[], load: [] as number[], tbt: [] as number[], onScreen: [] as number[] };
  const n = { fcp: [] as number[], load: [] as number[], tbt: [] as number[] };
  const withSidecar = async (keep: boolean) => {
    const { timeOrigin: navStart } = await sPage.navigate(HEAVY.url, { quietMs: HEAVY_QUIET_MS });
    const t = await pageTimings(sPage);
    const frame = await sPage.sidebarFrame({ newerThan: navStart });
    try {
      const on = (await waitOnScreen(frame, `record ${HEAVY.key}`, navStart)) - navStart;
      if (!keep) return;
      s.fcp.push(t.fcp);
      s.load.push(t.load);
      s.tbt.push(t.tbt);
      s.onScreen.push(on);
    } finally {
      await frame.detach();
    }
  };
  const without = async (keep: boolean) => {
    await nPage.navigate(HEAVY.url, { quietMs: HEAVY_QUIET_MS });
    const t = await pageTimings(nPage);
    if (!keep) return;
    n.fcp.push(t.fcp);
    n.load.push(t.load);
    n.tbt.push(t.tbt);
  };
  const refs = bs.refs.map((r) => ({ label: r.label, fcp: [] as number[], load: [] as number[], tbt: [] as number[] }));
  const refLoads = bs.refs.map((r, k) => async (keep: boolean) => {
    const t = await pageOnly(r.page, HEAVY.url, HEAVY_QUIET_MS);
    if (!keep) return;
    refs[k]!.fcp.push(t.fcp);
    refs[k]!.load.push(t.load);
    refs[k]!.tbt.push(t.tbt);
  });
  // Warm-up: the scripts into the HTTP and code caches, as a CRM's bundles are for a returning user.
  await retry(() => withSidecar(false));
  await retry(() => without(false));
  for (const load of refLoads) await retry(() => load(false));
  const order = [withSidecar, without, ...refLoads];
  for (let i = 0; i < RUNS; i++) for (const load of roundOrder(order, i)) await load(true);
  const g = `${HEAVY.label} (${(heavyScriptBytes() / 1e6).toFixed(1)} MB of script)`;
  const sFcp = sample(g, 'first contentful paint, with Sidecar', s.fcp);
  const nFcp = sample(g, 'first contentful paint, without Sidecar (reference)', n.fcp);
  const sTbt = sample(g, 'total blocking time, with Sidecar', s.tbt);
  const nTbt = sample(g, 'total blocking time, without Sidecar (reference)', n.tbt);
  const sLoad = sample(g, 'load event, with Sidecar', s.load);
  const nLoad = sample(g, 'load event, without Sidecar (reference)', n.load);
  sample(g, 'navigation start → the record on screen in the sidebar', s.onScreen);
  pageCostFigures(g, 'fcp', sFcp, nFcp, refs.map((r) => ({ label: r.label, xs: r.fcp })));
  pageCostFigures(g, 'tbt', sTbt, nTbt, refs.map((r) => ({ label: r.label, xs: r.tbt })));
  pageCostFigures(g, 'load', sLoad, nLoad, refs.map((r) => ({ label: r.label, xs: r.load })));
  ratios.push({ name: `Heavy page: first contentful paint, with ÷ without Sidecar`, subject: sFcp, reference: nFcp, target: 1.05 });
  ratios.push({ name: `Heavy page: total blocking time, with ÷ without Sidecar`, subject: sTbt, reference: nTbt, target: 1.05 });
  ratios.push({ name: `Heavy page: load event, with ÷ without Sidecar`, subject: sLoad, reference: nLoad, target: 1.05 });
}

/**
 * A cache read of one account as the sidebar makes it (one typed message to the background and back),
 * against the same-run floor for any such round trip: the bare frame's message its worker answers at once.
 */
async function readFigures(bs: Browsers) {
  const runs = Math.max(RUNS, 50);
  for (const crm of CRMS) {
    const load = await loadRecord(bs.sidecar.page, crm);
    let reads: number[];
    try {
      reads = await load.frame.current.evaluate<number[]>(`(async () => {
        const ref = JSON.parse(new URL(location.href).searchParams.get('ref'));
        const out = [];
        for (let i = 0; i < ${runs}; i++) {
          const t = performance.now();
          await chrome.runtime.sendMessage({ channel: 'sidecar', type: 'record.open', data: { ref } });
          out.push(performance.now() - t);
        }
        return out;
      })()`);
    } finally {
      await load.frame.current.detach();
    }
    const { timeOrigin: navStart } = await bs.floor.page.navigate(crm.url, { quietMs: QUIET_MS });
    const frame = await bs.floor.page.sidebarFrame({ newerThan: navStart });
    let pings: number[];
    try {
      pings = await frame.evaluate<number[]>(`(async () => {
        const out = [];
        for (let i = 0; i < ${runs}; i++) {
          const t = performance.now();
          await chrome.runtime.sendMessage('ping');
          out.push(performance.now() - t);
        }
        return out;
      })()`);
    } finally {
      await frame.detach();
    }
    const g = `${crm.label} reads`;
    const r = sample(g, 'cache read of one account from the sidebar (record.open round trip)', reads);
    const p = sample(g, "reference: a bare extension frame's message its worker answers at once, round trip", pings);
    absolutes.push({ name: `${crm.label}: cache read (record.open)`, sample: r, target: 10, references: [p] });
  }
}

/**
 * The earlier bench's reference, on request (BENCH_ONLY=static,…): the sidebar's stored picture as a
 * static extension page with no script, mounted at document start → on screen.
 */
async function staticPictureFigures(extraArgs: string[]) {
  const b = await launchTimingBrowser({ extensionDir: EXTENSION_DIR, extraArgs });
  const pictures = new Map<string, { html: string; lang: string } | null>();
  try {
    const page = await b.newPage();
    for (const crm of CRMS) {
      await warmSidecar(page, crm);
      const probe = await loadRecord(page, crm);
      try {
        pictures.set(crm.label, await probe.frame.current.evaluate<{ html: string; lang: string } | null>(`chrome.storage.session.get(null).then((all) => {
          const s = Object.values(all).find((v) => v && v.accountKey === ${JSON.stringify(crm.key)});
          return s ? { html: s.html, lang: s.lang } : null;
        })`));
      } finally {
        await probe.frame.current.detach();
      }
    }
  } finally {
    await b.close();
  }
  for (const crm of CRMS) {
    const picture = pictures.get(crm.label);
    if (!picture) {
      console.warn(`(no stored snapshot of ${crm.key}: the static-picture reference is skipped)`);
      continue;
    }
    const ext = staticPictureExtension(EXTENSION_DIR, picture.html, picture.lang);
    const sb = await launchTimingBrowser({ extensionDir: ext.dir, extraArgs });
    try {
      const page = await sb.newPage();
      const xs: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const { timeOrigin: navStart } = await page.navigate(crm.url, { quietMs: QUIET_MS });
        const frame = await page.sidebarFrame({ newerThan: navStart });
        try {
          const at = await waitOnScreen(frame, `record ${crm.key}`, navStart);
          if (i > 0) xs.push(at - navStart);
        } finally {
          await frame.detach();
        }
      }
      sample(crm.label, "reference: the sidebar's stored picture as a static extension page, no script → on screen", xs);
    } finally {
      await sb.close();
      ext.remove();
    }
  }
}

async function browserFigures() {
  const server = await startCrmServer({ page: heavyPage, asset: heavyAsset });
  try {
    if (wants('paint') || wants('heavy') || wants('reads')) {
      const started = Date.now();
      const bs = await launchBrowsers(server.chromiumArgs, wants('paint') || wants('heavy'));
      try {
        if (wants('paint')) {
          for (const crm of PAINT_CRMS) await paintFigures(bs, crm);
          figures.push({ name: `paint section (${PAINT_CRMS.map((c) => c.label).join(' and ')}), wall time`, value: (Date.now() - started) / 60_000, unit: 'min', decimals: 1, target: 8 });
        }
        if (wants('heavy')) {
          // The heavy page's record is the first HubSpot record: warm it when the paint section did not.
          if (!wants('paint')) await warmSidecar(bs.sidecar.page, CRMS[0]);
          await heavyFigures(bs);
        }
        if (wants('paint') || wants('heavy')) figures.push({ name: `paint and heavy sections, wall time`, value: (Date.now() - started) / 60_000, unit: 'min', decimals: 1 });
        if (wants('reads')) {
          if (!wants('paint')) for (const crm of CRMS) await warmSidecar(bs.sidecar.page, crm);
          await readFigures(bs);
        }
      } finally {
        await closeBrowsers(bs);
      }
    }
    if (wants('static')) await staticPictureFigures(server.chromiumArgs);
    if (wants('import')) {
      const b = await launchWithExtension({ extraArgs: server.chromiumArgs });
      try {
        await importFigures(b);
      } finally {
        await b.close();
      }
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

const ms = (x: number) => (Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const rt = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(2));

interface Judged {
  name: string;
  estimate: string;
  interval: string;
  target: string;
  verdict: Verdict;
}
const judged: Judged[] = [];

function print() {
  console.log('\nSidecar bench', new Date().toISOString(), `(loads per figure: ${RUNS}; medians and p95 in ms)`);
  for (const [group, list] of samples) {
    console.log(`\n${group}`);
    const width = Math.max(...list.map((s) => s.label.length));
    for (const s of list) console.log(`  ${s.label.padEnd(width)}  median ${ms(median(s.xs)).padStart(7)}  p95 ${ms(p95(s.xs)).padStart(7)}  (n=${s.xs.length})`);
  }
  if (floors.length) console.log('\nSame-run floors: what any extension costs the page (ratio of medians, bootstrap 95 % interval; judged against 1.05 to show whether the target is within reach at all)');
  for (const r of floors) {
    const i: Interval = ratioOfMedians(r.subject.xs, r.reference.xs);
    console.log(`  ${r.name}`);
    console.log(`      ${ms(median(r.subject.xs))} ÷ ${ms(median(r.reference.xs))} ms (p95 ${ms(p95(r.subject.xs))} / ${ms(p95(r.reference.xs))})  ratio ${rt(i.estimate)} [${rt(i.low)}–${rt(i.high)}]  ${verdict(i, r.target)} against ≤ ${r.target}`);
  }
  if (ratios.length || absolutes.length || zeroes.length) console.log('\nTargets (ratio of medians, bootstrap 95 % interval, 2,000 resamples)');
  for (const r of ratios) {
    const i: Interval = ratioOfMedians(r.subject.xs, r.reference.xs);
    const v = verdict(i, r.target);
    judged.push({ name: r.name, estimate: rt(i.estimate), interval: `${rt(i.low)}–${rt(i.high)}`, target: `≤ ${r.target}`, verdict: v });
    console.log(`  ${r.name}`);
    console.log(`      ${ms(median(r.subject.xs))} ÷ ${ms(median(r.reference.xs))} ms (p95 ${ms(p95(r.subject.xs))} / ${ms(p95(r.reference.xs))})  ratio ${rt(i.estimate)} [${rt(i.low)}–${rt(i.high)}]  target ≤ ${r.target}  ${v}`);
  }
  for (const z of zeroes) {
    // With no blocking time without Sidecar, any with it is over; none with it either is ok.
    const v: Verdict = Math.max(...z.subject.xs) === 0 ? 'ok' : median(z.subject.xs) > 0 ? 'OVER' : 'INCONCLUSIVE';
    judged.push({ name: z.name, estimate: `${ms(median(z.subject.xs))} ms`, interval: `reference ${ms(median(z.reference.xs))} ms`, target: 'no more than without', verdict: v });
    console.log(`  ${z.name}`);
    console.log(`      ${ms(median(z.subject.xs))} vs ${ms(median(z.reference.xs))} ms (p95 ${ms(p95(z.subject.xs))} / ${ms(p95(z.reference.xs))}): no ratio, the reference is 0  ${v}`);
  }
  for (const a of absolutes) {
    const i = medianInterval(a.sample.xs);
    const v = verdict(i, a.target);
    judged.push({ name: a.name, estimate: `${ms(i.estimate)} ms`, interval: `${ms(i.low)}–${ms(i.high)} ms`, target: `≤ ${a.target} ms`, verdict: v });
    const refs = a.references.map((s) => `${s.label}: median ${ms(median(s.xs))}, p95 ${ms(p95(s.xs))}`).join('; ');
    console.log(`  ${a.name}`);
    console.log(`      median ${ms(i.estimate)} ms [${ms(i.low)}–${ms(i.high)}] (p95 ${ms(p95(a.sample.xs))})  target ≤ ${a.target} ms  ${v}`);
    if (refs) console.log(`      ${refs}`);
  }
  if (figures.length) {
    console.log('\nSizes and Node figures');
    const width = Math.max(...figures.map((f) => f.name.length));
    for (const f of figures) {
      const v = f.value.toFixed(f.decimals ?? (f.unit === 'ms' && f.value < 10 ? 2 : 1));
      let t = '';
      if (f.target !== undefined) {
        const ok = f.value <= f.target;
        t = `  target ≤ ${f.target} ${f.unit}  ${ok ? 'ok' : 'OVER'}`;
        judged.push({ name: f.name, estimate: `${v} ${f.unit}`, interval: '', target: `≤ ${f.target} ${f.unit}`, verdict: ok ? 'ok' : 'OVER' });
      }
      console.log(`  ${f.name.padEnd(width)}  ${v.padStart(9)} ${f.unit}${t}`);
    }
  }
  if (judged.length) {
    console.log('\nVerdicts');
    const width = Math.max(...judged.map((j) => j.name.length));
    for (const j of judged) console.log(`  ${j.verdict.padEnd(12)} ${j.name.padEnd(width)}  ${j.estimate.padStart(9)} ${j.interval ? `[${j.interval}]` : ''}  target ${j.target}`);
  }
}

// The Node-only sections (node, impact, publish) need no build: BENCH_ONLY=impact never rewrites .output.
if (wants('size') || wants('paint') || wants('heavy') || wants('reads') || wants('import') || wants('static')) buildExtension();
if (wants('size')) sizeFigures();
if (wants('node')) await nodeFigures();
// Impact before install (issue 18): 10,000 cached accounts scored with two packs and compared, pure (tests/bench/impact.ts).
if (wants('impact')) figures.push(...(await (await import('../bench/impact.ts')).benchImpact()));
// Score the book over 10,000 accounts against the mock CRMs, every request counted (tests/bench/publish.ts).
if (wants('publish')) figures.push(...(await (await import('../bench/publish.ts')).publishFigures()));
if (wants('paint') || wants('heavy') || wants('reads') || wants('import') || wants('static')) await browserFigures();
// The portfolio with 10,000 cached accounts in real Chromium, beside a bare 50-row extension page (tests/bench/portfolio.ts).
if (wants('portfolio')) {
  const p = await (await import('../bench/portfolio.ts')).portfolioFigures(RUNS);
  const kept = new Map(p.samples.map((x) => [x, sample(p.group, x.label, x.xs)]));
  for (const a of p.absolutes) absolutes.push({ ...a, sample: kept.get(a.sample)!, references: a.references.map((r) => kept.get(r)!) });
  figures.push(...p.figures);
}
print();
