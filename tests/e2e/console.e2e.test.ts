import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_ACCOUNTS } from '../fixtures/demo-pages.ts';
import { PROJECT, type Launched } from '../harness/browser.ts';
import { startDemo, type Demo } from '../harness/demo-apis.ts';
import { openRecord } from '../harness/sidebar.ts';
import { axe } from '../harness/axe.ts';
import { setPageLocale } from '../harness/messages.ts';

// The CS Ops console (issue 18) in real Chromium, through the options page: the operations map of
// the default pack in ja and en; install a changed pack and see the impact on the cached book
// first; diff two versions; roll back; export for the pack URL and for IT's policy.

const SHOTS = join(PROJECT, 'tests', 'screenshots');
let browser: Launched;
let demo: Demo | undefined;

const ACCOUNTS = DEMO_ACCOUNTS;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo();
  ({ browser } = demo);
  // The CSM has opened these accounts: they are the cached book the impact is computed on.
  for (const a of ACCOUNTS) {
    const { page, frame } = await openRecord(browser.context, a.url, a.key);
    await frame.waitForFunction(() => /^\d+$/.test(document.querySelector('.score__value')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.close();
  }
}, 180_000);
afterAll(async () => {
  await demo?.close();
});

async function openOptions(hash: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#${hash}`);
  await page.waitForSelector('main h2');
  return page;
}

/** The page's language, as the Profile section sets it; the page is reloaded to pick it up. */
async function setLanguage(page: Page, locale: 'ja' | 'en'): Promise<void> {
  await setPageLocale(page, locale);
  await page.waitForSelector('main h2');
}

async function downloaded(download: Download): Promise<{ name: string; bytes: Buffer }> {
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

type Pack = { version: string; bands: Array<{ id: string; min: number }>; scorecards: Array<{ measures: Array<{ signal: string; weight: number }> }>; maturity: { levels: Array<{ level: number; criteria: unknown[] }> } };

/** Load a pack as a file (typing 60 KB through Chromium's editing path is slow) and click Install: the impact comes first. */
async function loadAndInstall(page: Page, pack: Pack, name: string): Promise<void> {
  await page.setInputFiles('#pack-file', { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack, null, 2)) });
  const install = page.getByRole('button', { name: /^(Install|インストール)$/ });
  // The file is checked at once; Install opens once the check passes.
  await expect.poll(() => install.isEnabled(), { timeout: 15_000 }).toBe(true);
  await install.click();
  await page.getByTestId('impact-based').waitFor({ timeout: 30_000 });
}

describe('the CS Ops console', () => {
  test('the operations map of the default pack, in English and in Japanese', async () => {
    const page = await openOptions('map');
    const map = page.getByTestId('map');
    await map.waitFor();
    expect(await page.getByTestId('map-levels').locator(':scope > li').count()).toBe(4);
    expect(await page.getByTestId('map-levels').textContent()).toContain('Lv.3 Company-wide');
    expect(await page.getByTestId('map-weights').locator('tbody[data-kind]').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-kind')))).toEqual(['usage', 'support', 'touch']);
    expect(await page.getByTestId('map-stages').textContent()).toMatch(/Onboarding.*Owner: Sales/);
    expect(await page.getByTestId('map-playbook').locator('[data-action="onboarding-kickoff"]').count()).toBeGreaterThan(0);
    expect(await axe(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axe(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(SHOTS, 'console-map-en.png'), fullPage: true });
    // Printing hides the page's chrome: the map alone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.nav').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    await setLanguage(page, 'ja');
    await page.evaluate(() => (location.hash = 'map'));
    await page.getByTestId('map').waitFor();
    expect(await page.getByTestId('map-levels').textContent()).toContain('Lv.3 全社定着');
    expect(await page.getByTestId('map-stages').textContent()).toMatch(/オンボーディング.*担当：営業/);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'console-map-ja.png'), fullPage: true });
    await setLanguage(page, 'en');
    await page.close();
  });

  test('install shows the impact on the cached book first; versions diff; rollback; export for the URL and for policy', async () => {
    const page = await openOptions('pack');
    // The JSON editor is the map editor's "JSON (advanced)" tab (issue 19).
    await page.locator('#editor-tab-json').click();
    const textarea = page.getByLabel('Pack JSON');
    await expect.poll(() => textarea.inputValue()).toContain('"schemaVersion"');
    const base = JSON.parse(await textarea.inputValue()) as Pack;
    const statusBefore = await page.getByTestId('pack-status').textContent();

    // v1.1.0: NPS weighs 40 and green starts at 92 (the demo book scores 37, 87, 95 and 96; Contoso's 87 becomes 90).
    const a = structuredClone(base);
    a.version = '1.1.0';
    for (const c of a.scorecards) for (const m of c.measures) if (m.signal === 'nps') m.weight = 40;
    a.bands.find((b) => b.id === 'green')!.min = 92;
    await loadAndInstall(page, a, 'acme-1.1.0.json');
    const impact = page.getByTestId('impact');
    // Shown first: nothing is installed until CS Ops confirms.
    expect(await page.getByTestId('pack-status').textContent()).toBe(statusBefore);
    expect(await page.getByTestId('impact-based').textContent()).toMatch(/^Based on [1-4] of 4 accounts in this browser/);
    expect(Number(await page.getByTestId('impact-band').locator('strong').textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('impact-moves').textContent()).toMatch(/move from Green \(healthy\) to Yellow \(watch\)/);
    const rows = page.getByTestId('impact-list').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    // Contoso falls below the new green.
    expect(await rows.filter({ hasText: 'Contoso Paper Works' }).textContent()).toMatch(/Green \(healthy\) → Yellow \(watch\)/);
    // Each row names its driver (a measure's points, a criterion, or the bounds).
    expect(await rows.first().locator('td').last().textContent()).toMatch(/pts|Lv\.\d|band bounds/);
    expect(await axe(page)).toEqual([]);
    await impact.screenshot({ path: join(SHOTS, 'console-impact-en.png') });
    await page.getByLabel('Note for this version (optional)').fill('NPS weighs more after the Q3 review');
    await impact.getByRole('button', { name: 'Install this version' }).click();
    await page.getByText(/^Installed\./).waitFor();
    await expect.poll(() => page.getByTestId('pack-status').textContent()).toContain('v1.1.0');

    // v1.2.0: a Lv.3 criterion added.
    const b = structuredClone(a);
    b.version = '1.2.0';
    b.maturity.levels.find((l) => l.level === 3)!.criteria.push({ id: 'promoting-3', label: { ja: '社内推進度が3以上', en: 'Internal promotion rated 3 or more' }, condition: { signal: 'promotion', op: '>=', value: 3 } });
    await loadAndInstall(page, b, 'acme-1.2.0.json');
    await page.getByTestId('impact').getByRole('button', { name: 'Install this version' }).click();
    await expect.poll(() => page.getByTestId('pack-status').textContent()).toContain('v1.2.0');

    // The versions: newest first, with the note; the diff of the two defaults to the last change.
    const versions = page.getByTestId('versions');
    await expect.poll(() => versions.locator('tbody tr').count()).toBe(2);
    expect(await versions.locator('tr[data-version="1"]').textContent()).toContain('NPS weighs more after the Q3 review');
    const diff = page.getByTestId('diff-changes');
    await expect.poll(() => diff.textContent()).toContain('Lv.3 criterion added: Internal promotion rated 3 or more (Internal promotion ≥ 3)');
    // Any two: from the built-in pack to #1.
    await page.getByTestId('versions-diff').getByLabel('From').selectOption({ label: 'Built-in default' });
    await page.getByTestId('versions-diff').getByLabel('To').selectOption({ index: 1 });
    await expect.poll(() => diff.textContent()).toContain('Weight of NPS (Enterprise): 15 → 40');
    expect(await diff.textContent()).toContain('Lower bound of Green (healthy): 70 → 92');
    expect(await axe(page)).toEqual([]);
    await versions.screenshot({ path: join(SHOTS, 'console-diff-en.png') });

    // Roll back to #1 in one click: a new version, #3, pointing back.
    await versions.getByRole('button', { name: 'Roll back to #1' }).click();
    await expect.poll(() => page.getByTestId('pack-status').textContent()).toContain('v1.1.0');
    await expect.poll(() => versions.locator('tbody tr').count()).toBe(3);
    expect(await versions.locator('tr[data-version="3"]').textContent()).toMatch(/rollback to #1.*In force|In force.*rollback to #1/);

    // Export for the pack URL: the file is the pack, hashed as the page says.
    const exportCard = page.getByTestId('export');
    const [urlFile] = await Promise.all([page.waitForEvent('download'), exportCard.getByRole('button', { name: 'Export for the pack URL (.json)' }).click()]);
    const u = await downloaded(urlFile);
    expect(u.name).toBe(`${(base as unknown as { id: string }).id}-1.1.0.json`);
    expect((JSON.parse(u.bytes.toString('utf8')) as Pack).version).toBe('1.1.0');
    await expect.poll(() => page.getByTestId('export-sha').textContent()).toBe(createHash('sha256').update(u.bytes).digest('hex'));
    // The diff from the version before (#2, 1.2.0).
    expect(await page.getByTestId('export-changes').textContent()).toContain('Version: 1.2.0 → 1.1.0');

    // Export for IT's policy: 3rdparty → extensions → this extension's id → pack.
    const [policyFile] = await Promise.all([page.waitForEvent('download'), exportCard.getByRole('button', { name: 'Export policy JSON for IT' }).click()]);
    const p = await downloaded(policyFile);
    expect(p.name).toMatch(/-1\.1\.0-policy\.json$/);
    const policy = JSON.parse(p.bytes.toString('utf8')) as { '3rdparty': { extensions: Record<string, { pack: string }> } };
    expect(Object.keys(policy['3rdparty'].extensions)).toEqual([browser.extensionId]);
    const inline = policy['3rdparty'].extensions[browser.extensionId]!.pack;
    expect((JSON.parse(inline) as Pack).version).toBe('1.1.0');
    await expect.poll(() => page.getByTestId('export-sha').textContent()).toBe(createHash('sha256').update(inline, 'utf8').digest('hex'));
    // For the Google Admin console: the same pack text, as { "pack": { "Value": … } }.
    const [adminFile] = await Promise.all([page.waitForEvent('download'), exportCard.getByRole('button', { name: 'Export for the Google Admin console' }).click()]);
    const admin = await downloaded(adminFile);
    expect(admin.name).toMatch(/-1\.1\.0-admin-console\.json$/);
    expect((JSON.parse(admin.bytes.toString('utf8')) as { pack: { Value: string } }).pack.Value).toBe(inline);
    const [note] = await Promise.all([page.waitForEvent('download'), exportCard.getByRole('button', { name: 'Download the release note (.txt)' }).click()]);
    expect((await downloaded(note)).bytes.toString('utf8')).toMatch(/SHA-256: [0-9a-f]{64}[\s\S]*Changes since v1\.2\.0:\n- Version: 1\.2\.0 → 1\.1\.0/);
    expect(await axe(page)).toEqual([]);
    await exportCard.screenshot({ path: join(SHOTS, 'console-export-en.png') });

    // In Japanese: the impact of a change and the diff.
    await setLanguage(page, 'ja');
    await page.evaluate(() => (location.hash = 'pack'));
    await page.locator('#editor-tab-json').click();
    await expect.poll(() => page.getByLabel('パックの JSON').inputValue()).toContain('"schemaVersion"');
    // Green from 97: the two healthiest accounts fall to yellow.
    const c = structuredClone(a);
    c.version = '1.3.0';
    c.bands.find((x) => x.id === 'green')!.min = 97;
    await loadAndInstall(page, c, 'acme-1.3.0.json');
    expect(await page.getByTestId('impact-based').textContent()).toMatch(/^このブラウザの 4 件のうち/);
    expect(await page.getByTestId('impact-moves').textContent()).toMatch(/件が 緑（良好） から 黄（注意） へ/);
    await page.getByTestId('impact').screenshot({ path: join(SHOTS, 'console-impact-ja.png') });
    await page.getByTestId('impact').getByRole('button', { name: 'キャンセル' }).click();
    await expect.poll(() => page.getByTestId('diff-changes').textContent()).toContain('バージョン：1.2.0 → 1.1.0');
    await page.getByTestId('versions').screenshot({ path: join(SHOTS, 'console-diff-ja.png') });
    await setLanguage(page, 'en');
    await page.close();
  });
});
