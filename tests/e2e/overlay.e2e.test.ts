import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO } from '../fixtures/demo-pages.ts';
import { useCrmBrowser } from '../harness/suite.ts';
import { frameOf, sidebarShowing } from '../harness/sidebar.ts';

const HUBSPOT = DEMO.hubspot.url;
const HUBSPOT_LIST = DEMO.hubspotList.url;
const SALESFORCE = DEMO.salesforce.url;
const SALESFORCE_LIST = DEMO.salesforceList.url;

const crm = useCrmBrowser();

const sidebarFrame = (page: Page) => frameOf(page);
const shownRecord = (page: Page, key: string) => sidebarShowing(page, key);

describe('the sidebar mounts on record pages only', () => {
  test.each([
    ['HubSpot company', HUBSPOT, 'hubspot:24681357:9001'],
    ['Salesforce account', SALESFORCE, 'salesforce:acme:001D000000IRFmaIAH'],
  ])('%s', async (_name, url, key) => {
    const page = await crm.browser.context.newPage();
    await page.goto(url);
    const frame = await shownRecord(page, key);
    // Mounted by the session's dynamic URL (use_dynamic_url), never the extension's fixed id,
    // while the document inside has the fixed id (which is what the background sees).
    const frameUrl = await page.locator('iframe[data-sidecar-frame]').getAttribute('src');
    expect(frameUrl).toMatch(/^chrome-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/sidebar\.html\?/);
    expect(frame.url()).toMatch(new RegExp(`^chrome-extension://${crm.browser.extensionId}/sidebar\\.html\\?`));
    await page.close();
  });

  test.each([
    ['HubSpot list view', HUBSPOT_LIST],
    ['Salesforce list view', SALESFORCE_LIST],
  ])('not on %s', async (_name, url) => {
    const page = await crm.browser.context.newPage();
    await page.goto(url);
    await page.waitForLoadState('load');
    // Give the content script time to have mounted, were it going to.
    await page.waitForTimeout(800);
    expect(await page.locator('iframe[data-sidecar-frame]').count()).toBe(0);
    await page.close();
  });
});

describe('single-page navigation', () => {
  test('HubSpot: pushState to the next company, then to a list view, then back', async () => {
    const page = await crm.browser.context.newPage();
    await page.goto(HUBSPOT);
    await shownRecord(page, 'hubspot:24681357:9001');
    const frameBefore = await page.locator('iframe[data-sidecar-frame]').elementHandle();
    await page.click('#next-company');
    await shownRecord(page, 'hubspot:24681357:9002');
    // The same frame followed the page: no reload of the sidebar.
    const frameAfter = await page.locator('iframe[data-sidecar-frame]').elementHandle();
    expect(await frameBefore!.evaluate((a, b) => a === b, frameAfter)).toBe(true);
    await page.click('a[data-link="list"] >> nth=0');
    await page.waitForFunction(() => !document.querySelector('iframe[data-sidecar-frame]'));
    await page.goBack();
    await shownRecord(page, 'hubspot:24681357:9002');
    await page.close();
  });

  test('Salesforce: pushState to the next account', async () => {
    const page = await crm.browser.context.newPage();
    await page.goto(SALESFORCE);
    await shownRecord(page, 'salesforce:acme:001D000000IRFmaIAH');
    await page.click('#next-account');
    await shownRecord(page, 'salesforce:acme:001D000000Jk2PqIAJ');
    await page.close();
  });
});

describe('collapsing', () => {
  test('the collapsed state survives a reload and covers none of the CRM’s controls', async () => {
    const page = await crm.browser.context.newPage();
    await page.goto(HUBSPOT);
    const frame = await sidebarFrame(page);
    await frame.getByRole('button', { name: /collapse|折りたたむ|閉じる/i }).first().click();
    await page.waitForFunction(() => (document.querySelector('iframe[data-sidecar-frame]') as HTMLElement).getBoundingClientRect().width < 40);
    await page.reload();
    await sidebarFrame(page);
    const box = await page.locator('iframe[data-sidecar-frame]').boundingBox();
    expect(box!.width).toBeLessThan(40);
    expect(box!.height).toBeLessThan(150);
    const covered = await page.evaluate(() => {
      const frameEl = document.querySelector('iframe[data-sidecar-frame]');
      return [...document.querySelectorAll('button, a, input, select, textarea, [role=button]')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) return false;
          const points = [
            [r.left + r.width / 2, r.top + r.height / 2],
            [r.right - 1, r.top + 1],
            [r.right - 1, r.bottom - 1],
          ];
          return points.some(([x, y]) => document.elementFromPoint(x!, y!) === frameEl);
        })
        .map((el) => el.outerHTML.slice(0, 80));
    });
    expect(covered).toEqual([]);
    // Expand again from the tab, so later tests start open.
    const tab = await sidebarFrame(page);
    await tab.getByRole('button').first().click();
    await page.waitForFunction(() => (document.querySelector('iframe[data-sidecar-frame]') as HTMLElement).getBoundingClientRect().width > 200);
    await page.close();
  });
});

describe('the CRM page cannot read what Sidecar holds', () => {
  test('no storage, database, DOM text or window message of Sidecar’s reaches the page', async () => {
    const page = await crm.browser.context.newPage();
    await page.addInitScript(() => {
      (window as unknown as { __messages: unknown[] }).__messages = [];
      window.addEventListener('message', (e) => (window as unknown as { __messages: unknown[] }).__messages.push(e.data));
    });
    await page.goto(HUBSPOT);
    await shownRecord(page, 'hubspot:24681357:9001');
    await page.click('#next-company');
    await shownRecord(page, 'hubspot:24681357:9002');

    const seen = await page.evaluate(async () => {
      const frameEl = document.querySelector('iframe[data-sidecar-frame]') as HTMLIFrameElement;
      let frameDoc: string;
      try {
        frameDoc = frameEl.contentDocument ? 'readable' : 'null';
      } catch {
        frameDoc = 'threw';
      }
      let frameWindow: string;
      try {
        frameWindow = String((frameEl.contentWindow as unknown as { document: Document }).document.body.innerText);
      } catch {
        frameWindow = 'threw';
      }
      const databases = (await indexedDB.databases()).map((d) => d.name);
      return {
        localStorage: Object.keys(localStorage),
        sessionStorage: Object.keys(sessionStorage),
        databases,
        cookies: document.cookie,
        frameDoc,
        frameWindow,
        pageText: document.documentElement.innerText,
        messages: (window as unknown as { __messages: unknown[] }).__messages,
        shadowHosts: [...document.querySelectorAll('*')].filter((el) => el.shadowRoot).length,
      };
    });
    expect(seen.localStorage).toEqual([]);
    expect(seen.sessionStorage).toEqual([]);
    expect(seen.databases).toEqual([]);
    expect(seen.cookies).toBe('');
    expect(seen.frameDoc).toBe('null');
    expect(seen.frameWindow).toBe('threw');
    // The one window message is WXT's own start-up ping (it lets a newer copy of the content
    // script retire an older one after an update): a name and a random id, nothing about customers.
    for (const m of seen.messages as Array<Record<string, unknown>>) {
      expect(Object.keys(m).sort()).toEqual(['contentScriptName', 'messageId', 'type']);
      expect(String(m.type)).toMatch(/:crm:wxt:content-script-started$/);
    }
    expect(seen.shadowHosts).toBe(0);
    // The page's DOM holds one thing of Sidecar's: the frame, whose URL carries only the record the page's own URL names.
    const frameAttrs = await page.locator('iframe[data-sidecar-frame]').evaluate((el) => ({
      attrs: el.getAttributeNames().sort(),
      src: el.getAttribute('src') ?? '',
    }));
    expect(frameAttrs.attrs).toEqual(['allow', 'data-sidecar-frame', 'src', 'style', 'title']);
    const src = new URL(frameAttrs.src);
    expect([...src.searchParams.keys()].sort()).toEqual(['cs', 'id', 'ref']);
    expect(src.searchParams.get('id')).toBe('hubspot|app.hubspot.com|24681357|company|9001');
    expect(JSON.parse(src.searchParams.get('ref')!)).toEqual({
      crm: 'hubspot', host: 'app.hubspot.com', portalId: '24681357', objectType: 'company', recordId: '9001',
    });
    await page.close();
  });
});
