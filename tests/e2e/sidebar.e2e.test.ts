import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEMO } from '../fixtures/demo-pages.ts';
import { EXTENSION_DIR, PROJECT } from '../harness/browser.ts';
import { gzipKb, sidebarLoadedJs } from '../harness/bundle.ts';
import { useCrmBrowser } from '../harness/suite.ts';
import { openRecord, sidebarShowing } from '../harness/sidebar.ts';

// The sidebar a CSM uses every day, in real Chromium on the demo CRM pages:
// health, maturity and the next action; copying a template; a note that survives a reload;
// the language switch; and no serious accessibility problems.

const HUBSPOT = DEMO.hubspot.url;
const HUBSPOT_KEY = DEMO.hubspot.key;
const SALESFORCE = DEMO.salesforce.url;
const SALESFORCE_KEY = DEMO.salesforce.key;

const crm = useCrmBrowser();

const sidebar = sidebarShowing;

const open = (url: string, key: string) => openRecord(crm.browser.context, url, key);

describe('the record at a glance', () => {
  test.each([
    ['HubSpot', HUBSPOT, HUBSPOT_KEY],
    ['Salesforce', SALESFORCE, SALESFORCE_KEY],
  ])('%s: health, maturity and next action are shown', async (_crm, url, key) => {
    const { page, frame } = await open(url, key);
    const health = frame.getByRole('region', { name: 'Health' });
    await health.waitFor();
    // Either a score with its band in words, or a statement of what is missing.
    const score = await health.locator('.score__value').textContent({ timeout: 5_000 }).catch(() => null);
    if (score !== null) {
      expect(Number(score)).toBeGreaterThanOrEqual(0);
      expect(Number(score)).toBeLessThanOrEqual(100);
      expect((await health.locator('.score__band .band__label').first().textContent())?.trim().length).toBeGreaterThan(0);
    } else {
      await expect(health.getByText('Not enough data for a health score').count()).resolves.toBe(1);
    }
    const maturity = frame.getByRole('region', { name: 'Maturity' });
    expect(await maturity.getByRole('list', { name: 'Maturity' }).getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
    expect(await maturity.getByText(/^Current level/).count()).toBe(1);
    const action = frame.getByRole('region', { name: 'Next action' });
    await action.waitFor();
    // The sidebar page is opaque: the CRM never shows through.
    const bg = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toMatch(/^rgb\(/);
    await page.close();
  });

  test('SPA navigation shows the next company without reloading the frame', async () => {
    const { page } = await open(HUBSPOT, HUBSPOT_KEY);
    await page.click('#next-company');
    const frame = await sidebar(page, 'hubspot:24681357:9002');
    await frame.getByRole('region', { name: 'Health' }).waitFor();
    await page.close();
  });
});

describe('start-up', () => {
  test('what the sidebar page loads before it can show anything stays within 120 KB gzip, the boot script within 2 KB', () => {
    // The build every suite loads (global-setup.ts); the bench prints the same figure.
    const sidebar = sidebarLoadedJs(EXTENSION_DIR);
    expect(sidebar.files).toContain('sidebar-boot.js');
    expect(sidebar.gzipKb).toBeLessThanOrEqual(120);
    expect(gzipKb(EXTENSION_DIR, 'sidebar-boot.js')).toBeLessThanOrEqual(2);
    // The options page's modules are its own: none of its chunks is one the sidebar loads.
    const options = readFileSync(join(EXTENSION_DIR, 'options.html'), 'utf8');
    const optionsEntry = /src="\/(chunks\/options-[^"]+\.js)"/.exec(options)?.[1];
    expect(optionsEntry).toBeDefined();
    expect(sidebar.files).not.toContain(optionsEntry);
  });

  test('the strings the sidebar preloads at start are the built strings of the browser language', async () => {
    const { page, frame } = await open(HUBSPOT, HUBSPOT_KEY);
    const preloaded = await frame.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="modulepreload"][href*="strings-"]');
      return link ? { href: new URL(link.href).pathname, ok: (await fetch(link.href)).ok } : null;
    });
    // The demo browser runs in English; a wrong name here would only slow the start, so check it.
    expect(preloaded).toEqual({ href: '/chunks/strings-en.js', ok: true });
    await page.close();
  });
});

describe('templates', () => {
  test('one click copies the filled template to the clipboard', async () => {
    await crm.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://app.hubspot.com' });
    const { page, frame } = await open(HUBSPOT, HUBSPOT_KEY);
    const action = frame.getByRole('region', { name: 'Next action' });
    const first = action.locator('.tpl').first();
    if ((await first.count()) === 0) throw new Error('The next action offers no template to copy on the demo page');
    const expected = (await first.locator('.tpl__body').textContent()) ?? '';
    expect(expected.length).toBeGreaterThan(0);
    expect(expected).not.toContain('{{');
    await first.locator('.tpl__head').getByRole('button').click();
    await frame.getByRole('status').filter({ hasText: /Copied/ }).first().waitFor();
    await page.bringToFront();
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(clipboard).toBe(expected);
    await page.close();
  });
});

describe('notes', () => {
  test('a note written in the sidebar is in the list after a reload', async () => {
    const { page, frame } = await open(SALESFORCE, SALESFORCE_KEY);
    const text = `Renewal call booked ${Date.now()}`;
    const notes = frame.getByRole('region', { name: 'Notes' });
    await notes.getByLabel('Note', { exact: true }).fill(text);
    await notes.getByLabel('Touchpoint').selectOption('call');
    const firstRadio = notes.getByRole('radio').nth(3);
    if ((await firstRadio.count()) > 0) await firstRadio.check();
    await notes.getByRole('button', { name: 'Save note' }).click();
    await notes.getByRole('list', { name: 'Notes' }).getByText(text).waitFor();
    await expect(notes.getByLabel('Note', { exact: true }).inputValue()).resolves.toBe('');

    await page.reload();
    const again = await sidebar(page, SALESFORCE_KEY);
    const item = again.getByRole('region', { name: 'Notes' }).getByRole('listitem').filter({ hasText: text });
    await item.waitFor();
    expect(await item.locator('[data-status]').getAttribute('data-status')).toMatch(/pending|syncing|synced|failed|needs-auth|local-only/);
    await page.close();
  });

  test('a draft survives closing the page', async () => {
    const { page, frame } = await open(HUBSPOT, HUBSPOT_KEY);
    const draft = `Half-written ${Date.now()}`;
    await frame.getByLabel('Note', { exact: true }).fill(draft);
    // Past the ~400 ms debounce.
    await page.waitForTimeout(900);
    await page.close();
    const { page: page2, frame: frame2 } = await open(HUBSPOT, HUBSPOT_KEY);
    await frame2.waitForFunction((d) => (document.querySelector('.composer textarea') as HTMLTextAreaElement | null)?.value === d, draft, { timeout: 10_000 });
    await frame2.getByLabel('Note', { exact: true }).fill('');
    await page2.waitForTimeout(900);
    await page2.close();
  });
});

describe('language', () => {
  test('switching to Japanese changes the sidebar and is kept', async () => {
    const { page, frame } = await open(HUBSPOT, HUBSPOT_KEY);
    await frame.getByLabel('Language').selectOption('ja');
    await frame.getByRole('heading', { name: '次のアクション' }).waitFor();
    await frame.getByRole('heading', { name: '活用レベル' }).waitFor();
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('ja');
    await page.reload();
    const again = await sidebar(page, HUBSPOT_KEY);
    await again.getByRole('heading', { name: 'ヘルス' }).waitFor();
    await again.getByLabel('表示言語').selectOption('auto');
    await again.getByRole('heading', { name: 'Health' }).waitFor();
    await page.close();
  });
});

describe('accessibility', () => {
  const axeSource = readFileSync(join(PROJECT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

  test.each([
    ['HubSpot', HUBSPOT, HUBSPOT_KEY, 'light'],
    ['Salesforce', SALESFORCE, SALESFORCE_KEY, 'dark'],
  ] as const)('%s (%s): no serious or critical axe violations', async (_crm, url, key, scheme) => {
    const page = await crm.browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(url);
    const frame = await sidebar(page, key);
    await frame.getByRole('region', { name: 'Next action' }).waitFor();
    // Open every preview so hidden template text is checked too.
    await frame.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    // evaluate(), not a <script> tag: the extension page's CSP forbids inline scripts.
    await frame.evaluate(axeSource);
    const violations = await frame.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, summary: n.failureSummary })) }));
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});
