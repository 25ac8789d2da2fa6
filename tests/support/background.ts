import type { BackgroundDeps } from '../../lib/background/create-background';
import { createPortfolio } from '../../lib/background/portfolio';
import { offlineCrmSync, type CrmSync } from '../../lib/background/crm-sync';
import { createHandlers } from '../../lib/background/handlers';
import type { Connections, Outbox } from '../../lib/background/options-handlers';
import { createPackStore } from '../../lib/background/pack-store';
import { route, type Sender } from '../../lib/background/router';
import { SidecarDb } from '../../lib/db/schema';
import { createClient } from '../../lib/messages/client';
import { protocol } from '../../lib/messages/index';
import type { Settings } from '../../lib/messages/protocol';

export const extensionPage: Sender = { tabId: 1, frameId: 3, url: 'chrome-extension://x/sidebar.html', fromExtensionPage: true };

const unconnected: Connections = {
  status: async () => ({
    hubspot: { connected: false },
    salesforce: { connected: false, mode: 'session', noteMode: 'ContentNote' },
  }),
  hubspotConnect: async () => ({ connected: false }),
  hubspotDisconnect: async () => ({ connected: false }),
  salesforceConfigure: async (c) => ({ connected: false, mode: c.mode, noteMode: c.noteMode }),
  salesforceConnect: async () => ({ connected: false, mode: 'session', noteMode: 'ContentNote' }),
  salesforceDisconnect: async () => ({ connected: false, mode: 'session', noteMode: 'ContentNote' }),
};
const idleOutbox: Outbox = {
  status: async () => ({ pending: 0, failed: 0, needsAuth: 0 }),
  retryNow: async () => ({ pending: 0, failed: 0, needsAuth: 0 }),
};

/** The background's handlers over a fresh fake-indexeddb database, with a clock the test moves. */
export function makeBackground(options: { now?: Date; crm?: CrmSync; connections?: Connections; outbox?: Outbox; settings?: Settings; locale?: string } = {}) {
  const db = new SidecarDb(`bg-${crypto.randomUUID()}`);
  let clock = options.now ?? new Date('2026-11-20T09:00:00Z');
  let settings: Settings = options.settings ?? { locale: 'auto' };
  const packs = createPackStore(db, () => (options.locale?.startsWith('ja') ? 'ja' : 'en'));
  const handlers = createHandlers({
    db,
    now: () => clock,
    packs,
    crm: options.crm ?? offlineCrmSync,
    connections: options.connections ?? unconnected,
    outbox: options.outbox ?? idleOutbox,
    settings: { get: async () => settings, set: async (next) => void (settings = next) },
    browserLocale: () => options.locale ?? 'en-US',
    portfolio: createPortfolio({ db, now: () => clock, pack: async () => (await packs.active()).pack }),
  });
  const call = createClient((m) => route(m, extensionPage, handlers), protocol);
  return {
    db,
    handlers,
    call,
    packs,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
    get now() {
      return clock;
    },
  };
}

/**
 * The background's outside world as most tests want it (createBackground's deps): nothing
 * scheduled, no cookies, no sign-in window, no tab that mounted a frame, a fixed coin. A test
 * passes only what it looks at, over these.
 */
export const quietWorld = {
  schedule: () => {},
  clearSnapshots: () => {},
  readCookie: async () => null,
  launchWebAuthFlow: async (): Promise<string> => {
    throw new Error('not in tests');
  },
  redirectUri: () => 'https://test.chromiumapp.org/',
  random: () => 0.5,
  askMount: async () => null,
} satisfies Partial<BackgroundDeps>;
