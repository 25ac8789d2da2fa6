import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createConnections } from '../../lib/background/connections';
import { createCrmFetch } from '../../lib/background/crm-fetch';
import { createHandlers } from '../../lib/background/handlers';
import { createPackStore } from '../../lib/background/pack-store';
import { isSidecarRequest, route, type Sender } from '../../lib/background/router';
import { resolveLocale } from '../../lib/background/services';
import { settingsItem } from '../../lib/background/settings';
import { SidecarDb } from '../../lib/db/schema';
import type { Settings } from '../../lib/messages/protocol';
import { toggleCollapsed } from '../../lib/ui/frame-prefs';

const WARM_ALARM = 'sidecar-warm';

export default defineBackground(() => {
  const db = new SidecarDb();
  const now = () => new Date();
  const browserLocale = () => navigator.language;
  let locale = resolveLocale('auto', browserLocale());
  void settingsItem.getValue().then((s) => (locale = resolveLocale(s.locale, browserLocale())));
  const packs = createPackStore(db, () => locale);

  const readCookie = async (url: string, name: string) => {
    const c = await browser.cookies.get({ url, name });
    return c ? { name: c.name, value: c.value, domain: c.domain } : null;
  };
  const connections = createConnections({
    db,
    now,
    fetch: (...args) => fetch(...args),
    locale: () => locale,
    readCookie,
    launchWebAuthFlow: async (url) => {
      const back = await browser.identity.launchWebAuthFlow({ url, interactive: true });
      if (!back) throw new Error('The sign-in window was closed.');
      return back;
    },
    redirectUri: () => browser.identity.getRedirectURL(),
  });
  const crm = createCrmFetch({ db, now, clients: connections, locale: () => locale, readCookie });

  const handlers = createHandlers({
    db,
    now,
    packs,
    crm,
    connections,
    outbox: { status: async () => ({ pending: 0, failed: 0, needsAuth: 0 }), retryNow: async () => ({ pending: 0, failed: 0, needsAuth: 0 }) },
    settings: {
      get: () => settingsItem.getValue(),
      async set(next: Settings) {
        await settingsItem.setValue(next);
        locale = resolveLocale(next.locale, browserLocale());
        packs.invalidate();
      },
    },
    browserLocale,
  });
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!isSidecarRequest(message)) return false;
    const from: Sender = {
      tabId: sender.tab?.id,
      frameId: sender.frameId,
      url: sender.url,
      fromExtensionPage: sender.id === browser.runtime.id && !!sender.url && new URL(sender.url).origin === extensionOrigin,
    };
    void route(message, from, handlers).then(sendResponse);
    return true;
  });

  // Alarms, not timers: they outlive the service worker's shutdowns.
  void browser.alarms.get(WARM_ALARM).then((a) => {
    if (!a) void browser.alarms.create(WARM_ALARM, { periodInMinutes: 360, delayInMinutes: 5 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WARM_ALARM) void packs.active().then(({ pack }) => crm.warmHubspot(pack)).catch((err) => console.warn('[Sidecar] warm-up', err));
  });

  browser.commands.onCommand.addListener((command) => {
    if (command === 'toggle-sidebar') void toggleCollapsed();
  });
});
