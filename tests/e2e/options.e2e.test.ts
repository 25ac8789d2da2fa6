import { HUBSPOT_SCOPES } from '../../lib/crm/hubspot/scopes.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Encoding from 'encoding-japanese';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchWithExtension, type Launched } from '../harness/browser.ts';
import { startCrmServer, type CrmServer } from '../harness/crm-server.ts';
import { DEMO_HUBSPOT_TOKEN, startDemoApis } from '../harness/demo-apis.ts';

// The options page in real Chromium with the built extension: its own page
// talking to the real background service worker and IndexedDB.

let browser: Launched;
let apis: Awaited<ReturnType<typeof startDemoApis>>;
let server: CrmServer;

beforeAll(async () => {
  // The mock HubSpot API behind the TLS stand-in: the connection form talks to "api.hubapi.com" for real.
  apis = await startDemoApis();
  server = await startCrmServer(apis.urls);
  browser = await launchWithExtension({ locale: 'en-US', extraArgs: server.chromiumArgs });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await apis?.close();
});

async function openOptions(hash: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#${hash}`);
  await page.waitForSelector('main h2');
  return page;
}

async function downloadText(download: Download): Promise<{ name: string; bytes: Buffer }> {
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

const USAGE_UTF8 = [
  'domain,active_user_rate,help_page_views_30d,nps,observed_at',
  'acme.co.jp,0.82,140,42,2026-11-01',
  'globex.com,0.35,12,-10,2026-11-01',
  'initech.jp,n/a,33,15,2026-11-01',
  'not a domain,0.5,20,10,2026-11-01',
].join('\r\n');

async function importCsv(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.setInputFiles('#csv-file', { name, mimeType: 'text/csv', buffer });
  await page.waitForSelector('[data-testid="csv-facts"]', { timeout: 15_000 });
}

describe('connections', () => {
  test('HubSpot: the card guides to a Service Key; a wrong key is refused with the reason, a Service Key with only the listed scopes connects and is never shown again', async () => {
    const page = await openOptions('connections');
    const card = page.getByRole('group', { name: 'HubSpot' });
    await card.getByText(/Development → Keys → Service keys/).waitFor();
    // One row per scope the README lists (lib/crm/hubspot/scopes.ts).
    expect(await card.locator('[data-testid="hubspot-guide"] tbody tr').count()).toBe(HUBSPOT_SCOPES.length);
    const field = card.getByLabel('Service Key or private-app token');
    await field.fill('pat-na1-not-the-right-token');
    await card.getByRole('button', { name: 'Save and test' }).click();
    const alert = card.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/HubSpot did not accept the key/);
    expect(await alert.textContent()).toMatch(/Request ID for support: [0-9a-f-]{36}/);
    expect(await alert.textContent()).not.toMatch(/\bat \w+ \(|\.ts:\d+/);

    await field.fill(DEMO_HUBSPOT_TOKEN);
    await card.getByRole('button', { name: 'Save and test' }).click();
    await card.getByText(/Connected to portal 24681357/).waitFor({ timeout: 15_000 });
    expect(await field.inputValue()).toBe('');
    await page.reload();
    await page.getByRole('group', { name: 'HubSpot' }).getByText(/Connected to portal 24681357/).waitFor();
    expect(await page.content()).not.toContain(DEMO_HUBSPOT_TOKEN);
    // The demo key is a Service Key (no oauth scope): the portal came from a company's record URL, and nothing
    // went to a v1–v4 path or to account-info, which it may not call.
    expect(apis.hubspot.state.scopes.has('oauth')).toBe(false);
    const paths = apis.hubspot.state.requests.log.map((l) => l.path);
    expect(paths.filter((p) => /\/v[1-4]\//.test(p))).toEqual([]);
    expect(paths).not.toContain('/account-info/2026-09/details');
    await page.close();
  });
});

describe('CSV import', () => {
  test('UTF-8: counts, the rejected rows, and the report download', async () => {
    const page = await openOptions('import');
    await importCsv(page, 'usage-utf8.csv', Buffer.from(USAGE_UTF8, 'utf8'));
    expect(await page.getByTestId('csv-encoding').textContent()).toBe('UTF-8');
    expect(await page.getByTestId('csv-rows').textContent()).toBe('4');
    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    await page.waitForSelector('[data-testid="csv-result"]', { timeout: 15_000 });
    // 3 keyed rows × 3 signals, less the bad number; the bad domain costs its row.
    expect(await page.getByTestId('csv-accepted').textContent()).toBe('8');
    expect(await page.getByTestId('csv-rejected').textContent()).toBe('2');
    expect(await page.locator('[data-testid="csv-result"] tbody tr').count()).toBe(2);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-result').getByRole('button', { name: 'Download report' }).click()]);
    const report = await downloadText(download);
    expect(report.name).toBe('usage-utf8-rejected.csv');
    expect([...report.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = report.bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('row,column,value,reason');
    expect(lines[1]).toMatch(/^4,active_user_rate,n\/a,/);
    expect(lines[2]).toMatch(/^5,domain,not a domain,/);

    // Listed under recent imports, and recognised when the same file comes again.
    await expect.poll(() => page.getByTestId('csv-recent').textContent()).toContain('usage-utf8.csv');
    await page.getByTestId('csv-result').getByRole('button', { name: 'Import another file' }).click();
    await importCsv(page, 'usage-utf8-copy.csv', Buffer.from(USAGE_UTF8, 'utf8'));
    expect(await page.getByTestId('csv-same-file').textContent()).toMatch(/same file you imported/);
    await page.close();
  });

  test('Shift_JIS from Excel in Japan', async () => {
    const text = ['会社名,NPS,集計日', '株式会社サンプル,40,2026/11/01', 'テスト商事,x,2026/11/01', '見本工業,25,2026/11/01'].join('\r\n');
    const bytes = Buffer.from(Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' })));
    expect(bytes.includes(Buffer.from('会社名', 'utf8'))).toBe(false);
    const page = await openOptions('import');
    await importCsv(page, '利用状況.csv', bytes);
    expect(await page.getByTestId('csv-encoding').textContent()).toBe('Shift_JIS');
    expect(await page.locator('table[aria-label="Column mapping"]').textContent()).toContain('会社名');
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.waitForSelector('[data-testid="csv-result"]', { timeout: 15_000 });
    expect(await page.getByTestId('csv-accepted').textContent()).toBe('2');
    expect(await page.getByTestId('csv-rejected').textContent()).toBe('1');
    expect(await page.locator('[data-testid="csv-result"] tbody').textContent()).toContain('NPS');
    await page.close();
  });

  test('an empty file gets a clear error', async () => {
    const page = await openOptions('import');
    await page.setInputFiles('#csv-file', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    const error = page.getByTestId('csv-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^empty\.csv: The file is empty/);
    await page.close();
  });
});

describe('config pack', () => {
  test('an invalid pack shows path-naming errors and installs nothing', async () => {
    const page = await openOptions('pack');
    // The JSON editor is the map editor's "JSON (advanced)" tab (issue 19).
    await page.locator('#editor-tab-json').click();
    const textarea = page.getByLabel('Pack JSON');
    await expect.poll(() => textarea.inputValue(), { timeout: 10_000 }).toContain('"schemaVersion"');
    const before = await page.getByTestId('pack-status').textContent();
    const pack = JSON.parse(await textarea.inputValue()) as { scorecards: Array<{ measures: Array<{ signal: string }> }> };
    pack.scorecards[0]!.measures[2]!.signal = 'npss';
    // Loaded as a file, the way an admin brings a pack from elsewhere: it is checked at once.
    // (Typing 60 KB into the textarea through Chromium's editing path takes ~20 s headless.)
    await page.setInputFiles('#pack-file', { name: 'acme-pack.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack, null, 2)) });
    const alert = page.locator('.check-errors');
    await alert.waitFor();
    const paths = await alert.locator('code').allTextContents();
    expect(paths).toContain('scorecards[0].measures[2].signal');
    expect(await alert.textContent()).toContain('npss');
    expect(await page.getByRole('button', { name: 'Install', exact: true }).isDisabled()).toBe(true);
    // A small edit is typed and checked again: still invalid, still nothing to install.
    await textarea.focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type(' ');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => alert.locator('code').allTextContents()).toContain('scorecards[0].measures[2].signal');
    expect(await page.getByRole('button', { name: 'Install', exact: true }).isDisabled()).toBe(true);

    // Nothing changed: a fresh page shows the same installed pack, and the background holds no edited pack.
    await page.reload();
    await page.waitForSelector('[data-testid="pack-status"]');
    await expect.poll(() => page.getByTestId('pack-status').textContent()).toBe(before);
    await page.locator('#editor-tab-json').click();
    expect(await page.getByLabel('Pack JSON').inputValue()).not.toContain('npss');
    await page.close();
  });

  test('the score tester scores typed inputs with the installed pack', async () => {
    const page = await openOptions('pack');
    await page.getByLabel(/Active user rate/).fill('85');
    await page.getByLabel(/^NPS/).fill('45');
    await page.getByLabel(/Documents sent \(30d\)/).fill('1200');
    await page.getByRole('button', { name: 'Score', exact: true }).click();
    const result = page.getByTestId('score-result');
    await result.waitFor({ timeout: 10_000 });
    expect(await result.locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('next-action').textContent()).toMatch(/Next action/);
    await page.close();
  });
});

describe('notes', () => {
  test('a JSON export imports, then exports as JSON and as CSV for Excel', async () => {
    const page = await openOptions('notes');
    const exported = {
      exportedAt: '2026-11-20T00:00:00.000Z',
      notes: [
        {
          id: '7f1d3a52-0000-4000-8000-000000000001',
          accountKey: 'hubspot:24681357:9001',
          origin: { objectType: 'company', recordId: '9001' },
          text: '定例会議: 経理部へ展開予定',
          ratings: { promotion: 4 },
          touchpoint: 'meeting',
          createdAt: '2026-11-19T01:00:00.000Z',
          updatedAt: '2026-11-19T01:00:00.000Z',
          status: 'synced',
          remoteId: '551',
        },
      ],
    };
    await page.setInputFiles('input[type="file"]', { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    expect(await page.getByTestId('notes-import-result').textContent()).toBe('Added 1 notes, skipped 0 already here.');

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    const j = await downloadText(json);
    expect(j.name).toMatch(/^sidecar-notes-\d{4}-\d{2}-\d{2}\.json$/);
    expect((JSON.parse(j.bytes.toString('utf8')) as typeof exported).notes.map((n) => n.id)).toContain(exported.notes[0]!.id);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const c = await downloadText(csv);
    expect([...c.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = c.bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('id,account,created,updated,touchpoint,ratings,status,text');
    expect(text).toContain('定例会議: 経理部へ展開予定');
    await page.close();
  });
});

describe('accessibility', () => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

  test.each(['light', 'dark'] as const)('axe finds no violations in any section (%s scheme)', async (scheme) => {
    const page = await openOptions('connections');
    await page.emulateMedia({ colorScheme: scheme });
    const found: Record<string, string[]> = {};
    for (const hash of ['connections', 'profile', 'pack', 'import', 'notes']) {
      await page.goto(`chrome-extension://${browser.extensionId}/options.html#${hash}`);
      await page.waitForSelector('main h2');
      if (hash === 'pack') {
        await page.getByRole('button', { name: 'Score', exact: true }).click();
        await page.getByTestId('score-result').waitFor();
      }
      if (hash === 'import') await importCsv(page, 'a11y.csv', Buffer.from('domain,nps\nacme.com,4\nbad,x\n'));
      // Evaluated over CDP: the page's CSP forbids inline scripts, rightly.
      await page.evaluate(axeSource);
      found[hash] = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
        return (await axe.run(document)).violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
    }
    expect(found).toEqual({ connections: [], profile: [], pack: [], import: [], notes: [] });
    await page.close();
  });
});
