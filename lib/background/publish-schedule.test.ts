import { afterEach, describe, expect, test } from 'vitest';
import { quietWorld } from '../../tests/support/background.ts';
import { makeWorld, type World } from '../../tests/support/notes-crm.ts';
import { SidecarDb } from '../db/schema';
import { defaultConfigPack } from '../engine/index.ts';
import { publishedFields, RESULT_FIELDS } from '../publish/fields.ts';
import { createBackground } from './create-background';
import { createPublishSchedule, PUBLISH_EVERY_MS, type ScheduleDeps } from './publish-schedule';

let db: SidecarDb | undefined;
let world: World | undefined;
afterEach(async () => {
  if (db) {
    db.close();
    await SidecarDb.delete(db.name);
    db = undefined;
  }
  await world?.close();
  world = undefined;
});

const T0 = Date.parse('2026-12-05T02:00:00.000Z');

function schedule(over: Partial<ScheduleDeps> = {}, clock = { now: T0 }) {
  db = new SidecarDb(`schedule-${crypto.randomUUID()}`);
  const runs: string[] = [];
  const deps: ScheduleDeps = {
    db,
    now: () => new Date(clock.now),
    publisher: {
      start: async (crm, kind) => {
        runs.push(`${crm}:${kind}`);
        return {} as never;
      },
      idle: async () => {},
    },
    role: async () => 'csops',
    publisherEmail: async () => 'ann@example.com',
    me: async () => ({ id: '1', name: 'Ann', email: 'Ann@Example.com' }),
    canRunUnattended: async (crm) => (crm === 'hubspot' ? true : false),
    hasUsageData: async () => true,
    ...over,
  };
  return { s: createPublishSchedule(deps), runs, clock };
}

describe('who runs the daily publication', () => {
  test.each([
    ['no publisher in the policy', { publisherEmail: async () => undefined }, { kind: 'off', reason: 'no-publisher' }],
    ['a CSM’s browser, even the named user’s', { role: async () => 'csm' as const }, { kind: 'off', reason: 'not-csops' }],
    ['another CS Ops user’s browser', { me: async () => ({ id: '2', name: 'Bo', email: 'bo@example.com' }) }, { kind: 'off', reason: 'other-browser' }],
    ['a user whose e-mail the CRM does not give', { me: async () => ({ id: '2', name: 'Bo' }) }, { kind: 'off', reason: 'other-browser' }],
    ['not connected', { canRunUnattended: async (): Promise<boolean> => false }, { kind: 'off', reason: 'not-connected' }],
    ['Salesforce by browser session', { canRunUnattended: async (): Promise<'needs-oauth'> => 'needs-oauth' }, { kind: 'off', reason: 'needs-oauth' }],
    ['the named CS Ops user’s browser, never run (e-mail matched case-insensitively)', {}, { kind: 'due' }],
  ] as const)('%s', async (_, over, expected) => {
    const { s } = schedule(over as Partial<ScheduleDeps>);
    expect(await s.state('hubspot')).toEqual(expected);
  });
});

describe('a run a day, and a missed day caught up', () => {
  test('usage data first, then the scores; the next is a day later; two days closed, one run at the next start', async () => {
    const { s, runs, clock } = schedule();
    await s.tick();
    expect(runs).toEqual(['hubspot:signals', 'hubspot:scores']);
    // An hour later: nothing is due.
    clock.now += 3_600_000;
    await s.tick();
    expect(runs).toHaveLength(2);
    expect(await s.state('hubspot')).toEqual({ kind: 'waiting', nextAt: new Date(T0 + PUBLISH_EVERY_MS).toISOString() });
    // The laptop stays closed two days: the next start runs once, not twice.
    clock.now = T0 + 2 * 86_400_000;
    await Promise.all([s.tick(), s.tick()]);
    expect(runs).toEqual(['hubspot:signals', 'hubspot:scores', 'hubspot:signals', 'hubspot:scores']);
    expect((await s.last('hubspot'))?.lastSuccessAt).toBe(new Date(clock.now).toISOString());
  });

  test('without imported usage data only the scores go; a refused run is recorded and waits for tomorrow', async () => {
    let refuse = true;
    const { s, runs, clock } = schedule({
      hasUsageData: async () => false,
      publisher: {
        start: async (crm, kind) => {
          runs.push(`${crm}:${kind}`);
          if (refuse) throw Object.assign(new Error('HubSpot answered 401'), { code: 'auth' });
          return {} as never;
        },
        idle: async () => {},
      },
    });
    await s.tick();
    expect(runs).toEqual(['hubspot:scores']);
    expect((await s.last('hubspot'))?.lastError).toMatchObject({ code: 'auth', message: 'HubSpot answered 401' });
    clock.now += 3_600_000;
    await s.tick();
    expect(runs).toHaveLength(1);
    refuse = false;
    clock.now = T0 + PUBLISH_EVERY_MS;
    await s.tick();
    expect(runs).toEqual(['hubspot:scores', 'hubspot:scores']);
    expect((await s.last('hubspot'))?.lastError).toBeUndefined();
  });
});

describe('through the background', () => {
  test('the browser the policy names scores the book at start with no one asking; a CSM’s browser writes nothing', async () => {
    const w = (world = await makeWorld());
    const pack = defaultConfigPack('en');
    for (const f of publishedFields(pack)) w.hubspot.state.defineProperty({ name: f.hubspot, type: f.type === 'number' ? 'number' : f.type === 'datetime' ? 'datetime' : 'string', groupName: 'sidecar' });
    const acme = w.hubspot.state.objects.companies.get(w.companyId)!;
    Object.assign(acme.properties, { lifecyclestage: 'customer', sidecar_active_users_30d: '42', sidecar_licensed_seats: '60', sidecar_emails_sent_30d: '30', sidecar_emails_received_30d: '12', sidecar_last_login_at: new Date(w.clock.now - 86_400_000).toISOString() });
    const hub = (await w.db.connections.get('hubspot'))!;
    const build = async (role: 'csm' | 'csops', email: string) => {
      await w.db.connections.put({ ...hub, me: { id: '501', name: 'Ann', email, how: 'picked' } });
      const bg = createBackground({
        db: w.db,
        now: () => new Date(w.clock.now),
        fetch: w.fetch,
        browserLocale: () => 'en-US',
        settings: { get: async () => ({ locale: 'en' }), set: async () => {} },
        ...quietWorld,
        readManaged: async () => ({ role, publisher: 'ann@example.com' }),
        policyWaitMs: 1_000,
        sleep: async (ms) => {
          w.clock.now += ms;
        },
      });
      await bg.start();
      await bg.publisher.idle();
      await bg.schedule.tick();
      return bg;
    };
    await build('csm', 'ann@example.com');
    expect(acme.properties[RESULT_FIELDS.score.hubspot]).toBeUndefined();
    await build('csops', 'bo@example.com');
    expect(acme.properties[RESULT_FIELDS.score.hubspot]).toBeUndefined();
    const bg = await build('csops', 'ann@example.com');
    expect(Number(acme.properties[RESULT_FIELDS.score.hubspot])).toBeGreaterThan(0);
    expect(acme.properties[RESULT_FIELDS.packVersion.hubspot]).toBe(pack.version);
    // Salesforce by browser session cannot be scheduled: it says so.
    await w.db.connections.put({ ...(await w.db.connections.get('salesforce'))!, mode: 'session' });
    expect(await bg.schedule.state('salesforce')).toEqual({ kind: 'off', reason: 'needs-oauth' });
  });
});
