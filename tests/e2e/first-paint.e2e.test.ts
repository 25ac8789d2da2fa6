import { describe, expect, test } from 'vitest';
import type { Frame } from 'playwright-core';
import { DEMO } from '../fixtures/demo-pages.ts';
import { useCrmBrowser } from '../harness/suite.ts';
import { openRecord, sidebarShowing } from '../harness/sidebar.ts';

// A record seen before paints its last snapshot before React has loaded, and the live
// view takes over; the snapshots follow the language; the CRM page sees none of it.

const crm = useCrmBrowser();

interface StoredSnapshot {
  accountKey: string;
  lang: string;
  html: string;
}

/** The snapshots in the extension's session storage, by record identity, read from the background. */
async function storedSnapshots(): Promise<Record<string, StoredSnapshot>> {
  const all = await crm.browser.worker.evaluate(() => chrome.storage.session.get(null));
  return Object.fromEntries(
    Object.entries(all as Record<string, StoredSnapshot>)
      .filter(([k]) => k.startsWith('sidecar.view:'))
      .map(([k, v]) => [k.slice('sidecar.view:'.length), v]),
  );
}

async function waitForSnapshot(identity: string, check: (s: StoredSnapshot) => boolean = () => true): Promise<StoredSnapshot> {
  for (let i = 0; i < 100; i++) {
    const s = (await storedSnapshots())[identity];
    if (s && check(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No matching snapshot was stored for ${identity}`);
}

const marks = (frame: Frame) =>
  frame.evaluate(() => {
    const d = document.documentElement.dataset;
    return { paintedFrom: d.paintedFrom, paintedRecord: d.paintedRecord, paintedAt: d.paintedAt, shownAt: d.shownAt, snapshotOnScreen: !!document.getElementById('sidecar-snapshot') };
  });

const open = (url: string, key: string) => openRecord(crm.browser.context, url, key);

describe('first paint from the last snapshot', () => {
  test.each([
    ['HubSpot', DEMO.hubspot.url, DEMO.hubspot.key, 'hubspot|app.hubspot.com|24681357|company|9001'],
    ['Salesforce', DEMO.salesforce.url, DEMO.salesforce.key, 'salesforce|acme.lightning.force.com||account|001D000000IRFmaIAH'],
  ])('%s: a record seen before paints its snapshot first, then the live view takes over', async (_crm, url, key, identity) => {
    const { page, frame: first } = await open(url, key);
    expect((await marks(first)).paintedFrom).toBe('live');
    const stored = await waitForSnapshot(identity);
    expect(stored).toMatchObject({ accountKey: key, lang: 'en' });
    expect(stored.html).toContain('Health');

    await page.reload();
    const frame = await sidebarShowing(page, key);
    const m = await marks(frame);
    expect(m.paintedFrom).toBe('snapshot');
    expect(m.paintedRecord).toBe(key);
    expect(Number(m.paintedAt)).toBeLessThanOrEqual(Number(m.shownAt));
    // Chromium reports when the record's name reached the screen (what npm run bench times).
    const onScreen = await frame.evaluate(
      (identifier) =>
        new Promise<number[]>((resolve) => {
          const entries: Array<PerformanceEntry & { identifier: string; renderTime: number }> = [];
          const o = new PerformanceObserver((list) => entries.push(...(list.getEntries() as typeof entries)));
          o.observe({ type: 'element', buffered: true });
          setTimeout(() => {
            entries.push(...(o.takeRecords() as typeof entries));
            o.disconnect();
            resolve(entries.filter((e) => e.identifier === identifier).map((e) => e.renderTime));
          }, 0);
        }),
      `record ${key}`,
    );
    expect(onScreen.length).toBeGreaterThanOrEqual(1);
    expect(Math.min(...onScreen)).toBeGreaterThan(0);
    // Taken over: the live view is on screen and answers.
    expect(m.snapshotOnScreen).toBe(false);
    await frame.getByRole('button', { name: 'Override band' }).click();
    await frame.getByRole('dialog').waitFor();
    await page.close();
  });

  test('a single-page switch to a record seen before paints its snapshot while its live view loads', async () => {
    const { page } = await open(DEMO.hubspot.url, DEMO.hubspot.key);
    await page.click(DEMO.hubspotNext.link);
    await sidebarShowing(page, DEMO.hubspotNext.key);
    await waitForSnapshot('hubspot|app.hubspot.com|24681357|company|9002');
    // A fresh frame, which has not shown 9002 yet, then the switch.
    await page.goto(DEMO.hubspot.url);
    const frame = await sidebarShowing(page, DEMO.hubspot.key);
    await page.click(DEMO.hubspotNext.link);
    await sidebarShowing(page, DEMO.hubspotNext.key);
    const m = await marks(frame);
    expect(m).toMatchObject({ paintedRecord: DEMO.hubspotNext.key, paintedFrom: 'snapshot', snapshotOnScreen: false });
    expect(Number(m.paintedAt)).toBeLessThanOrEqual(Number(m.shownAt));
    await page.close();
  });

  test('switching the language drops every snapshot drawn in the old one; the next is drawn in the new', async () => {
    const { page, frame } = await open(DEMO.hubspot.url, DEMO.hubspot.key);
    await page.click(DEMO.hubspotNext.link);
    await sidebarShowing(page, DEMO.hubspotNext.key);
    await waitForSnapshot('hubspot|app.hubspot.com|24681357|company|9002');
    await frame.getByRole('combobox', { name: 'Language' }).selectOption('ja');
    await frame.getByRole('region', { name: 'ヘルス' }).waitFor();
    const ja = await waitForSnapshot('hubspot|app.hubspot.com|24681357|company|9002', (s) => s.lang === 'ja');
    expect(ja.html).toContain('ヘルス');
    // 9001 was not on screen when the language changed: its English snapshot is gone, not shown next time.
    expect((await storedSnapshots())['hubspot|app.hubspot.com|24681357|company|9001']).toBeUndefined();
    await frame.getByRole('combobox', { name: '言語' }).selectOption('auto');
    await frame.getByRole('region', { name: 'Health' }).waitFor();
    await page.close();
  });

  test('the CRM page can reach no snapshot: not in its storage, not in its DOM', async () => {
    const { page } = await open(DEMO.hubspot.url, DEMO.hubspot.key);
    await waitForSnapshot('hubspot|app.hubspot.com|24681357|company|9001');
    await page.reload();
    await sidebarShowing(page, DEMO.hubspot.key);
    const seen = await page.evaluate(async () => ({
      localStorage: Object.keys(localStorage),
      sessionStorage: Object.keys(sessionStorage),
      databases: (await indexedDB.databases()).map((d) => d.name),
      text: document.documentElement.innerText,
    }));
    expect(seen).toMatchObject({ localStorage: [], sessionStorage: [], databases: [] });
    expect(seen.text).not.toContain('Health');
    await page.close();
  });
});
