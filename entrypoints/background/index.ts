import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isSidecarRequest, route, type Sender } from '../../lib/background/router';
import { createHandlers } from '../../lib/background/services';
import { SidecarDb } from '../../lib/db/schema';
import { toggleCollapsed } from '../../lib/ui/frame-prefs';

export default defineBackground(() => {
  const db = new SidecarDb();
  const handlers = createHandlers({ db, now: () => new Date() });
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
