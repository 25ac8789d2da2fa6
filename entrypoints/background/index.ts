import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { offlineCrmSync } from '../../lib/background/crm-sync';
import { createPackStore } from '../../lib/background/pack-store';
import { isSidecarRequest, route, type Sender } from '../../lib/background/router';
import { createHandlers, resolveLocale } from '../../lib/background/services';
import { settingsItem } from '../../lib/background/settings';
import { SidecarDb } from '../../lib/db/schema';
import { toggleCollapsed } from '../../lib/ui/frame-prefs';

export default defineBackground(() => {
  const db = new SidecarDb();
  const browserLocale = () => navigator.language;
  let locale = resolveLocale('auto', browserLocale());
  void settingsItem.getValue().then((s) => (locale = resolveLocale(s.locale, browserLocale())));
  const packs = createPackStore(db, () => locale);
  const handlers = createHandlers({
    db,
    now: () => new Date(),
    packs,
    crm: offlineCrmSync,
    settings: {
      get: () => settingsItem.getValue(),
      async set(next) {
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

  browser.commands.onCommand.addListener((command) => {
    if (command === 'toggle-sidebar') void toggleCollapsed();
  });
});
