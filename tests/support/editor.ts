// The map editor (issue 19) in real Chromium: open it on a section, switch the page's language, run
// axe on the editor. Shared by the editor's e2e suites (tests/e2e/editor.e2e.test.ts and the sections').
import type { Locator, Page } from 'playwright-core';
import type { Launched } from '../harness/browser.ts';
import { setPageLocale } from '../harness/messages.ts';

export { axe } from '../harness/axe.ts';

/** A new options page on the pack section, with the map editor's draft loaded. */
export async function openEditor(browser: Launched, width = 1280): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#pack`);
  await waitForEditor(page);
  return page;
}

export async function waitForEditor(page: Page): Promise<void> {
  await page.getByTestId('map-editor').waitFor();
  // The draft is loaded once a section (not the loading line) shows.
  await page.locator('[data-testid^="editor-panel-"] [data-testid^="section-"], #pack-json').first().waitFor({ timeout: 15_000 });
}

/** Open one of the editor's tabs (a section id, or 'json') and return its panel. */
export async function openTab(page: Page, id: string): Promise<Locator> {
  await page.locator(`#editor-tab-${id}`).click();
  const panel = page.getByTestId(`editor-panel-${id}`);
  await (id === 'json' ? panel.locator('#pack-json') : panel.getByTestId(`section-${id}`)).waitFor();
  return panel;
}

/** The page's language, as the Profile section sets it; the page reloads to pick it up. */
export async function setLanguage(page: Page, locale: 'ja' | 'en'): Promise<void> {
  await setPageLocale(page, locale);
  await waitForEditor(page);
}

