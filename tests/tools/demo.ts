// npm run demo: build Sidecar, serve the local demo CRM, and open it in Chromium with the extension.
// With a display the browser stays open; without one it writes demo-*.png and says where.
import { join } from 'node:path';
import { PROJECT, launchWithExtension } from '../harness/browser.ts';
import { startCrmServer } from '../harness/crm-server.ts';
import { startDemoApis } from '../harness/demo-apis.ts';

const PAGES = [
  ['hubspot', 'https://app.hubspot.com/contacts/24681357/record/0-2/9001'],
  ['salesforce', 'https://acme.lightning.force.com/lightning/r/Account/001D000000IRFma/view'],
] as const;

const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux';
const locale = process.env.SIDECAR_LOCALE ?? 'ja-JP';

console.log('[sidecar] building the extension and starting the demo CRM…');
const apis = await startDemoApis();
const server = await startCrmServer(apis.urls);
const browser = await launchWithExtension({ extraArgs: server.chromiumArgs, headless, locale, viewport: { width: 1440, height: 900 } });
await apis.connect(browser);
await apis.seedUsageAndNotes(browser);

const shots: string[] = [];
for (const [name, url] of PAGES) {
  const page = await browser.context.newPage();
  await page.goto(url);
  const handle = await page.waitForSelector('iframe[data-sidecar-frame]', { state: 'attached', timeout: 20_000 });
  const frame = await handle.contentFrame();
  await frame?.waitForFunction(() => !!document.documentElement.dataset.shownRecord, undefined, { timeout: 20_000 });
  // Let the background revalidation land before the picture.
  await page.waitForTimeout(1500);
  if (headless) {
    const file = join(PROJECT, `demo-${name}.png`);
    await page.screenshot({ path: file });
    shots.push(file);
  }
}

if (headless) {
  console.log('[sidecar] no display found, so the demo ran headless and took screenshots:');
  for (const s of shots) console.log(`  ${s}`);
  await browser.close();
  await server.close();
  await apis.close();
} else {
  console.log('[sidecar] Chromium is showing the demo CRM with Sidecar. Press Ctrl+C to stop.');
  const stop = async () => {
    await browser.close();
    await server.close();
    await apis.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  browser.context.on('close', stop);
}
