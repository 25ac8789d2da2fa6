// npx tsx tests/tools/options-screenshots.ts: pictures of the options page in real Chromium with the built
// extension, in English and Japanese, plus the CSV import's result, for a person to look at.
// Writes tests/.artifacts/screenshots/options-{en,ja}.png (connections), options-hubspot-{en,ja}.png (the HubSpot card before connecting), options-pack-{en,ja}.png (console and
// score tester), options-csv-mapping-{en,ja}.png, options-csv-result-{en,ja}.png, options-notes-import-{en,ja}.png (a crafted notes file refused) and options-dark-en.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT, launchWithExtension } from '../harness/browser.ts';
import { startCrmServer } from '../harness/crm-server.ts';
import { DEMO_HUBSPOT_TOKEN, startDemoApis } from '../harness/demo-apis.ts';

const OUT = join(PROJECT, 'tests', '.artifacts', 'screenshots');
mkdirSync(OUT, { recursive: true });

// A usage export as a BI tool writes it: one bad number, one bad domain, one empty key.
const CSV = [
  'domain,active_user_rate,help_page_views_30d,nps,departments_using,observed_at',
  'acme.co.jp,0.82,140,42,6,2026-11-01',
  'globex.com,0.35,12,-10,2,2026-11-01',
  'initech.jp,n/a,33,15,3,2026-11-01',
  'not a domain,0.5,20,10,1,2026-11-01',
  ',0.4,8,5,1,2026-11-01',
  'umbrella.co.jp,0.61,75,30,4,2026-11-01',
].join('\r\n');

async function openOptions(page: Page, extensionId: string, hash: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html#${hash}`);
  await page.waitForSelector('main h2');
  // Let the queries settle (status, settings, pack).
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(600);
}

// The demo HubSpot API behind the TLS stand-in, so the connection form gets real answers.
const apis = await startDemoApis();
const server = await startCrmServer(apis.urls);

for (const [lang, locale] of [
  ['en', 'en-US'],
  ['ja', 'ja-JP'],
] as const) {
  const browser = await launchWithExtension({ locale, viewport: { width: 1280, height: 900 }, extraArgs: server.chromiumArgs });
  try {
    const page = await browser.context.newPage();
    await openOptions(page, browser.extensionId, 'connections');
    // The HubSpot card before connecting: the Service Key steps and the scopes.
    await page.locator('[aria-labelledby="hubspot-title"]').screenshot({ path: join(OUT, `options-hubspot-${lang}.png`) });
    // English shows a connected HubSpot; Japanese shows what a rejected token looks like.
    await page.fill('#hubspot-token', lang === 'en' ? DEMO_HUBSPOT_TOKEN : 'pat-na1-00000000-revoked-token');
    await page.press('#hubspot-token', 'Enter');
    await page.waitForSelector(lang === 'en' ? '[data-testid="hubspot-status"]' : '[role="alert"]', { timeout: 15_000 });
    await page.screenshot({ path: join(OUT, `options-${lang}.png`), fullPage: true });

    await openOptions(page, browser.extensionId, 'pack');
    // A plausible customer: good adoption, a few tickets, a lukewarm NPS.
    for (const [id, value] of [
      ['active_user_rate', '72'],
      ['emails_sent_30d', '1200'],
      ['emails_received_30d', '640'],
      ['open_tickets', '3'],
      ['help_page_views_30d', '40'],
      ['nps', '12'],
      ['departments_using', '3'],
    ] as const) {
      await page.fill(`#sig-${id}`, value);
    }
    await page.fill('#sig-last_login_at', new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10));
    await page.selectOption('#sig-sentiment', '4');
    await page.getByRole('button', { name: lang === 'ja' ? '採点する' : 'Score', exact: true }).click();
    await page.waitForSelector('[data-testid="score-result"]', { timeout: 10_000 }).catch(() => {});
    await page.screenshot({ path: join(OUT, `options-pack-${lang}.png`), fullPage: true });

    await openOptions(page, browser.extensionId, 'import');
    await page.setInputFiles('#csv-file', { name: 'usage-2026-11.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await page.waitForSelector('[data-testid="csv-facts"]', { timeout: 15_000 });
    await page.screenshot({ path: join(OUT, `options-csv-mapping-${lang}.png`), fullPage: true });
    await page.getByRole('button', { name: lang === 'ja' ? /行を取り込む/ : /^Import \d+ rows/ }).click();
    await page.waitForSelector('[data-testid="csv-result"]', { timeout: 15_000 });
    await page.screenshot({ path: join(OUT, `options-csv-result-${lang}.png`), fullPage: true });
    // A crafted notes file: a rating outside the pack's scale is refused with its note and field.
    await openOptions(page, browser.extensionId, 'notes');
    const crafted = { exportedAt: new Date().toISOString(), notes: [{ id: 'c0c0c0c0-0000-4000-8000-00000000c0c0', accountKey: 'hubspot:24681357:9001', origin: { objectType: 'company', recordId: '9001' }, text: 'Forged', ratings: { relationship: 9 }, touchpoint: 'call', createdAt: '2026-11-18T08:00:00.000Z', updatedAt: '2026-11-18T08:00:00.000Z', status: 'synced', remoteId: '1' }] };
    await page.setInputFiles('input[type="file"][accept*="json"]', { name: 'notes-crafted.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(crafted), 'utf8') });
    await page.waitForSelector('[data-testid="notes-import-problems"]', { timeout: 15_000 });
    await page.locator('[aria-labelledby="notes-import-title"]').screenshot({ path: join(OUT, `options-notes-import-${lang}.png`) });
    if (lang === 'en') {
      await page.emulateMedia({ colorScheme: 'dark' });
      await openOptions(page, browser.extensionId, 'notes');
      await page.screenshot({ path: join(OUT, 'options-dark-en.png'), fullPage: true });
    }
    console.log(`[options] ${lang}: screenshots written`);
  } finally {
    await browser.close();
  }
}
await server.close();
await apis.close();
console.log(`[options] ${OUT}`);
