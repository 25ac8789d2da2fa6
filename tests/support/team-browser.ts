// One teammate's "browser" for background tests: its own database, the same mock CRMs as the rest
// of the team (the world's), the connection the world made with this person as "me", and the
// team's policy as IT would set it. Publishing's waits move the world's clock instead of sleeping.
import { createBackground } from '../../lib/background/create-background';
import type { SidecarDb } from '../../lib/db/schema';
import { CHANNEL } from '../../lib/messages/envelope';
import type { Settings } from '../../lib/messages/protocol';
import { quietWorld } from './background.ts';
import type { World } from './notes-crm.ts';

export interface TeamBrowser {
  db: SidecarDb;
  ask<T>(type: string, data?: unknown): Promise<T>;
  /** Resolves when every publication this browser runs has ended. */
  idle(): Promise<void>;
}

export async function teamBrowser(w: World, db: SidecarDb, me: { id: string; name: string }, policy?: Record<string, unknown>): Promise<TeamBrowser> {
  const settings: Settings = { locale: 'ja' };
  const at = new Date(w.clock.now).toISOString();
  const hub = await w.db.connections.get('hubspot');
  await db.connections.put({ ...hub!, me: { ...me, how: 'picked' } });
  const account = await w.db.accounts.get(w.hubspotKey);
  if (!(await db.accounts.get(w.hubspotKey))) await db.accounts.put({ ...account!, firstSeenAt: at, lastSeenAt: at });
  const bg = createBackground({
    db,
    now: () => new Date(w.clock.now),
    fetch: w.fetch,
    browserLocale: () => 'ja-JP',
    settings: { get: async () => settings, set: async () => {} },
    ...quietWorld,
    ...(policy ? { readManaged: async () => policy, policyWaitMs: 1_000 } : {}),
    sleep: async (ms) => {
      w.clock.now += ms;
    },
  });
  await bg.start();
  return {
    db,
    idle: () => bg.publisher.idle(),
    async ask<T>(type: string, data: unknown = {}) {
      const r = (await bg.onMessage({ channel: CHANNEL, type, data }, { fromExtensionPage: true, fromTab: false })) as { ok: boolean; data?: T; error?: unknown };
      if (!r.ok) throw new Error(`${type}: ${JSON.stringify(r.error)}`);
      return r.data as T;
    },
  };
}

/** The world's HubSpot company as a sidebar's record. */
export const hubspotRef = (w: World) => ({ crm: 'hubspot', host: 'app.hubspot.com', portalId: w.hubspotKey.split(':')[1]!, objectType: 'company', recordId: w.companyId }) as const;

/** The company's usage as the CRM holds it, so the score has enough data beside the ratings. */
export function withUsage(w: World): void {
  const company = w.hubspot.state.objects.companies.get(w.companyId)!;
  Object.assign(company.properties, {
    sidecar_active_users_30d: '42',
    sidecar_licensed_seats: '60',
    sidecar_emails_sent_30d: '30',
    sidecar_emails_received_30d: '12',
    sidecar_last_login_at: new Date(w.clock.now - 2 * 86_400_000).toISOString(),
    sidecar_renewal_date: new Date(w.clock.now + 200 * 86_400_000).toISOString().slice(0, 10),
  });
}
