import type { Page } from 'playwright-core';
import type { Launched } from './browser.ts';

/**
 * Ask the background as an extension page does (the options page's origin): what a test does
 * through the protocol when the step under test is elsewhere. A refusal throws with the answer.
 */
/**
 * The page's language, as the Profile section sets it (settings.locale), then a reload so the page
 * picks it up; resolves once the document says it is in that language.
 */
export async function setPageLocale(page: Page, locale: 'ja' | 'en'): Promise<void> {
  await page.evaluate(async (l) => {
    const got = (await chrome.runtime.sendMessage({ channel: 'sidecar', type: 'settings.get', data: {} })) as { data: Record<string, unknown> };
    await chrome.runtime.sendMessage({ channel: 'sidecar', type: 'settings.set', data: { ...got.data, locale: l } });
  }, locale);
  await page.reload();
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

export async function message<T>(browser: Launched, type: string, data: unknown = {}): Promise<T> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const answer = (await page.evaluate(([t, d]) => chrome.runtime.sendMessage({ channel: 'sidecar', type: t, data: d }), [type, data] as const)) as { ok: boolean; data?: T; error?: unknown };
    if (!answer?.ok) throw new Error(`${type} failed: ${JSON.stringify(answer)}`);
    return answer.data as T;
  } finally {
    await page.close();
  }
}
