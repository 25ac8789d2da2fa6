// A diagnostic beside `npm run bench` (docs/perf.md): single-page switches only, for several unpacked
// Sidecar builds and the bare switch frame, alternating, each switch after a fresh load as in the
// bench's paint section; the ratio of medians to the bare frame with its bootstrap interval.
// Under the Chromium lock: SWITCH_BUILDS=dir1,dir2 SWITCH_RUNS=20 SWITCH_CRM=hubspot|salesforce
// npx tsx tests/tools/switch-diag.ts. SWITCH_PROBE=1 prints the frame's element-timing entries per switch.
import { launchTimingBrowser, poll, type FrameSession, type PageSession } from '../harness/cdp.ts';
import { startCrmServer } from '../harness/crm-server.ts';
import { SWITCH_TIMING, oneLineExtension } from '../harness/floor-extension.ts';
import { median, p95, ratioOfMedians } from '../bench/stats.ts';

const CRMS = {
  hubspot: { url: 'https://app.hubspot.com/contacts/24681357/record/0-2/9001', keys: ['hubspot:24681357:9001', 'hubspot:24681357:9002', 'hubspot:24681357:9003'], sel: '#next-company' },
  salesforce: { url: 'https://acme.lightning.force.com/lightning/r/Account/001D000000IRFma/view', keys: ['salesforce:acme:001D000000IRFmaIAH', 'salesforce:acme:001D000000Jk2PqIAJ'], sel: '#next-account' },
};
const crm = CRMS[(process.env.SWITCH_CRM ?? 'hubspot') as keyof typeof CRMS];
const RUNS = Number(process.env.SWITCH_RUNS ?? 20);
const QUIET = Number(process.env.SWITCH_QUIET ?? 700);
const builds = (process.env.SWITCH_BUILDS ?? '').split(',').filter(Boolean);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const onScreenAt = (identifier: string, after: number) => `new Promise((resolve) => {
  const seen = [];
  const o = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  o.observe({ type: 'element', buffered: true });
  setTimeout(() => {
    seen.push(...o.takeRecords());
    o.disconnect();
    const at = seen.filter((e) => e.identifier === ${JSON.stringify(identifier)}).map((e) => performance.timeOrigin + (e.renderTime || e.loadTime)).filter((t) => t >= ${after});
    resolve(at.length ? Math.min(...at) : null);
  }, 0);
})`;
const MARKS = `(() => { const d = document.documentElement.dataset; return { shown: d.shownRecord, shownAt: Number(d.shownAt), painted: d.paintedRecord, paintedAt: Number(d.paintedAt), from: d.paintedFrom, extra: d.benchExtra ?? '' }; })()`;
const click = (page: PageSession) => page.evaluate<number>(`(() => { const t = performance.timeOrigin + performance.now(); document.querySelector(${JSON.stringify(crm.sel)}).click(); return t; })()`);

const server = await startCrmServer();
interface B {
  label: string;
  page: PageSession;
  frame: FrameSession;
  navStart: number;
  i: number;
  sidecar: boolean;
  on: number[];
  raf: number[];
  live: number[];
  snap: number;
  close(): Promise<void>;
}
const bs: B[] = [];
try {
  const floorExt = oneLineExtension(true);
  for (const [label, dir, sidecar] of [...builds.map((d) => [d, d, true] as const), ['bare', floorExt.dir, false] as const]) {
    const b = await launchTimingBrowser({ extensionDir: dir, extraArgs: server.chromiumArgs });
    const page = await b.newPage();
    await page.send('Page.enable');
    const { timeOrigin } = await page.navigate(crm.url, { quietMs: 1500 });
    const frame = await page.sidebarFrame({ newerThan: timeOrigin });
    bs.push({ label, page, frame, navStart: timeOrigin, i: 0, sidecar, on: [], raf: [], live: [], snap: 0, close: () => b.close() });
  }
  // Warm: visit every record twice, settling (snapshots saved).
  for (const b of bs) {
    for (let k = 0; k < crm.keys.length * 2; k++) {
      await click(b.page);
      b.i = (b.i + 1) % crm.keys.length;
      await sleep(b.sidecar ? 1500 : 200);
    }
  }
  for (let r = 0; r < RUNS; r++) {
    for (let k = 0; k < bs.length; k++) {
      const b = bs[(r + k) % bs.length]!;
      await b.frame.detach();
      b.navStart = (await b.page.navigate(crm.url, { quietMs: 1000 })).timeOrigin;
      b.frame = await b.page.sidebarFrame({ newerThan: b.navStart });
      b.i = 0;
      if (b.sidecar) await poll('first record shown', async () => (await b.frame.evaluate<{ shown: string }>(MARKS)).shown === crm.keys[0], { timeout: 10_000, interval: 50 });
      if (b.sidecar && process.env.SWITCH_PROBE) await b.frame.evaluate(`(() => { window.__el = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__el.push([e.identifier, Math.round(performance.timeOrigin + e.renderTime), Math.round(performance.timeOrigin + e.loadTime), e.element ? (e.element.closest('#sidecar-snapshot') ? 'snap' : 'live') : 'gone']); }).observe({ type: 'element' }); return 1; })()`);
      await b.frame.detach();
      const t0 = await click(b.page);
      b.i = (b.i + 1) % crm.keys.length;
      const key = crm.keys[b.i]!;
      await sleep(QUIET);
      b.frame = await b.page.sidebarFrame({ newerThan: b.navStart });
      const id = b.sidecar ? `record ${key}` : SWITCH_TIMING;
      if (b.sidecar && process.env.SWITCH_PROBE) console.log(b.label, 'probe', JSON.stringify((await b.frame.evaluate<Array<[string, number, number, string]>>('window.__el')).map(([i, r, l, w]) => [i, r - t0, l - t0, w])), JSON.stringify(await b.frame.evaluate(MARKS)), t0);
      const at = await poll<number>('on screen', () => b.frame.evaluate<number | null>(onScreenAt(id, t0)), { timeout: 10_000, interval: 50 }).catch(async (err) => {
        console.log(b.label, key, await b.frame.evaluate(MARKS).catch(() => null), await b.page.evaluate('location.href'));
        throw err;
      });
      b.on.push(at - t0);
      if (b.sidecar) {
        const m = await poll('marks', async () => { const m = await b.frame.evaluate<{ shown: string; shownAt: number; painted: string; paintedAt: number; from: string; extra: string }>(MARKS); return m.shown === key ? m : null; }, { timeout: 10_000, interval: 50 });
        b.raf.push(m.painted === key ? m.paintedAt - t0 : NaN);
        b.live.push(m.shownAt - t0);
        if (m.painted === key && m.from === 'snapshot') b.snap++;
      }
    }
  }
  const bare = bs.find((b) => !b.sidecar)!;
  for (const b of bs) {
    const ratio = ratioOfMedians(b.on, bare.on);
    console.log(`${b.label}: on screen median ${median(b.on).toFixed(1)} p95 ${p95(b.on).toFixed(1)}  ratio ${ratio.estimate.toFixed(2)} [${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)}]` + (b.sidecar ? `  raf ${median(b.raf.filter(Number.isFinite)).toFixed(1)} live ${median(b.live).toFixed(1)} snapshot-first ${b.snap}/${RUNS}` : ''));
  }
  floorExt.remove();
} finally {
  for (const b of bs) await b.close().catch(() => {});
  await server.close();
}
