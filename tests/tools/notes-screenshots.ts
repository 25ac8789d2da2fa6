// npx tsx tests/tools/notes-screenshots.ts: the notes screens this release changed, in real Chromium,
// in Japanese and English: the delete dialog for a note still being sent (HubSpot answers 8 s late),
// and a colleague's Salesforce ContentNote cut at 255 characters. Writes
// tests/.artifacts/screenshots/notes-delete-sending-{ja,en}.png and notes-cut-{ja,en}.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { PROJECT, launchWithExtension } from '../harness/browser.ts';
import { startCrmServer } from '../harness/crm-server.ts';
import { startDemoApis } from '../harness/demo-apis.ts';
import { sidebarShowing } from '../harness/sidebar.ts';

const OUT = join(PROJECT, 'tests', '.artifacts', 'screenshots');
mkdirSync(OUT, { recursive: true });
const HUBSPOT = ['https://app.hubspot.com/contacts/24681357/record/0-2/9001', 'hubspot:24681357:9001'] as const;
const SALESFORCE = ['https://acme.lightning.force.com/lightning/r/Account/001D000000IRFma/view', 'salesforce:acme:001D000000IRFmaIAH'] as const;

const apis = await startDemoApis();
const server = await startCrmServer(apis.urls);
// A colleague's ContentNote, longer than Salesforce's 255-character preview.
const long = `QBR の振り返り：${'導入部門の拡大について先方の情報システム部と協議。'.repeat(12)}`;
const doc = apis.salesforce.state.insert('ContentNote', { Title: 'QBR 振り返り (by 佐藤)', TextPreview: long.slice(0, 255), FileType: 'SNOTE' });
apis.salesforce.state.insert('ContentDocumentLink', { ContentDocumentId: doc, LinkedEntityId: '001D000000IRFmaIAH', ShareType: 'V' });

async function open(page: Page, url: string, key: string, locale: 'ja' | 'en'): Promise<Frame> {
  await page.goto(url);
  let frame = await sidebarShowing(page, key);
  const select = frame.locator('.topbar__lang select');
  if ((await select.inputValue()) !== locale) {
    await select.selectOption(locale);
    await frame.waitForFunction((l) => document.documentElement.lang === l, locale);
    await page.reload();
    frame = await sidebarShowing(page, key);
  }
  return frame;
}

const browser = await launchWithExtension({ extraArgs: server.chromiumArgs, viewport: { width: 1280, height: 1400 } });
await apis.connect(browser);
try {
  for (const locale of ['ja', 'en'] as const) {
    const page = await browser.context.newPage();
    let frame = await open(page, HUBSPOT[0], HUBSPOT[1], locale);
    apis.hubspot.state.faults.push({ match: (r) => r.method === 'POST' && /\/notes$/.test(r.path), applyAfterWrite: true, delayMs: 8_000 });
    const text = locale === 'ja' ? '先方の担当者が 3 月に異動予定。後任の方と面談を設定する。' : 'The sponsor moves to another team in March; book a meeting with the successor.';
    const region = frame.locator('form.composer textarea');
    await region.fill(text);
    await frame.locator('form.composer button[type="submit"]').click();
    const item = frame.locator('li.note').filter({ hasText: text.slice(0, 10) });
    await item.waitFor();
    await item.locator('button.icon-btn').click();
    await frame.getByTestId('delete-while-sending').waitFor();
    await frame.getByRole('dialog').screenshot({ path: join(OUT, `notes-delete-sending-${locale}.png`) });
    await frame.getByRole('dialog').getByRole('button').first().click();
    frame = await open(page, SALESFORCE[0], SALESFORCE[1], locale);
    await frame.getByTestId('note-cut').first().waitFor({ timeout: 20_000 });
    await frame.locator('li.note').filter({ has: frame.getByTestId('note-cut') }).screenshot({ path: join(OUT, `notes-cut-${locale}.png`) });
    await page.close();
    console.log(`[notes] ${locale}: screenshots written`);
  }
} finally {
  await browser.close();
  await server.close();
  await apis.close();
}
console.log(`[notes] ${OUT}`);
