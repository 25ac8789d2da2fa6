// npx tsx tests/tools/options-screenshots.ts: pictures of the options page in real Chromium with the built
// extension, in English and Japanese, plus the CSV import's result, for a person to look at.
// Writes tests/.artifacts/screenshots/options-{en,ja}.png, options-pack-{en,ja}.png and options-csv-result-{en,ja}.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT, launchWithExtension } from '../harness/browser.ts';

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

for (const [lang, locale] of [
  ['en', 'en-US'],
  ['ja', 'ja-JP'],
] as const) {
  const browser = await launchWithExtension({ locale, viewport: { width: 1280, height: 900 } });
  try {
    const page = await browser.context.newPage();
    await openOptions(page, browser.extensionId, 'connections');
    await page.screenshot({ path: join(OUT, `options-${lang}.png`), fullPage: true });

    await openOptions(page, browser.extensionId, 'pack');
    await page.getByRole('button', { name: lang === 'ja' ? '採点する' : 'Score' }).click();
    await page.waitForSelector('[data-testid="score-result"]', { timeout: 10_000 }).catch(() => {});
    await page.screenshot({ path: join(OUT, `options-pack-${lang}.png`), fullPage: true });

    await openOptions(page, browser.extensionId, 'import');
    await page.setInputFiles('#csv-file', { name: 'usage-2026-11.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await page.waitForSelector('[data-testid="csv-facts"]', { timeout: 15_000 });
    await page.getByRole('button', { name: lang === 'ja' ? /行を取り込む/ : /^Import \d+ rows/ }).click();
    await page.waitForSelector('[data-testid="csv-result"]', { timeout: 15_000 });
    await page.screenshot({ path: join(OUT, `options-csv-result-${lang}.png`), fullPage: true });
    console.log(`[options] ${lang}: screenshots written`);
  } finally {
    await browser.close();
  }
}
console.log(`[options] ${OUT}`);
