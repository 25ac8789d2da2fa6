import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordIdentity, type RecordRef } from '../../lib/crm/detect.ts';
import { DEMO } from '../fixtures/demo-pages.ts';
import { launchWithExtension, PROJECT, type Launched } from '../harness/browser.ts';
import { startCrmServer, type CrmServer } from '../harness/crm-server.ts';
import { startDemoApis } from '../harness/demo-apis.ts';
import { sidebarShowing } from '../harness/sidebar.ts';

// sidebar.html is web-accessible to every *.hubspot.com site and every Salesforce org. Here
// pages served as community.hubspot.com and as another org's my.salesforce.com frame it, by
// the static URL and by the dynamic URL of a real mount replayed, in real Chromium with the
// built extension connected to the mock CRMs. Nothing may reach the CRM, the database or a
// control; the real sidebar beside it keeps working.

const HOSTILE = {
  community: 'https://community.hubspot.com/t5/discussions/sidecar',
  otherOrg: 'https://other.my.salesforce.com/apex/Forum',
};
const hostileHtml = (host: string) =>
  `<!doctype html><meta charset="utf-8"><title>Forum</title>
<body style="font:14px system-ui,sans-serif;margin:16px;background:#fff">
<h1 style="font-size:18px">A page on ${host} that frames Sidecar's sidebar itself</h1>
<div id="frames" style="display:flex;gap:12px;align-items:flex-start"></div></body>`;

const SALESFORCE_REF: RecordRef = { crm: 'salesforce', host: 'acme.lightning.force.com', objectType: 'account', recordId: '001D000000IRFmaIAH' };

let apis: Awaited<ReturnType<typeof startDemoApis>>;
let server: CrmServer;
let browser: Launched;

beforeAll(async () => {
  apis = await startDemoApis();
  server = await startCrmServer({
    ...apis.urls,
    page: (host, path) => (path.startsWith('/t5/') || path.startsWith('/apex/') ? hostileHtml(host) : null),
  });
  browser = await launchWithExtension({ extraArgs: server.chromiumArgs });
  await apis.connect(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await apis?.close();
});

const crmRequests = () => [...apis.hubspot.state.requests.log, ...apis.salesforce.state.requests.log].map((r) => `${r.method} ${r.path}`);

/** Every row of every table of Sidecar's database, read from an extension page (the same origin as the background). */
async function database(): Promise<Record<string, unknown[]>> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    return await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('sidecar');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const out: Record<string, unknown[]> = {};
      for (const name of [...db.objectStoreNames]) {
        out[name] = await new Promise<unknown[]>((resolve, reject) => {
          const q = db.transaction(name).objectStore(name).getAll();
          q.onsuccess = () => resolve(q.result);
          q.onerror = () => reject(q.error);
        });
      }
      db.close();
      return out;
    });
  } finally {
    await page.close();
  }
}

/** Waits until neither the CRM request log nor the database has changed for `quietMs`. */
async function settled(quietMs = 1_500, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  let last = JSON.stringify([crmRequests(), await database()]);
  for (;;) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = JSON.stringify([crmRequests(), await database()]);
    if (now === last) return;
    if (Date.now() > until) throw new Error('The CRM traffic and the database never settled');
    last = now;
  }
}

/** The page's own script frames `src` (as any page on these hosts can), and the frame it got, once it has loaded. */
async function frameFrom(page: Page, src: string, name: string): Promise<Frame> {
  await page.evaluate(
    ([s, n]) =>
      new Promise<void>((resolve) => {
        const f = document.createElement('iframe');
        f.name = n;
        f.src = s;
        f.style.cssText = 'width:340px;height:520px;border:1px solid #8a97a6';
        f.addEventListener('load', () => resolve(), { once: true });
        document.getElementById('frames')!.append(f);
      }),
    [src, name] as const,
  );
  const frame = page.frame({ name });
  if (!frame) throw new Error(`No frame ${name}`);
  return frame;
}

/** What a hostile frame shows and offers: its text, and every control a user could reach or click. */
function inspect(frame: Frame) {
  return frame.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex], [contenteditable="true"]')].filter(
      (el) => !(el as HTMLButtonElement).disabled && !el.closest('[inert]'),
    );
    return {
      refused: document.documentElement.hasAttribute('data-frame-refused'),
      text: document.body.innerText.trim(),
      controls: controls.map((el) => el.outerHTML.slice(0, 80)),
      snapshot: !!document.getElementById('sidecar-snapshot'),
      shownRecord: document.documentElement.dataset.shownRecord ?? null,
    };
  });
}

describe('a sidebar no page can misuse', () => {
  let realPage: Page;
  let realSrc: URL;

  test('the real sidebar mounts by a dynamic URL and works: the background admits its own frame', async () => {
    // A Salesforce account seen first, so that a first-paint snapshot of it exists for a hostile frame to try.
    const sf = await browser.context.newPage();
    await sf.goto(DEMO.salesforce.url);
    await sidebarShowing(sf, DEMO.salesforce.key);
    await sf.waitForTimeout(1_000);
    await sf.close();

    realPage = await browser.context.newPage();
    await realPage.goto(DEMO.hubspot.url);
    const frame = await sidebarShowing(realPage, DEMO.hubspot.key);
    realSrc = new URL((await realPage.locator('iframe[data-sidecar-frame]').getAttribute('src'))!);
    // The URL in the page is the session's dynamic one, not the extension's id…
    expect(realSrc.protocol).toBe('chrome-extension:');
    expect(realSrc.host).not.toBe(browser.extensionId);
    expect(realSrc.host).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // …while the document inside (and so the sender URL the background checks) has the fixed id.
    expect(new URL(frame.url()).host).toBe(browser.extensionId);
    expect(new URL(frame.url()).hash).toBe(realSrc.hash);
    // The real frame read the CRM.
    await expect.poll(() => crmRequests().some((r) => r.includes('/companies/') || r.includes('/companies?') || r.includes('batch/read')), { timeout: 20_000 }).toBe(true);
    await frame.getByRole('region', { name: 'Health' }).waitFor();
  });

  test('pages on community.hubspot.com and on another org frame the static and a replayed dynamic URL: no request, no row, no baseline, no control', async () => {
    await settled();
    const requestsBefore = crmRequests();
    const dbBefore = await database();
    const staticSrc = `chrome-extension://${browser.extensionId}/sidebar.html${realSrc.search}${realSrc.hash}`;
    const replayed = realSrc.href;
    // The dynamic origin with another record (the Salesforce account seen above) and a token of the page's choosing.
    const forged = `${realSrc.protocol}//${realSrc.host}/sidebar.html?ref=${encodeURIComponent(JSON.stringify(SALESFORCE_REF))}&id=${encodeURIComponent(recordIdentity(SALESFORCE_REF))}#${crypto.randomUUID()}`;

    const seen: Record<string, Awaited<ReturnType<typeof inspect>>> = {};
    for (const [site, url] of Object.entries(HOSTILE)) {
      const page = await browser.context.newPage();
      await page.goto(url);
      const blocked = await frameFrom(page, staticSrc, `${site}-static`);
      // Chromium refuses the static URL outright: the frame never holds the sidebar.
      expect(blocked.url()).not.toMatch(/^chrome-extension:/);
      const frames = { replayed: await frameFrom(page, replayed, `${site}-replayed`), forged: await frameFrom(page, forged, `${site}-forged`) };
      for (const [kind, frame] of Object.entries(frames)) {
        expect(new URL(frame.url()).host, `${site} ${kind}`).toBe(browser.extensionId);
        // Refused, or (were the gate gone) showing the record: either way the frame has acted by then.
        await frame.waitForFunction(() => document.documentElement.hasAttribute('data-frame-refused') || !!document.documentElement.dataset.shownRecord, null, { timeout: 20_000 });
      }
      // Time for anything that was going to be sent to have been sent.
      await page.waitForTimeout(2_000);
      for (const [kind, frame] of Object.entries(frames)) seen[`${site} ${kind}`] = await inspect(frame);
      if (site === 'otherOrg') {
        const dir = join(PROJECT, 'tests', '.artifacts');
        mkdirSync(dir, { recursive: true });
        await page.screenshot({ path: join(dir, 'frame-gate-hostile.png') });
      }
      await page.close();
    }

    await settled();
    expect(crmRequests()).toEqual(requestsBefore);
    expect(await database()).toEqual(dbBefore);
    for (const [name, s] of Object.entries(seen)) {
      expect(s.refused, name).toBe(true);
      expect(s.controls, name).toEqual([]);
      expect(s.snapshot, name).toBe(false);
      expect(s.shownRecord, name).toBeNull();
      expect(s.text, name).toMatch(/^Sidecar is not available in this frame\./);
    }
  });

  test('the real sidebar still works after: it follows the page to the next company and reads it from the CRM', async () => {
    const before = crmRequests().length;
    await realPage.click(DEMO.hubspotNext.link);
    const frame = await sidebarShowing(realPage, DEMO.hubspotNext.key);
    await frame.getByRole('region', { name: 'Health' }).waitFor();
    await expect.poll(() => crmRequests().length, { timeout: 20_000 }).toBeGreaterThan(before);
    expect(await frame.getByRole('button').count()).toBeGreaterThan(0);
    await realPage.close();
  });
});
