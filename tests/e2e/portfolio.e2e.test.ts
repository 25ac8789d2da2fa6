import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Papa from 'papaparse';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, DEMO_ACCOUNTS } from '../fixtures/demo-pages.ts';
import { launchWithExtension, PROJECT, type Launched } from '../harness/browser.ts';
import type { CrmServer } from '../harness/crm-server.ts';
import { startDemo, type Demo } from '../harness/demo-apis.ts';
import { openRecord } from '../harness/sidebar.ts';
import { handoverColumns } from '../../lib/portfolio/handover.ts';
import { RESULT_FIELDS } from '../../lib/publish/fields.ts';

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
let apis: Demo['apis'];
let crm: CrmServer;
let browser: Launched;
let demo: Demo | undefined;

const ACCOUNTS = DEMO_ACCOUNTS;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo();
  ({ apis, crm, browser } = demo);
  // The CSM has opened these accounts: Sidecar evaluated each from the CRM.
  for (const a of ACCOUNTS) await (await evaluated(a.url, a.key)).close();
}, 120_000);
afterAll(async () => {
  await demo?.close();
});

async function openPortfolio(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/portfolio.html`);
  await page.getByTestId('book-shown').waitFor();
  return page;
}

/** The book has been read from the CRM (or the read has failed and says so). */
const loaded = (page: Page) => page.locator('[data-testid="book-load"][data-state="done"], [data-testid="book-load"][data-state="failed"]').waitFor({ timeout: 30_000 });

/** A request that names one account: a record read, a batch read, an association read. */
const perAccount = (path: string) => /\/objects\/2026-09\/companies\/\d+|\/batch\/read|\/associations\/|\/sobjects\/Account\/001/.test(path);

/**
 * The portfolio in a new page, its answers for the book held until `window.__release()`: every
 * `portfolio.view`, or only the whole book's (the first screenful's pass).
 */
async function heldPortfolio(hold: 'every' | 'whole'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.addInitScript((hold) => {
    const w = window as unknown as { __release?: () => void };
    const send = chrome.runtime.sendMessage.bind(chrome.runtime) as (m: unknown) => Promise<unknown>;
    const waiting: Array<() => void> = [];
    let open = false;
    w.__release = () => ((open = true), waiting.splice(0).forEach((go) => go()));
    (chrome.runtime as unknown as { sendMessage: (m: unknown) => Promise<unknown> }).sendMessage = (m) => {
      const msg = m as { type?: string; data?: { first?: unknown } };
      const held = !open && msg?.type === 'portfolio.view' && (hold === 'every' || !msg.data?.first);
      return held ? new Promise((resolve) => waiting.push(() => void send(m).then(resolve))) : send(m);
    };
  }, hold);
  await page.goto(`chrome-extension://${browser.extensionId}/portfolio.html`);
  return page;
}

/** axe's violations on the page as it is now (id and the first few targets of each). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const a = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    return (await a.run(document)).violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
}
const shownKeys = (page: Page) => page.locator('.book__row[data-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));

describe('the portfolio', () => {
  test('lists the accounts from the cache at once, then reads the book with no request per account; counts, a Japanese search and a band filter work', async () => {
    const before = { hubspot: apis.hubspot.state.requests.log.length, salesforce: apis.salesforce.state.requests.log.length };
    // The CRM's book held back a moment, so that what the page draws first is the cache's alone (the
    // mock answers faster than the page asks for the whole book after its first screenful).
    const slow = { match: (r: { method: string; path: string }) => r.method === 'GET' && r.path === '/crm/objects/2026-09/companies', delayMs: 1_500, times: 1 };
    apis.hubspot.state.faults.push(slow);
    const page = await openPortfolio();
    expect(await page.getByTestId('book-shown').textContent()).toBe('4 of 4 shown');
    expect((await shownKeys(page)).sort()).toEqual(ACCOUNTS.map((a) => a.key).sort());
    await loaded(page);
    apis.hubspot.state.faults.splice(apis.hubspot.state.faults.indexOf(slow), 1);
    const since = [...apis.hubspot.state.requests.log.slice(before.hubspot), ...apis.salesforce.state.requests.log.slice(before.salesforce)].map((r) => r.path);
    expect(since.filter(perAccount)).toEqual([]);
    // The loaded book replaces the cached rows once its query is fetched again, just after the bar says done:
    // it adds Globex (a Salesforce 'Customer - Channel' account this browser never opened).
    await expect.poll(() => shownKeys(page), { timeout: 10_000 }).toContain(DEMO.salesforceNext.key);
    const afterLoad = await shownKeys(page);
    console.log(`e2e portfolio: after the CRM's book, ${afterLoad.length} rows: ${afterLoad.join(' ')}; load: ${await page.getByTestId('book-load').textContent()}`);
    expect(afterLoad).toEqual(expect.arrayContaining(ACCOUNTS.map((a) => a.key)));
    const total = afterLoad.length;
    const all = `${total} of ${total} shown`;
    expect(await page.getByTestId('book-shown').textContent()).toBe(all);
    const bandTotal = await page.locator('[data-testid^="count-"]:not([data-testid^="count-level"]) strong').allTextContents();
    expect(bandTotal.map(Number).reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(total);
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
    expect(await page.getByTestId('book-shown').textContent()).toBe(`${n} of ${total} shown`);
    // Saved as a named view, it comes back after a reload.
    await page.getByLabel('Save this view as').fill('Needs me');
    await page.getByRole('button', { name: 'Save view' }).click();
    await first.click();
    expect(await page.getByTestId('book-shown').textContent()).toBe(all);
    await page.reload();
    await page.getByRole('combobox', { name: 'Saved views' }).selectOption('Needs me');
    expect(await page.getByTestId('book-shown').textContent()).toBe(`${n} of ${total} shown`);
    await page.getByRole('button', { name: 'Delete this view' }).click();
    await first.click();
    expect(await page.getByTestId('book-shown').textContent()).toBe(all);
    console.log(`e2e portfolio: 4 accounts from the cache, then ${total} with the CRM's book, 0 per-account requests, search ja/width ok, band ${band} filter ${n}`);
    await page.close();
  });

  test('the last picture of the book is painted while the live book is read, marked and inert, then replaced (en and ja)', async () => {
    // The page's answers for the book are held until the test lets them go, so the snapshot stays on screen.
    const held = () => heldPortfolio('every');
    for (const [lang, note] of [
      ['en', /^Last seen .+, updating…/],
      ['ja', /時点の表示です。最新の情報に更新しています…/],
    ] as const) {
      const setter = await browser.context.newPage();
      await setter.goto(`chrome-extension://${browser.extensionId}/portfolio.html`);
      await setter.evaluate((locale) => chrome.runtime.sendMessage({ channel: 'sidecar', type: 'settings.set', data: { locale } }), lang);
      await setter.close();
      // A visit that draws the live book keeps its first screenful.
      const visit = await openPortfolio();
      await loaded(visit);
      await visit.close();

      const page = await held();
      const snapshot = page.getByTestId('book-snapshot');
      await snapshot.waitFor();
      // Painted by the boot script (lib/ui/portfolio-boot.ts), inert, ahead of the React root.
      expect(await page.locator('#portfolio-snapshot[inert] + #root').count()).toBe(1);
      expect(await page.locator('#portfolio-snapshot').getByTestId('book-snapshot').count()).toBe(1);
      expect(await snapshot.getByTestId('snapshot-note').textContent()).toMatch(note);
      const pictured = await snapshot.locator('[data-snapshot-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-snapshot-key')));
      expect(pictured.length).toBeGreaterThan(1);
      for (const b of await snapshot.getByRole('button').all()) expect(await b.isDisabled()).toBe(true);
      await page.screenshot({ path: join(SHOTS, `portfolio-snapshot-${lang}.png`), fullPage: true });
      await page.evaluate(() => (window as unknown as { __release: () => void }).__release());
      await page.getByTestId('book-shown').waitFor();
      expect(await snapshot.count()).toBe(0);
      // The live book, in the same view, starts with the rows the picture showed.
      expect((await shownKeys(page)).slice(0, pictured.length)).toEqual(pictured);
      await page.close();
    }
    const back = await browser.context.newPage();
    await back.goto(`chrome-extension://${browser.extensionId}/portfolio.html`);
    await back.evaluate(() => chrome.runtime.sendMessage({ channel: 'sidecar', type: 'settings.set', data: { locale: 'en' } }));
    await back.close();
  });

  test('the first screenful is live while the whole book crosses over: its links and handover work, the filters wait', async () => {
    // The whole book's answer (portfolio.view without `first`) is held until the test lets it go.
    const page = await heldPortfolio('whole');
    const partial = page.locator('main[data-book="first"][aria-busy="true"]');
    await partial.waitFor();
    // The search and every filter are in one disabled fieldset.
    expect(await page.getByRole('searchbox').isDisabled()).toBe(true);
    expect(await page.locator('fieldset.portfolio__filters select').first().isDisabled()).toBe(true);
    const link = page.locator('.book__row[data-key] a[elementtiming="book-row"]').first();
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/(app\.hubspot\.com|[a-z0-9-]+\.lightning\.force\.com)\//);
    expect(await page.locator('.book__row[data-key]').first().getByRole('button', { name: 'Handover sheet' }).isDisabled()).toBe(false);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'portfolio-first-en.png'), fullPage: true });
    await page.evaluate(() => (window as unknown as { __release: () => void }).__release());
    await page.locator('main[data-book="whole"]').waitFor();
    expect(await page.getByRole('searchbox').isDisabled()).toBe(false);
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
    await loaded(again);
    await again.screenshot({ path: join(SHOTS, 'portfolio-ja.png'), fullPage: true });
    contoso.properties.sidecar_last_login_at = before ?? null;
    await again.close();
  });

  test('on Salesforce: the book is the demo org’s, read by SOQL (the whole book once, then only what changed) with no request per account; a band change in the CRM shows with its driver', async () => {
    const sf = apis.salesforce.state;
    const english = await openPortfolio();
    // The test before left the page in Japanese.
    await english.evaluate(() => chrome.runtime.sendMessage({ channel: 'sidecar', type: 'settings.set', data: { locale: 'en' } }));
    await english.reload();
    await english.getByRole('button', { name: 'Mark all as seen' }).click();
    await english.getByText('Nothing moved since your last look.').waitFor();
    await english.close();

    // Nobody at Acme has logged in for 200 days and few users are left (the CRM says so); the CSM opens it and Sidecar re-evaluates it.
    const acme = sf.records.Account.get('001D000000IRFmaIAH') ?? [...sf.records.Account.values()].find((a) => a.Name === 'Acme Manufacturing 株式会社')!;
    const before = { login: acme.Sidecar_Last_Login__c, users: acme.Sidecar_Active_Users_30d__c };
    acme.Sidecar_Last_Login__c = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
    acme.Sidecar_Active_Users_30d__c = 4;
    const record = await evaluated(DEMO.salesforce.url, DEMO.salesforce.key);
    await record.locator('iframe[data-sidecar-frame]').contentFrame().locator('.score__band .band:not([data-band="green"])').waitFor({ timeout: 30_000 });
    await record.close();

    const from = sf.requests.log.length;
    const page = await openPortfolio();
    await loaded(page);
    await expect.poll(() => shownKeys(page), { timeout: 10_000 }).toEqual(expect.arrayContaining([DEMO.salesforce.key, DEMO.salesforceNext.key]));
    const changes = page.getByTestId('book-changes');
    await changes.getByText('Acme Manufacturing 株式会社').waitFor();
    const said = (await changes.textContent())!;
    expect(said).toMatch(/Band .+ → .+/);
    expect(said).toMatch(/Why: (Days since last login|Active users)/);
    // The book's read: the org's fields described, then either one SOQL query of the whole book or, the book
    // having been read in this browser already, the pair that asks only for what changed since (SystemModstamp);
    // never a query per account.
    const log = sf.requests.log.slice(from);
    const queries = log.filter((r) => r.path.endsWith('/query')).map((r) => new URLSearchParams(r.query).get('q') ?? '');
    const bookQueries = queries.filter((q) => /FROM Account\b/i.test(q));
    console.log(`e2e portfolio (Salesforce): ${log.length} requests to the org while the portfolio loaded: ${queries.join(' | ')}`);
    expect(bookQueries.length === 1 || (bookQueries.length === 2 && bookQueries.every((q) => /SystemModstamp > \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/.test(q)))).toBe(true);
    expect(bookQueries[0]).toMatch(/Owner\.Name/);
    for (const q of bookQueries) expect(q).not.toMatch(/\bId\s*(=|IN)/i);
    expect(log.map((r) => r.path).filter(perAccount)).toEqual([]);
    acme.Sidecar_Last_Login__c = before.login ?? null;
    acme.Sidecar_Active_Users_30d__c = before.users ?? null;
    await page.close();
  });

  test('a fresh profile reads the book from the CRM in pages with a progress bar and no per-account request; a handover sheet and the book’s CSV come from the CRM alone', async () => {
    // CS Ops has published scores for the whole book; the CSM's browser has never opened any of it.
    const hs = apis.hubspot.state;
    const DAY = 86_400_000;
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    for (let i = 0; i < 230; i++) {
      hs.addObject('companies', {
        name: `Book customer ${String(i).padStart(3, '0')}`,
        lifecyclestage: 'customer',
        hubspot_owner_id: i < 4 ? '71000001' : '71000002',
        sidecar_health_score: String(25 + (i % 70)),
        sidecar_health_band: i % 70 < 15 ? 'red' : i % 70 < 45 ? 'yellow' : 'green',
        sidecar_maturity_level: String(1 + (i % 4)),
        sidecar_next_action_id: 'adoption-yellow-check',
        sidecar_scored_at: iso(now - 3_600_000),
        notes_last_updated: iso(now - (i % 40) * DAY),
        sidecar_renewal_date: iso(now + (10 + i) * DAY).slice(0, 10),
      });
    }
    const sample = hs.objects.companies.get('9001')!;
    Object.assign(sample.properties, {
      sidecar_health_score: '48', sidecar_health_band: 'yellow', sidecar_maturity_level: '2', sidecar_next_action_id: 'adoption-yellow-check',
      sidecar_scored_at: iso(now - 2 * 3_600_000), sidecar_renewal_date: iso(now + 75 * DAY).slice(0, 10), notes_last_updated: iso(now - 6 * DAY),
    });
    for (const [d, v] of [[80, '72'], [40, '63'], [0.1, '48']] as const) hs.addHistory('companies', '9001', 'sidecar_health_score', v, iso(now - d * DAY));
    // Slow pages, so the bar can be seen.
    const slow = { match: (r: { method: string; path: string }) => r.method === 'GET' && r.path === '/crm/objects/2026-09/companies', delayMs: 600, times: Infinity };
    hs.faults.push(slow);

    const fresh = await launchWithExtension({ extraArgs: crm.chromiumArgs, locale: 'en-US' });
    try {
      await apis.connect(fresh);
      const before = { hubspot: hs.requests.log.length, salesforce: apis.salesforce.state.requests.log.length };
      const page = await fresh.context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`chrome-extension://${fresh.extensionId}/portfolio.html`);
      await page.getByTestId('book-load-progress').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('book-load').textContent()).toMatch(/Loading the book from (HubSpot|the CRM)/);
      await loaded(page);
      hs.faults.splice(hs.faults.indexOf(slow), 1);
      const hubspotPaths = hs.requests.log.slice(before.hubspot).map((r) => `${r.method} ${r.path}`);
      const sfPaths = apis.salesforce.state.requests.log.slice(before.salesforce).map((r) => r.path);
      // 233 companies, 100 a page: three pages of the list, the owners for the CSMs' names, nothing per account.
      expect(hubspotPaths.filter((p) => p === 'GET /crm/objects/2026-09/companies')).toHaveLength(3);
      expect([...hubspotPaths, ...sfPaths].filter(perAccount)).toEqual([]);
      expect(await page.getByTestId('book-shown').textContent()).toBe('233 of 233 shown');
      expect(await page.getByTestId('book-load').textContent()).toContain('HubSpot 233 accounts');

      // A chosen CSM: 佐藤 花子's slice (サンプル商事 and four more).
      await page.getByRole('combobox', { name: 'Whose' }).selectOption({ label: '佐藤 花子' });
      expect(await page.getByTestId('book-shown').textContent()).toBe('5 of 233 shown');
      await page.screenshot({ path: join(SHOTS, 'portfolio-book-en.png') });

      // The handover sheet, from the CRM alone.
      await page.getByRole('button', { name: 'Handover sheet for 株式会社サンプル商事' }).click();
      const sheet = page.getByTestId('handover-sheet');
      await sheet.waitFor({ timeout: 20_000 });
      const text = (await sheet.textContent())!;
      expect(text).toContain('72');
      expect(text).toMatch(/Score fell from 72 to 48 in 90 days/);
      expect(text).toMatch(/Notice deadline .* is in 15 days/);
      expect(text).toContain('Lv.2');
      // The change-of-CSM e-mail, filled with the new CSM as typed.
      await sheet.getByLabel('New CSM’s name').fill('Alex Morgan');
      await sheet.getByLabel('New CSM’s e-mail').fill('alex.morgan@cs-demo.example');
      const mail = (await page.getByTestId('handover-mail').textContent())!;
      expect(mail).toContain('Alex Morgan will be your customer success manager');
      expect(mail).toContain('alex.morgan@cs-demo.example');
      expect(mail).not.toContain('[new CSM');
      await page.screenshot({ path: join(SHOTS, 'handover-en.png'), fullPage: true });

      // axe, on the page with the sheet open, light and dark.
      expect(await axe(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'portfolio-dark-en.png'), fullPage: true });
      await page.emulateMedia({ colorScheme: 'light' });

      // The slice's sheets as one CSV for Excel.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download handover sheets \(CSV, 5 accounts\)/ }).click()]);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { newline: '\r\n', delimiter: ',' }).data.filter((r) => r.length > 1);
      expect(rows[0]).toEqual(handoverColumns('en'));
      expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(['Book customer 000', 'Book customer 001', 'Book customer 002', 'Book customer 003', '株式会社サンプル商事']);

      // Salesforce, in the same fresh profile: CS Ops has published Acme's score (with field history
      // tracking on the score field); the book is read again and Acme's sheet and CSV come from the org alone.
      const sf = apis.salesforce.state;
      for (const f of Object.values(RESULT_FIELDS)) {
        if (!sf.accountFields.has(f.salesforce)) sf.accountFields.set(f.salesforce, { type: f.type === 'number' ? 'double' : f.type === 'datetime' ? 'datetime' : 'string', updateable: true, length: 255 });
      }
      const acme = [...sf.records.Account.values()].find((a) => a.Name === 'Acme Manufacturing 株式会社')!;
      Object.assign(acme, { Sidecar_Health_Score__c: 58, Sidecar_Health_Band__c: 'yellow', Sidecar_Maturity_Level__c: 3, Sidecar_Next_Action_Id__c: 'adoption-yellow-check', Sidecar_Scored_At__c: iso(now - 3_600_000).replace('Z', '+0000') });
      for (const [d, v] of [[80, '81'], [30, '70'], [0.1, '58']] as const) sf.insert('AccountHistory', { AccountId: String(acme.Id), Field: 'Sidecar_Health_Score__c', NewValue: v, CreatedDate: iso(now - d * DAY).replace('Z', '+0000') });
      // A session connection reads the org the CSM has had a page of open (no OAuth in this profile): one look at any account page.
      const visit = await openRecord(fresh.context, DEMO.salesforce.url, DEMO.salesforce.key);
      await visit.page.close();
      const sfFrom = sf.requests.log.length;
      await page.getByRole('button', { name: 'Reload from the CRM' }).click();
      await expect
        .poll(() => sf.requests.log.slice(sfFrom).some((r) => r.path.endsWith('/query') && /FROM Account\b/.test(new URLSearchParams(r.query).get('q') ?? '')), { timeout: 30_000 })
        .toBe(true)
        .catch(async (err: Error) => {
          throw new Error(`${err.message}; the org saw: ${sf.requests.log.slice(sfFrom).map((r) => r.path).join(', ')}; the bar: ${await page.getByTestId('book-load').textContent()}`);
        });
      await loaded(page);
      await page.getByRole('combobox', { name: 'Whose' }).selectOption({ label: 'Kenji Tanaka' });
      await expect.poll(() => shownKeys(page), { timeout: 10_000 }).toEqual([DEMO.salesforce.key]);
      expect(sf.requests.log.slice(sfFrom).map((r) => r.path).filter(perAccount)).toEqual([]);
      await page.getByRole('button', { name: 'Handover sheet for Acme Manufacturing 株式会社' }).click();
      const sfSheet = page.getByTestId('handover-sheet');
      await sfSheet.getByText('Acme Manufacturing 株式会社').first().waitFor({ timeout: 20_000 });
      await expect.poll(async () => (await sfSheet.textContent()) ?? '', { timeout: 20_000 }).toMatch(/Score fell from 81 to 58 in 90 days/);
      const sfText = (await sfSheet.textContent())!;
      expect(sfText).toContain('Lv.3');
      expect(sfText).toContain('Kenji Tanaka');
      expect(sfText).toContain('高橋');
      const [sfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download handover sheets \(CSV, 1 account/ }).click()]);
      const sfBytes = readFileSync((await sfDownload.path())!);
      expect([...sfBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const sfRows = Papa.parse<string[]>(sfBytes.toString('utf8').slice(1), { newline: '\r\n', delimiter: ',' }).data.filter((r) => r.length > 1);
      expect(sfRows[0]).toEqual(handoverColumns('en'));
      expect(sfRows.slice(1).map((r) => r[0])).toEqual(['Acme Manufacturing 株式会社']);
      console.log(`e2e portfolio (Salesforce, fresh profile): ${sf.requests.log.length - sfFrom} requests to the org, 0 per account in the book's read; Acme's sheet from AccountHistory (81 → 58) and a 1-row CSV with the BOM`);
      // Back to 佐藤 花子's slice, which the Japanese part below opens a sheet of.
      await page.getByRole('combobox', { name: 'Whose' }).selectOption({ label: '佐藤 花子' });

      // In Japanese, light and dark.
      await page.evaluate(() => chrome.runtime.sendMessage({ channel: 'sidecar', type: 'settings.set', data: { locale: 'ja' } }));
      await page.reload();
      await loaded(page);
      await page.getByRole('button', { name: '株式会社サンプル商事 の引き継ぎシート' }).click();
      await page.getByTestId('handover-sheet').getByText('更新拒絶期限').first().waitFor({ timeout: 20_000 });
      await page.getByLabel('後任者名').fill('高橋 一郎');
      expect(await page.getByTestId('handover-mail').textContent()).toContain('今後は高橋 一郎が貴社のご担当を務めさせていただく');
      await page.screenshot({ path: join(SHOTS, 'handover-ja.png'), fullPage: true });
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'portfolio-dark-ja.png'), fullPage: true });
      console.log(`e2e portfolio: fresh profile read 233 accounts in ${hubspotPaths.filter((p) => p.endsWith('/companies')).length} list pages, 0 per-account requests; handover sheet and a 5-row CSV from the CRM`);
      await page.close();
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
