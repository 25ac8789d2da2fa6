import type { BrowserContext, Frame, Page } from 'playwright-core';

/** The sidebar's frame on a CRM page, once the content script has mounted it. */
export async function frameOf(page: Page, timeout = 20_000): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[data-sidecar-frame]', { state: 'attached', timeout });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('The sidebar iframe has no frame');
  return frame;
}

/**
 * Waits until the sidebar shows the account `key` (the mark it sets once the
 * record's data has painted) and returns when that paint happened (epoch ms).
 */
export async function waitForRecord(frame: Frame, key: string, timeout = 20_000): Promise<number> {
  await frame.waitForFunction((k) => document.documentElement.dataset.shownRecord === k, key, { timeout, polling: 'raf' });
  return Number(await frame.evaluate(() => document.documentElement.dataset.shownAt));
}

/** The sidebar's frame on `page`, showing the account `key`. */
export async function sidebarShowing(page: Page, key: string, timeout = 20_000): Promise<Frame> {
  const frame = await frameOf(page, timeout);
  await waitForRecord(frame, key, timeout);
  return frame;
}

/** A new tab on `url`, once its sidebar shows the account `key`. */
export async function openRecord(context: BrowserContext, url: string, key: string): Promise<{ page: Page; frame: Frame }> {
  const page = await context.newPage();
  await page.goto(url);
  return { page, frame: await sidebarShowing(page, key) };
}
