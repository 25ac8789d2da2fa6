import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createConnections } from '../../lib/background/connections';
import { createCrmFetch } from '../../lib/background/crm-fetch';
import { pullCrmNotes } from '../../lib/background/crm-notes';
import { withStorageErrors } from '../../lib/background/storage-errors';
import type { CrmSync } from '../../lib/background/crm-sync';
import { createOutbox, OUTBOX_ALARM } from '../../lib/background/outbox';
import { createHandlers } from '../../lib/background/handlers';
import { createPackStore } from '../../lib/background/pack-store';
import { createPreparedViews } from '../../lib/background/prepared-views';
import { isSidecarRequest, route, type Sender } from '../../lib/background/router';
import { resolveLocale } from '../../lib/background/services';
import { settingsItem } from '../../lib/background/settings';
import { SidecarDb } from '../../lib/db/schema';
import { PageRecordEvent } from '../../lib/messages/record';
import type { RecordView, Settings } from '../../lib/messages/protocol';
import { toggleCollapsed } from '../../lib/ui/frame-prefs';
import { snapshots } from '../../lib/view-snapshot/session';

const WARM_ALARM = 'sidecar-warm';

export default defineBackground(() => {
  const db = new SidecarDb();
  const now = () => new Date();
  const browserLocale = () => navigator.language;
  let locale = resolveLocale('auto', browserLocale());
  void settingsItem.getValue().then((s) => (locale = resolveLocale(s.locale, browserLocale())));
  const packStore = createPackStore(db, () => locale);
  // Every change that redraws all records (a pack installed or reset, the language or settings
  // changed) comes through invalidate: the first-paint snapshots drawn the old way go with it.
  const packs: typeof packStore = {
    ...packStore,
    invalidate() {
      packStore.invalidate();
      void snapshots.clear().catch(() => {});
    },
  };
  // Session storage holds the snapshots (customer data): extension pages only, never content scripts.
  void browser.storage.session?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});

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

  // Notes: the outbox takes them to the CRM; an alarm wakes it, so retries outlive the worker.
  const outbox = createOutbox({
    db,
    now,
    clients: connections,
    packs,
    locale: () => locale,
    random: Math.random,
    schedule: (when) => void browser.alarms.create(OUTBOX_ALARM, { when }),
    estimateStorage: () => navigator.storage.estimate(),
  });
  // A refresh also reads the team's notes; a failure there only adds a warning.
  const crmWithNotes: CrmSync = {
    ...crm,
    async refresh(ref, key, pack) {
      const result = await crm.refresh(ref, key, pack);
      try {
        await pullCrmNotes({ db, clients: connections, now, locale: () => locale }, ref, key);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return { warning: result.warning ? `${result.warning} ${message}` : message };
      }
      return result;
    },
  };
  // A reconnect resumes the notes that waited for it.
  const connectionsWithKick: typeof connections = {
    ...connections,
    hubspotConnect: async (token) => {
      const r = await connections.hubspotConnect(token);
      outbox.kick();
      return r;
    },
    salesforceConnect: async () => {
      const r = await connections.salesforceConnect();
      outbox.kick();
      return r;
    },
  };

  const all = withStorageErrors(createHandlers({
    db,
    now,
    packs,
    crm: crmWithNotes,
    connections: connectionsWithKick,
    outbox,
    onNoteQueued: () => outbox.kick(),
    settings: {
      get: () => settingsItem.getValue(),
      async set(next: Settings) {
        await settingsItem.setValue(next);
        locale = resolveLocale(next.locale, browserLocale());
        packs.invalidate();
      },
    },
    browserLocale,
  }), () => locale);
  // The content script's page.record event starts the view; the frame's record.open takes it.
  const prepared = createPreparedViews<RecordView>(() => Date.now());
  const handlers: typeof all = {
    ...all,
    'record.open': (req, sender) => prepared.open(req.ref, () => all['record.open'](req, sender)),
  };
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const from: Sender = {
      tabId: sender.tab?.id,
      frameId: sender.frameId,
      url: sender.url,
      fromExtensionPage: sender.id === browser.runtime.id && !!sender.url && new URL(sender.url).origin === extensionOrigin,
    };
    if (!isSidecarRequest(message)) {
      const event = sender.tab ? PageRecordEvent.safeParse(message) : null;
      const ref = event?.success ? event.data.ref : null;
      if (ref) prepared.prepare(ref, () => all['record.open']({ ref }, from));
      return false;
    }
    void route(message, from, handlers).then(sendResponse);
    return true;
  });

  // Alarms, not timers: they outlive the service worker's shutdowns.
  void browser.alarms.get(WARM_ALARM).then((a) => {
    if (!a) void browser.alarms.create(WARM_ALARM, { periodInMinutes: 360, delayInMinutes: 5 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) outbox.kick();
    if (alarm.name === WARM_ALARM) void packs.active().then(({ pack }) => crm.warmHubspot(pack)).catch((err) => console.warn('[Sidecar] warm-up', err));
  });

  // Every start of the worker (browser start, wake-up after being stopped) resumes the outbox.
  outbox.kick();
  self.addEventListener('online', () => outbox.kick());

  browser.commands.onCommand.addListener((command) => {
    if (command === 'toggle-sidebar') void toggleCollapsed();
  });
});
