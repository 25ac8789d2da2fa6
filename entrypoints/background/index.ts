import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground, OUTBOX_ALARM, TEAM_ALARM, WARM_ALARM } from '../../lib/background/create-background';
import { PUBLISH_ALARM, PUBLISH_CHECK_MINUTES } from '../../lib/background/publish-schedule';
import type { Sender } from '../../lib/background/router';
import { policyCacheItem, settingsItem, teamSettingsItem } from '../../lib/background/settings';
import { TEAM_CHECK_MINUTES } from '../../lib/background/team';
import { SidecarDb } from '../../lib/db/schema';
import { MOUNT_QUERY } from '../../lib/messages/mount';
import { toggleCollapsed } from '../../lib/ui/frame-prefs';
import { snapshots } from '../../lib/view-snapshot/session';

// Binds the background (lib/background/create-background.ts) to chrome.*; nothing else.
export default defineBackground(() => {
  // Session storage holds the snapshots (customer data): extension pages only, never content scripts.
  void browser.storage.session?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});

  const background = createBackground({
    db: new SidecarDb(),
    now: () => new Date(),
    fetch: (...args) => fetch(...args),
    browserLocale: () => navigator.language,
    settings: { get: () => settingsItem.getValue(), set: (next) => settingsItem.setValue(next) },
    schedule: (when) => void browser.alarms.create(OUTBOX_ALARM, { when }),
    clearSnapshots: () => void snapshots.clear().catch(() => {}),
    estimateStorage: () => navigator.storage.estimate(),
    readCookie: async (url, name) => {
      const c = await browser.cookies.get({ url, name });
      return c ? { name: c.name, value: c.value, domain: c.domain } : null;
    },
    launchWebAuthFlow: async (url) => {
      const back = await browser.identity.launchWebAuthFlow({ url, interactive: true });
      if (!back) throw new Error('The sign-in window was closed.');
      return back;
    },
    redirectUri: () => browser.identity.getRedirectURL(),
    askMount: (tabId) => browser.tabs.sendMessage(tabId, MOUNT_QUERY, { frameId: 0 }),
    readManaged: () => browser.storage.managed.get(),
    policyCache: { get: () => policyCacheItem.getValue(), set: (raw) => policyCacheItem.setValue(raw) },
    onManagedChanged: (listener) =>
      browser.storage.onChanged.addListener((_changes, area) => {
        if (area === 'managed') listener();
      }),
    teamSettings: { get: () => teamSettingsItem.getValue(), set: (next) => teamSettingsItem.setValue(next) },
    hasOrigin: (pattern) => browser.permissions.contains({ origins: [pattern] }),
  });
  // The worker's own origin. Not runtime.getURL('/'): with use_dynamic_url, Chromium answers that
  // with the session's dynamic id, while a sender's url (the sidebar frame's too) has the fixed one.
  const extensionOrigin = self.location.origin;

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const from: Sender & { fromTab: boolean } = {
      tabId: sender.tab?.id,
      frameId: sender.frameId,
      url: sender.url,
      fromExtensionPage: sender.id === browser.runtime.id && !!sender.url && new URL(sender.url).origin === extensionOrigin,
      fromTab: !!sender.tab,
    };
    const answer = background.onMessage(message, from);
    if (!answer) return false;
    void answer.then(sendResponse);
    return true;
  });

  // Alarms, not timers: they outlive the service worker's shutdowns.
  void browser.alarms.get(WARM_ALARM).then((a) => {
    if (!a) void browser.alarms.create(WARM_ALARM, { periodInMinutes: 360, delayInMinutes: 5 });
  });
  void browser.alarms.get(PUBLISH_ALARM).then((a) => {
    if (!a) void browser.alarms.create(PUBLISH_ALARM, { periodInMinutes: PUBLISH_CHECK_MINUTES, delayInMinutes: PUBLISH_CHECK_MINUTES });
  });
  void browser.alarms.get(TEAM_ALARM).then((a) => {
    if (!a) void browser.alarms.create(TEAM_ALARM, { periodInMinutes: TEAM_CHECK_MINUTES, delayInMinutes: TEAM_CHECK_MINUTES });
  });
  browser.alarms.onAlarm.addListener((alarm) => background.onAlarm(alarm.name));
  // The team's pack (policy, pack URL) is checked at every browser start and install or update.
  browser.runtime.onStartup.addListener(() => void background.start());
  browser.runtime.onInstalled.addListener(() => void background.start());

  // Every start of the worker (browser start, wake-up after being stopped) resumes the outbox.
  background.resume();
  self.addEventListener('online', () => background.resume());

  // The toolbar button: the CSM's book of business (Firefox's MV2 build calls it browserAction).
  (browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction)?.onClicked.addListener(
    () => void browser.tabs.create({ url: browser.runtime.getURL('/portfolio.html') }),
  );

  browser.commands.onCommand.addListener((command) => {
    if (command === 'toggle-sidebar') void toggleCollapsed();
  });
});
