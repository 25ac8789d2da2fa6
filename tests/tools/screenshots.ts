// npx tsx tests/tools/screenshots.ts: the sidebar on both demo CRM pages, in Japanese and English
// (and one in dark mode), saved under tests/.artifacts/screenshots/ for a visual review.
// Connected to the demo CRM's mock APIs, as a CSM's everyday view; SIDECAR_SAMPLE=1 shows the first run instead.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT, launchWithExtension } from '../harness/browser.ts';
import { startCrmServer } from '../harness/crm-server.ts';
import { startDemoApis } from '../harness/demo-apis.ts';
import { sidebarShowing } from '../harness/sidebar.ts';

// SIDECAR_SCREENSHOTS_OUT=tests/screenshots refreshes the pictures the README shows.
const OUT = process.env.SIDECAR_SCREENSHOTS_OUT ? join(PROJECT, process.env.SIDECAR_SCREENSHOTS_OUT) : join(PROJECT, 'tests', '.artifacts', 'screenshots');
const PAGES = [
  ['hubspot', 'https://app.hubspot.com/contacts/24681357/record/0-2/9001', 'hubspot:24681357:9001'],
  ['salesforce', 'https://acme.lightning.force.com/lightning/r/Account/001D000000IRFma/view', 'salesforce:acme:001D000000IRFmaIAH'],
] as const;
const SHOTS: Array<{ crm: (typeof PAGES)[number][0]; locale: 'ja' | 'en'; dark?: boolean }> = [
  { crm: 'hubspot', locale: 'ja' },
  { crm: 'hubspot', locale: 'en' },
  { crm: 'salesforce', locale: 'ja' },
  { crm: 'salesforce', locale: 'en' },
  { crm: 'hubspot', locale: 'ja', dark: true },
];

const sidebarOf = sidebarShowing;

mkdirSync(OUT, { recursive: true });
const sample = process.env.SIDECAR_SAMPLE === '1';
const apis = sample ? null : await startDemoApis();
const server = await startCrmServer(apis?.urls ?? {});
// A tall window so the whole sidebar is in one picture.
const browser = await launchWithExtension({ extraArgs: server.chromiumArgs, viewport: { width: 1280, height: 3200 } });
await apis?.connect(browser);
await apis?.seedUsageAndNotes(browser);
const written: string[] = [];
try {
  for (const shot of SHOTS) {
    const [, url, key] = PAGES.find((p) => p[0] === shot.crm)!;
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: shot.dark ? 'dark' : 'light' });
    await page.goto(url);
    let frame = await sidebarOf(page, key);
    // The language is a setting: choose it in the sidebar itself, as a CSM would.
    const select = frame.locator('.topbar__lang select');
    if ((await select.inputValue()) !== shot.locale) {
      await select.selectOption(shot.locale);
      await frame.waitForFunction((l) => document.documentElement.lang === l, shot.locale);
    }
    await page.reload();
    frame = await sidebarOf(page, key);
    // Let the background revalidation land and the previews render.
    await page.waitForTimeout(1200);
    await frame.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const frameBox = (await page.locator('iframe[data-sidecar-frame]').boundingBox())!;
    // The sidebar scrolls inside the frame: picture its full content height, up to the window.
    const contentHeight = await frame.evaluate(() => {
      const last = document.querySelector('.sidebar__body')?.lastElementChild;
      return Math.ceil((last?.getBoundingClientRect().bottom ?? document.body.scrollHeight) + 16);
    });
    const file = join(OUT, `${shot.crm}-${shot.locale}${shot.dark ? '-dark' : ''}.png`);
    await page.screenshot({ path: file, clip: { x: frameBox.x - 40, y: 0, width: frameBox.width + 40, height: Math.min(3200, Math.max(600, contentHeight)) } });
    written.push(file);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await apis?.close();
}
for (const f of written) console.log(f);
