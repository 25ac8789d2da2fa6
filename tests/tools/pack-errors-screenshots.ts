// npx tsx tests/tools/pack-errors-screenshots.ts (under `flock /tmp/sidecar-chromium.lock`): the options
// page's pack check refusing a pack with several mistakes, in real Chromium with the built extension,
// in Japanese and in English: each error names its path and says, in the user's language, what is
// wrong and what to do. Writes tests/screenshots/options-pack-errors-{ja,en}.png (the editor card, its error
// list unscrolled).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfigPack } from '../../lib/engine/index.ts';
import { PROJECT, launchWithExtension } from '../harness/browser.ts';

const OUT = process.env.SIDECAR_SCREENSHOTS_OUT ? join(PROJECT, process.env.SIDECAR_SCREENSHOTS_OUT) : join(PROJECT, 'tests', 'screenshots');
mkdirSync(OUT, { recursive: true });

/** A pack CS Ops might bring back from an edit: a misspelt signal, a copied level, a lost subject… */
function badPack(): string {
  const p = defaultConfigPack('ja');
  p.scorecards[0]!.measures[2]!.signal = 'emails_sent_30days';
  p.maturity.levels[2]!.id = 'departments';
  delete p.templates.find((t) => t.kind === 'email')!.subject;
  p.templates[0]!.body.ja += '\n{{company.ceo}}';
  p.scorecards[0]!.measures.find((m) => m.signal === 'open_tickets')!.scoring = { kind: 'ranges', points: [{ value: 0, score: 0 }, { value: 10, score: 100 }] };
  p.playbook[0]!.when.maturity = { min: 3, max: 1 };
  return JSON.stringify(p, null, 2);
}

for (const [lang, locale] of [
  ['ja', 'ja-JP'],
  ['en', 'en-US'],
] as const) {
  const browser = await launchWithExtension({ locale, viewport: { width: 1100, height: 1500 } });
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#pack`);
    // The JSON editor is the map editor's "JSON (advanced)" tab (issue 19).
    await page.locator('#editor-tab-json').click();
    await page.waitForSelector('#pack-json');
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.setInputFiles('#pack-file', { name: 'acme-pack.json', mimeType: 'application/json', buffer: Buffer.from(badPack(), 'utf8') });
    await page.waitForSelector('.check-errors', { timeout: 15_000 });
    // The list scrolls past 320 px on the page; the picture shows every error at once.
    await page.locator('.check-errors').evaluate((el) => ((el as HTMLElement).style.maxHeight = 'none'));
    const card = page.locator('[aria-labelledby="pack-editor-title"]');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(OUT, `options-pack-errors-${lang}.png`) });
    console.log(`[pack errors] ${lang}: ${await page.locator('.check-errors li').count()} errors`);
  } finally {
    await browser.close();
  }
}
console.log(`[pack errors] ${OUT}`);
