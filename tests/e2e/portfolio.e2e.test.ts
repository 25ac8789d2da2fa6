import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../fixtures/demo-pages.ts';
import { launchWithExtension, PROJECT, type Launched } from '../harness/browser.ts';
import { startCrmServer, type CrmServer } from '../harness/crm-server.ts';
import { startDemoApis } from '../harness/demo-apis.ts';
import { openRecord } from '../harness/sidebar.ts';

/** Open a record and wait until the sidebar shows a score read from the CRM (not the empty cache's first picture). */
async function evaluated(url: string, key: string) {
  const { page, frame } = await openRecord(browser.context, url, key);
  await frame.waitForFunction(() => /^\d+$/.test(document.querySelector('.score__value')?.textContent ?? ''), undefined, { timeout: 30_000 });
  return page;
}

// The CSM's book in real Chromium: the accounts Sidecar has evaluated, from the cache (no request
// to the CRM per account), with counts, a Japanese search, a band filter and what changed since
// the CSM last looked.

const SHOTS = join(PROJECT, 'tests', 'screenshots');
let apis: Awaited<ReturnType<typeof startDemoApis>>;
let crm: CrmServer;
let browser: Launched;

const ACCOUNTS = [
  { url: DEMO.hubspot.url, key: DEMO.hubspot.key },
  { url: 'https://app.hubspot.com/contacts/24681357/record/0-2/9002', key: 'hubspot:24681357:9002' },
  { url: 'https://app.hubspot.com/contacts/24681357/record/0-2/9003', key: 'hubspot:24681357:9003' },
  { url: DEMO.salesforce.url, key: DEMO.salesforce.key },
];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  apis = await startDemoApis();
  crm = await startCrmServer(apis.urls);
  browser = await launchWithExtension({ extraArgs: crm.chromiumArgs, locale: 'en-US' });
  await apis.connect(browser);
  // The demo's usage export and a few notes, as CS Ops and the CSM would have added them.
  await apis.seedUsageAndNotes(browser);
  // The CSM has opened these accounts: Sidecar evaluated each from the CRM.
  for (const a of ACCOUNTS) await (await evaluated(a.url, a.key)).close();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await crm?.close();
  await apis?.close();
});

async function openPortfolio(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/portfolio.html`);
  await page.getByTestId('book-shown').waitFor();
  return page;
}

const shownKeys = (page: Page) => page.locator('.book__row[data-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));

describe('the portfolio', () => {
  test('lists the accounts from the cache with no request to the CRM; counts, a Japanese search and a band filter work', async () => {
    const before = apis.hubspot.state.requests.total + apis.salesforce.state.requests.total;
    const page = await openPortfolio();
    expect(await page.getByTestId('book-shown').textContent()).toBe('4 of 4 shown');
    expect((await shownKeys(page)).sort()).toEqual(ACCOUNTS.map((a) => a.key).sort());
    expect(apis.hubspot.state.requests.total + apis.salesforce.state.requests.total).toBe(before);
    const bandTotal = await page.locator('[data-testid^="count-"]:not([data-testid^="count-level"]) strong').allTextContents();
    expect(bandTotal.map(Number).reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(4);
    await page.screenshot({ path: join(SHOTS, 'portfolio-en.png'), fullPage: true });

    // Search ignores 株式会社 and width.
    await page.getByLabel('Search accounts').fill('サンプル商事');
    expect(await shownKeys(page)).toEqual([DEMO.hubspot.key]);
    await page.getByLabel('Search accounts').fill('ＮＯＲＴＨＷＩＮＤ');
    expect(await shownKeys(page)).toEqual(['hubspot:24681357:9002']);
    await page.getByLabel('Search accounts').fill('');

    // A band filter from the counts at the top.
    const first = page.locator('[data-testid^="count-"]:not([data-testid^="count-level"])').first();
    const band = (await first.getAttribute('data-testid'))!.replace('count-', '');
    const n = Number(await first.locator('strong').textContent());
    await first.click();
    expect(await page.getByTestId('book-shown').textContent()).toBe(`${n} of 4 shown`);
    // Saved as a named view, it comes back after a reload.
    await page.getByLabel('Save this view as').fill('Needs me');
    await page.getByRole('button', { name: 'Save view' }).click();
    await first.click();
    expect(await page.getByTestId('book-shown').textContent()).toBe('4 of 4 shown');
    await page.reload();
    await page.getByRole('combobox', { name: 'Saved views' }).selectOption('Needs me');
    expect(await page.getByTestId('book-shown').textContent()).toBe(`${n} of 4 shown`);
    await page.getByRole('button', { name: 'Delete this view' }).click();
    await first.click();
    expect(await page.getByTestId('book-shown').textContent()).toBe('4 of 4 shown');
    console.log(`e2e portfolio: 4 accounts from the cache, 0 CRM requests, search ja/width ok, band ${band} filter ${n}`);
    await page.close();
  });

  test('a band change in the CRM shows under "changed since you last looked" with its driver, in Japanese', async () => {
    const page = await openPortfolio();
    await page.getByRole('button', { name: 'Mark all as seen' }).click();
    await page.getByText('Nothing moved since your last look.').waitFor();
    await page.close();

    // Nobody at Contoso has logged in for months (the CRM says so); the CSM opens it and Sidecar re-evaluates it.
    const contoso = apis.hubspot.state.objects.companies.get('9003')!;
    const before = contoso.properties.sidecar_last_login_at;
    contoso.properties.sidecar_last_login_at = new Date(Date.now() - 200 * 86_400_000).toISOString();
    const record = await evaluated(ACCOUNTS[2]!.url, ACCOUNTS[2]!.key);
    await record.locator('iframe[data-sidecar-frame]').contentFrame().locator('.score__band .band[data-band="red"]').waitFor({ timeout: 30_000 });
    await record.close();

    const again = await openPortfolio();
    const changes = again.getByTestId('book-changes');
    await changes.getByText('Contoso Paper Works').waitFor();
    expect(await changes.textContent()).toMatch(/Band .+ → .+/);
    expect(await changes.textContent()).toMatch(/Why: Days since last login/);
    // The same in Japanese (the language setting the sidebar and the options page share).
    await again.evaluate(() => chrome.runtime.sendMessage({ channel: 'sidecar', type: 'settings.set', data: { locale: 'ja' } }));
    await again.reload();
    await again.getByTestId('book-changes').getByText(/バンド .+ → .+/).waitFor();
    await again.screenshot({ path: join(SHOTS, 'portfolio-ja.png'), fullPage: true });
    contoso.properties.sidecar_last_login_at = before ?? null;
    await again.close();
  });
});
