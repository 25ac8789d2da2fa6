// The portfolio with a large book (issue 17), in real Chromium: `npm run bench`, section `portfolio`
// (BENCH_ONLY=portfolio). Run it under the shared Chromium lock, as every real-browser run:
//   flock /tmp/sidecar-chromium.lock env BENCH_ONLY=portfolio npm run bench
// With BENCH_TRACE=1, it writes Chromium traces of a few loads instead of figures (where the time goes).
//
// 10,000 accounts, each with the full evaluation the sidebar stores, are written into the
// background's own database (as a CSM's browser holds them after months of use); then the portfolio
// page is opened a few times, each load beside a same-run reference: a bare extension page (its own
// tiny extension, loaded in the same browser) that draws 50 rows of the same shape with no data to
// fetch, the floor for any extension page showing a table. Both mark their rows' names with
// `elementtiming="book-row"`, so both are timed by the same Chromium entry: navigation start → the
// first row's name presented on screen. Then, in the page as loaded: a band filter, a sort and a
// search, each timed from the event to the next frame after React has drawn it; the page's JS heap
// (after a garbage collection) and how many rows are in the DOM.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildExtension, EXTENSION_DIR, launchWithExtension, type Launched } from '../harness/browser.ts';
import { createEvaluator, defaultConfigPack } from '../../lib/engine/index.ts';
import { buildAccounts } from './engine.ts';

const ACCOUNTS = 10_000;
const NOW = Date.now();
const DAY = 86_400_000;
/** The `elementtiming` identifier of each row's name, in the portfolio (BookTable) and the reference. */
const ROW_TIMING = 'book-row';
/** The portfolio's snapshot rows (components/portfolio/SnapshotBook.tsx): the last picture, timed apart from the live book. */
const SNAPSHOT_TIMING = 'book-row-snapshot';
const FIRST_ROWS_TARGET_MS = 500;
const INTERACTION_TARGET_MS = 100;

export interface BenchSample {
  label: string;
  xs: number[];
}
export interface PortfolioBench {
  group: string;
  samples: BenchSample[];
  /** Medians with an absolute target, references printed beside. */
  absolutes: Array<{ name: string; sample: BenchSample; target: number; references: BenchSample[] }>;
  figures: Array<{ name: string; value: number; unit: string; target?: number; decimals?: number }>;
}

/** The accounts' names, Japanese among them, as the portfolio and the reference both draw them. */
const NAMES = ['株式会社サンプル商事', 'Northwind Traders', 'Contoso Paper Works', '有限会社テスト物産', 'Globex Inc.', 'ＡＢＣ株式会社', 'Initech', '(株)ミナト運輸'];

/** The reference: its own extension with a fixed key (so its id is known before it loads) and one page of 50 rows. */
function referenceExtension(): { dir: string; id: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sidecar-bench-rows-'));
  const der = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
  const id = [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Bench reference: 50 rows', version: '1.0', key: der.toString('base64'), background: { service_worker: 'sw.js' } }));
  // The floor under any figure with the worker cold: a bare worker that, once started, answers the
  // page's one question with the rows' names (nothing to read, no database), and a page that asks it.
  writeFileSync(join(dir, 'sw.js'), `const names = ${JSON.stringify(NAMES)};
chrome.runtime.onMessage.addListener((_m, _s, reply) => { reply(names); });
`);
  // The same eight cells per row as the portfolio's table, drawn by a plain script (MV3 pages allow no inline script),
  // with the same names: Chromium's first use of the Japanese font in a page is part of any floor for this book.
  // Each cell lays its content out as a column, as the portfolio's do: Chromium times text by its
  // nearest block-level box, so the name link is a box of its own in both.
  writeFileSync(
    join(dir, 'rows.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rows</title><style>
body{font:14px system-ui,sans-serif;margin:16px}.row{display:grid;grid-template-columns:2.2fr 1.3fr .6fr 1fr 1.8fr .8fr 1fr .8fr;height:56px;align-items:center;border-bottom:1px solid #ddd}
.row span{display:flex;flex-direction:column;min-width:0}
</style></head><body><h1>Rows</h1><div id="t" role="table"></div><script src="rows.js"></script></body></html>`,
  );
  writeFileSync(join(dir, 'rows-worker.html'), readFileSync(join(dir, 'rows.html'), 'utf8').replace('rows.js', 'rows-worker.js'));
  const draw = `const t = document.getElementById('t');
for (let i = 0; i < 50; i++) {
  const r = document.createElement('div');
  r.className = 'row';
  r.setAttribute('role', 'row');
  const cells = ['', String(40 + (i % 50)), 'Lv.' + (1 + (i % 4)), 'Adoption', 'Check usage with the champion', 'in ' + (10 + i) + ' days', (i % 9) + ' days ago', '1 hour ago'];
  cells.forEach((text, k) => {
    const c = document.createElement('span');
    c.setAttribute('role', 'cell');
    if (k === 0) {
      const a = document.createElement('a');
      a.href = '#';
      a.setAttribute('elementtiming', ${JSON.stringify(ROW_TIMING)});
      a.textContent = names[i % names.length] + ' ' + i;
      c.append(a);
    } else c.textContent = text;
    r.append(c);
  });
  t.append(r);
}
`;
  writeFileSync(join(dir, 'rows.js'), `const names = ${JSON.stringify(NAMES)};\n${draw}`);
  writeFileSync(join(dir, 'rows-worker.js'), `chrome.runtime.sendMessage('rows').then((names) => {\n${draw}});\n`);
  return { dir, id, remove: () => rmSync(dir, { recursive: true, force: true }) };
}


/** The cached accounts as the background stores them: the full evaluation the sidebar drew, a week of daily health. */
function seedRows(): { accounts: unknown[]; days: unknown[] } {
  const pack = defaultConfigPack('en');
  const evaluate = createEvaluator(pack);
  const inputs = buildAccounts(ACCOUNTS, 'en', 7);
  const accounts: unknown[] = [];
  const days: unknown[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let i = 0; i < ACCOUNTS; i++) {
    const e = evaluate(inputs[i]!, new Date(NOW));
    const hubspot = i % 3 !== 0;
    const recordId = hubspot ? String(500_000 + i) : `001D0000${String(i).padStart(7, '0')}AAA`;
    const key = hubspot ? `hubspot:24681357:${recordId}` : `salesforce:acme:${recordId}`;
    accounts.push({
      key,
      crm: hubspot ? 'hubspot' : 'salesforce',
      host: hubspot ? 'app.hubspot.com' : 'acme.lightning.force.com',
      ...(hubspot ? { portalId: '24681357' } : {}),
      recordId,
      name: `${NAMES[i % NAMES.length]} ${i}`,
      owner: `CSM ${i % 12}`,
      ownerId: String(71_000_000 + (i % 12)),
      properties: { sidecar_renewal_date: iso(NOW + ((i % 400) - 30) * DAY).slice(0, 10), Sidecar_Renewal_Date__c: iso(NOW + ((i % 400) - 30) * DAY).slice(0, 10) },
      firstSeenAt: iso(NOW - 200 * DAY),
      lastSeenAt: iso(NOW - (i % 60) * DAY),
      fetchedAt: iso(NOW - (i % 60) * DAY),
      sample: false,
      lastEvaluation: e,
    });
    for (let d = 0; d < 7; d++) {
      const day = iso(NOW - d * DAY).slice(0, 10);
      const score = e.health.score === null ? null : Math.max(0, Math.min(100, e.health.score + ((i + d) % 7) - 3));
      days.push({ accountKey: key, day, score, band: e.health.band, computedBand: e.health.band, level: e.maturity.level, measures: {}, evaluatedAt: `${day}T09:00:00.000Z` });
    }
  }
  return { accounts, days };
}

/** Writes rows into the background's database, in the worker (the database the background opened). */
async function seed(b: Launched, rows: { accounts: unknown[]; days: unknown[] }) {
  // As JSON text: Playwright's own serialisation of a large argument is far slower than JSON.parse.
  const put = (store: string, chunk: unknown[]) =>
    b.worker.evaluate(
      ({ store, json }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('sidecar');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(store, 'readwrite');
            for (const r of JSON.parse(json) as unknown[]) tx.objectStore(store).put(r);
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = () => (db.close(), reject(tx.error));
          };
        }),
      { store, json: JSON.stringify(chunk) },
    );
  for (let i = 0; i < rows.accounts.length; i += 1_000) await put('accounts', rows.accounts.slice(i, i + 1_000));
  for (let i = 0; i < rows.days.length; i += 10_000) await put('healthDays', rows.days.slice(i, i + 10_000));
  // Written behind the background's back (its own writes mark the rows they touch): its derived book
  // rows (bookRows) no longer vouch for the accounts, so they are dropped and derived again on the next open.
  await b.worker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('sidecar');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('syncState', 'readwrite');
          tx.objectStore('syncState').delete('book-rows');
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
  );
}

/** Navigation start → the first row's name on screen (element timing), in ms; null while none is. */
const firstOf = (identifier: string) => `new Promise((resolve) => {
  const seen = [];
  const o = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  o.observe({ type: 'element', buffered: true });
  setTimeout(() => {
    seen.push(...o.takeRecords());
    const at = seen.filter((e) => e.identifier === ${JSON.stringify(identifier)}).map((e) => e.renderTime || e.loadTime);
    o.disconnect();
    resolve(at.length ? Math.min(...at) : null);
  }, 0);
})`;

const FIRST_ROW = firstOf(ROW_TIMING);
const FIRST_SNAPSHOT_ROW = firstOf(SNAPSHOT_TIMING);

/**
 * The whole book on the page (after its first screenful). Each portfolio load waits for it before the
 * next navigation: the whole book's answer (some MB) occupies the worker for about a second, and a
 * page opened meanwhile (a reload within a second of opening) would be timed behind it.
 */
const wholeBook = (page: Page) => page.locator('main[data-book="whole"]').waitFor({ timeout: 30_000 });

/** The live rows' first paint; `snapshots` gets the snapshot rows' first paint of the same load, when one was painted. */
async function firstRowsAt(page: Page, url: string, snapshots?: number[]): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const at = await page.evaluate(FIRST_ROW).catch(() => null);
    if (typeof at === 'number') {
      const snap = snapshots ? await page.evaluate(FIRST_SNAPSHOT_ROW).catch(() => null) : null;
      if (typeof snap === 'number') snapshots!.push(snap);
      return at;
    }
    if (Date.now() > deadline) {
      const text = await page.locator('body').innerText().catch(() => '?');
      throw new Error(`No row on screen at ${url} within 30 s; the page says: ${text.slice(0, 400)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * In the loaded portfolio: the band chip (filter on, then off), the sort (by name, then back), and a
 * search (typed, then cleared), each timed from dispatching its event to the frame after React drew
 * it (requestAnimationFrame, then a task: the frame's paint has run). Checks each did what it says.
 */
const INTERACT = `(async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const shown = () => document.querySelector('[data-testid="book-shown"]').textContent;
  const setValue = (el, proto, v) => { Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, v); };
  const time = async (act) => { const before = shown() + '|' + document.querySelector('.book__row[data-key]')?.dataset.key; const t = performance.now(); act(); await frame(); const d = performance.now() - t; return { d, changed: before !== shown() + '|' + document.querySelector('.book__row[data-key]')?.dataset.key }; };
  const out = { filter: [], sort: [], search: [], unchanged: [] };
  const chips = [...document.querySelectorAll('[data-testid^="count-"]:not([data-testid^="count-level"])')];
  const chip = chips.sort((a, b) => Number(b.querySelector('strong').textContent) - Number(a.querySelector('strong').textContent))[1] ?? chips[0];
  const sort = [...document.querySelectorAll('select')].find((s) => s.options[0]?.value === '0');
  const search = document.querySelector('input[type="search"]');
  for (let k = 0; k < 3; k++) {
    for (const [kind, act] of [
      ['filter', () => chip.click()],
      ['filter', () => chip.click()],
      ['sort', () => { setValue(sort, HTMLSelectElement.prototype, '5'); sort.dispatchEvent(new Event('change', { bubbles: true })); }],
      ['sort', () => { setValue(sort, HTMLSelectElement.prototype, '0'); sort.dispatchEvent(new Event('change', { bubbles: true })); }],
      ['search', () => { setValue(search, HTMLInputElement.prototype, 'サンプル商事 12'); search.dispatchEvent(new Event('input', { bubbles: true })); }],
      ['search', () => { setValue(search, HTMLInputElement.prototype, ''); search.dispatchEvent(new Event('input', { bubbles: true })); }],
    ]) {
      const r = await time(act);
      out[kind].push(r.d);
      if (!r.changed) out.unchanged.push(kind);
    }
  }
  return { ...out, rowsInDom: document.querySelectorAll('.book__row[data-key]').length, shown: shown() };
})()`;

export async function portfolioFigures(runs: number): Promise<PortfolioBench> {
  const loads = Math.max(3, Math.min(runs, 10));
  buildExtension();
  const ref = referenceExtension();
  const started = Date.now();
  const t0 = performance.now();
  const step = (what: string) => process.env.BENCH_VERBOSE && console.error(`portfolio bench: ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const rows = seedRows();
  step('seed built');
  const seedMs = performance.now() - t0;
  const b = await launchWithExtension({ extensionDir: `${EXTENSION_DIR},${ref.dir}`, locale: 'en-US', viewport: { width: 1280, height: 900 } });
  try {
    const portfolioUrl = `chrome-extension://${b.extensionId}/portfolio.html`;
    const refUrl = `chrome-extension://${ref.id}/rows.html`;
    const refWorkerUrl = `chrome-extension://${ref.id}/rows-worker.html`;
    const page = await b.context.newPage();
    // The background opens its database (at its current version) on the first read: then the rows go in.
    await page.goto(portfolioUrl);
    await page.getByTestId('book-shown').or(page.locator('.portfolio .card')).first().waitFor({ timeout: 30_000 });
    const w0 = performance.now();
    await seed(b, rows);
    const writeMs = performance.now() - w0;
    step('seed written');
    const cdp = await b.context.newCDPSession(page);
    // The rows went in behind the background's back: stop its worker, so that it reads them afresh.
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6;
    };

    const first: number[] = [];
    const refFirst: number[] = [];
    const filter: number[] = [];
    const sort: number[] = [];
    const search: number[] = [];
    let portfolioHeap = 0;
    let refHeap = 0;
    let rowsInDom = 0;
    const unchanged: string[] = [];
    const viewMs: number[] = [];
    const firstMsgMs: number[] = [];
    const packMsgMs: number[] = [];
    const wakeMs: number[] = [];
    const cold: number[] = [];
    const refCold: number[] = [];
    const snapFirst: number[] = [];
    const snapCold: number[] = [];
    // A warm-up of each (the worker's first read of 10,000 rows, the pages' code into the cache, the
    // reference's worker started: both extensions' processes then live between loads, as their workers
    // do), then loads alternating.
    await firstRowsAt(page, portfolioUrl);
    await wholeBook(page);
    await firstRowsAt(page, refWorkerUrl);
    await firstRowsAt(page, refUrl);
    /** Workers stopped and no page of either extension open: the next load starts its extension's process and worker. */
    const coldStart = async () => {
      await page.goto('about:blank');
      await cdp.send('ServiceWorker.stopAllWorkers');
    };
    if (process.env.BENCH_TRACE) {
      // Diagnosis, not figures: Chromium traces (open them in DevTools' Performance panel or Perfetto)
      // of a warm load, the reference and a cold load, twice, into the temp folder; then the run stops.
      const trace = async (name: string, url: string, cold: boolean) => {
        if (cold) await coldStart();
        const events: object[] = [];
        const onData = (e: { value: object[] }) => events.push(...e.value);
        cdp.on('Tracing.dataCollected', onData);
        const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
        await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame,v8.execute,v8,loading,toplevel,ServiceWorker,navigation,blink.user_timing', transferMode: 'ReportEvents' });
        const at = await firstRowsAt(page, url);
        await new Promise((r) => setTimeout(r, 300));
        await cdp.send('Tracing.end');
        await done;
        cdp.off('Tracing.dataCollected', onData);
        const file = join(tmpdir(), `sidecar-trace-${name}.json`);
        writeFileSync(file, JSON.stringify({ traceEvents: events }));
        console.error(`${name}: first rows at ${at} ms; trace in ${file}`);
        if (url === portfolioUrl) await wholeBook(page);
      };
      for (let k = 0; k < 2; k++) {
        await trace(`warm${k}`, portfolioUrl, false);
        await trace(`ref${k}`, refUrl, false);
        await trace(`cold${k}`, portfolioUrl, true);
      }
      ref.remove();
      await b.close();
      process.exit(0);
    }
    for (let i = 0; i < loads; i++) {
      const order = i % 2 ? ['ref', 'cold', 'portfolio'] : ['portfolio', 'ref', 'cold'];
      for (const which of order) {
        if (which === 'cold') {
          // The worker stopped (as Chromium stops an idle one after 30 s): it starts again, opens the
          // database and reads the 10,000 accounts for this view.
          // First the bare page asking its own stopped worker (the floor under the cold figures), so
          // that Sidecar's worker, started by its own cold load, is running for the next warm one.
          // Each from a blank page: no process of either extension is left to reuse, as after 30 s idle.
          await coldStart();
          refCold.push(await firstRowsAt(page, refWorkerUrl));
          await coldStart();
          cold.push(await firstRowsAt(page, portfolioUrl, snapCold));
          await wholeBook(page);
          continue;
        }
        if (which === 'ref') {
          refFirst.push(await firstRowsAt(page, refUrl));
          if (i === 0) refHeap = await heap();
          continue;
        }
        first.push(await firstRowsAt(page, portfolioUrl, snapFirst));
        // The filters need the whole book on the page (not its first screenful) and the pack's chips.
        await page
          .waitForFunction(
            (n) => !!document.querySelector('main[data-book="whole"]') && document.querySelector('[data-testid="book-shown"]')?.textContent?.replace(/,/g, '') === `${n} of ${n} shown`,
            ACCOUNTS,
            { timeout: 30_000 },
          )
          .catch(async (err: Error) => {
            throw new Error(`${err.message}; the page shows: ${await page.getByTestId('book-shown').textContent().catch(() => '?')}`);
          });
        const r = await page.evaluate<{ filter: number[]; sort: number[]; search: number[]; unchanged: string[]; rowsInDom: number; shown: string }>(INTERACT);
        filter.push(...r.filter);
        sort.push(...r.sort);
        search.push(...r.search);
        unchanged.push(...r.unchanged);
        rowsInDom = Math.max(rowsInDom, r.rowsInDom);
        if (i === 0) portfolioHeap = await heap();
        // Where the first rows' time goes: the book's message to the background and back, alone.
        if (i === 0) {
          const alone = await page.evaluate(async () => {
            const out = { whole: [] as number[], first: [] as number[], pack: [] as number[] };
            for (let k = 0; k < 3; k++) {
              for (const which of ['whole', 'first', 'pack'] as const) {
                const data = which === 'first' ? { first: { filters: {}, by: 'score', dir: 'asc', limit: 30 } } : {};
                const t = performance.now();
                await chrome.runtime.sendMessage({ channel: 'sidecar', type: which === 'pack' ? 'pack.view' : 'portfolio.view', data });
                out[which].push(performance.now() - t);
              }
            }
            return out;
          });
          // The floor under any cold figure: a stopped worker starting and answering the smallest question.
          for (let k = 0; k < 3; k++) {
            await cdp.send('ServiceWorker.stopAllWorkers');
            wakeMs.push(
              await page.evaluate(async () => {
                const t = performance.now();
                await chrome.runtime.sendMessage({ channel: 'sidecar', type: 'settings.get', data: {} });
                return performance.now() - t;
              }),
            );
          }
          viewMs.push(...alone.whole);
          firstMsgMs.push(...alone.first);
          packMsgMs.push(...alone.pack);
        }
      }
    }
    if (unchanged.length) throw new Error(`Some interactions changed nothing on screen: ${unchanged.join(', ')}`);

    const group = `Portfolio, ${ACCOUNTS.toLocaleString('en')} cached accounts (${loads} loads each, alternating)`;
    const s = (label: string, xs: number[]) => ({ label, xs });
    const viewS = s("… the whole book's message (portfolio.view) to the background and back, alone", viewMs);
    const wakeS = s('… a stopped worker started and answering the smallest question (settings.get), alone: under any cold figure', wakeMs);
    const packMsgS = s("… the pack's labels (pack.view, which the first rows also wait for) and back, alone", packMsgMs);
    const firstMsgS = s("… the first screenful's message (portfolio.view, first 30 of the view) and back, alone", firstMsgMs);
    const firstS = s("navigation start → the LIVE book's first rows on screen (element timing)", first);
    const coldS = s("… the live book's first rows with the worker stopped before the load (a cold start)", cold);
    // The last picture (SnapshotBook) of the same loads: what the CSM sees first, not the live book.
    const snapS = s("navigation start → the SNAPSHOT's first rows on screen (last picture, same loads)", snapFirst);
    const snapColdS = s("… the snapshot's first rows, the worker cold (same loads)", snapCold);
    const refS = s('reference: a bare extension page drawing 50 rows → on screen', refFirst);
    const refColdS = s('reference, cold: the bare page asking its own stopped worker for the rows, then drawing 50 → on screen', refCold);
    const filterS = s('band filter on / off → next frame', filter);
    const sortS = s('sort by name / by score → next frame', sort);
    const searchS = s('search typed / cleared → next frame', search);
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    return {
      group,
      // A sample with no load in it (no snapshot painted) is left out rather than reported as a figure.
      samples: [snapS, firstS, firstMsgS, packMsgS, viewS, snapColdS, coldS, wakeS, refS, refColdS].filter((x) => x.xs.length).concat([ filterS, sortS, searchS]),
      absolutes: [
        ...[snapS, snapColdS]
          .filter((x) => x.xs.length)
          .map((x) => ({ name: `Portfolio: the snapshot's first rows on screen, 10,000 accounts${x === snapColdS ? ', the worker cold' : ''}`, sample: x, target: FIRST_ROWS_TARGET_MS, references: x === snapColdS ? [refS, refColdS] : [refS] })),
        { name: "Portfolio: the live book's first rows on screen, 10,000 accounts", sample: firstS, target: FIRST_ROWS_TARGET_MS, references: [refS] },
        { name: "Portfolio: the live book's first rows on screen, 10,000 accounts, the worker cold", sample: coldS, target: FIRST_ROWS_TARGET_MS, references: [refColdS] },
        { name: 'Portfolio: band filter, 10,000 accounts', sample: filterS, target: INTERACTION_TARGET_MS, references: [] },
        { name: 'Portfolio: sort, 10,000 accounts', sample: sortS, target: INTERACTION_TARGET_MS, references: [] },
        { name: 'Portfolio: search, 10,000 accounts', sample: searchS, target: INTERACTION_TARGET_MS, references: [] },
      ],
      figures: [
        { name: "portfolio: the live book's first rows ÷ the bare 50-row page, ratio of medians", value: med(first) / med(refFirst), unit: '×', decimals: 2 },
        { name: "portfolio: the live book's first rows, the worker cold ÷ the bare page asking its stopped worker, ratio of medians", value: med(cold) / med(refCold), unit: '×', decimals: 2 },
        { name: "portfolio: the snapshot's first rows ÷ the bare 50-row page, ratio of medians", value: snapFirst.length ? med(snapFirst) / med(refFirst) : NaN, unit: '×', decimals: 2 },
        { name: `portfolio: loads (of ${loads}) whose snapshot was painted, worker warm`, value: snapFirst.length, unit: 'loads', decimals: 0 },
        { name: `portfolio: loads (of ${loads}) whose snapshot was painted, worker cold`, value: snapCold.length, unit: 'loads', decimals: 0 },
        { name: 'portfolio: JS heap after GC, 10,000 accounts shown', value: portfolioHeap, unit: 'MB' },
        { name: 'portfolio: JS heap after GC, the bare 50-row page', value: refHeap, unit: 'MB' },
        { name: `portfolio: rows in the DOM with 10,000 in the list (virtualised)`, value: rowsInDom, unit: 'rows', decimals: 0 },
        { name: 'portfolio: 10,000 evaluations built for the seed (Node)', value: seedMs, unit: 'ms' },
        { name: 'portfolio: … written into the background (IndexedDB)', value: writeMs, unit: 'ms' },
        { name: 'portfolio section, wall time', value: (Date.now() - started) / 60_000, unit: 'min', decimals: 1 },
      ],
    };
  } finally {
    await b.close();
    ref.remove();
  }
}
