import { afterEach, describe, expect, test } from 'vitest';
import { quietWorld } from '../../tests/support/background.ts';
import { makeWorld, type World } from '../../tests/support/notes-crm.ts';
import { defaultConfigPack } from '../engine/index.ts';
import { normaliseKey } from '../import/normalise.ts';
import { CHANNEL } from '../messages/envelope';
import type { Settings } from '../messages/protocol';
import { PUBLISHED_BY, publishedFields, signalField } from '../publish/fields.ts';
import { createBackground } from './create-background';
import { memoryTeamSettings } from './team';

// Publishing through the background factory against the mock CRMs: what reaches the CRM, counted
// at the mocks, in the faults the issue names. Each scenario prints its counts.

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const pack = defaultConfigPack('en');
const CSV_SIGNALS = pack.signals.filter((s) => s.source.kind === 'csv');
const NPS = signalField('nps', 'number');
const OBSERVED = '2026-11-19T00:00:00.000Z';

function build(w: World, role: 'csm' | 'csops' = 'csops', settings: Settings = { locale: 'en' }) {
  const sleeps: number[] = [];
  const bg = createBackground({
    db: w.db,
    now: () => new Date(w.clock.now),
    fetch: w.fetch,
    browserLocale: () => 'en-US',
    settings: { get: async () => settings, set: async () => {} },
    ...quietWorld,
    teamSettings: memoryTeamSettings({ role }),
    readManaged: async () => ({}),
    policyWaitMs: 20,
    sleep: async (ms) => {
      sleeps.push(ms);
      w.clock.now += ms;
    },
  });
  const ask = async (type: string, data: unknown = {}) => bg.onMessage({ channel: CHANNEL, type, data }, { fromExtensionPage: true, fromTab: false });
  return { bg, ask, sleeps };
}

/** A HubSpot portal with Sidecar's properties and `n` more customers, each with imported values. */
async function hubspotBook(w: World, n: number): Promise<string[]> {
  w.hubspot.state.clock = () => w.clock.now;
  for (const f of publishedFields(pack)) w.hubspot.state.defineProperty({ name: f.hubspot, type: f.type === 'number' ? 'number' : f.type === 'datetime' ? 'datetime' : 'string', groupName: 'sidecar' });
  for (let i = 0; i < n; i++) w.hubspot.state.addObject('companies', { name: `Customer ${i}`, lifecyclestage: 'customer' });
  w.hubspot.state.addObject('companies', { name: 'A lead', lifecyclestage: 'lead' });
  const ids = [...w.hubspot.state.objects.companies.values()].filter((c) => c.properties.lifecyclestage === 'customer').map((c) => c.id);
  await imported(w, ids);
  return ids;
}

async function salesforceBook(w: World, n: number): Promise<string[]> {
  for (const f of publishedFields(pack)) w.salesforce.state.accountFields.set(f.salesforce, { type: f.type === 'number' ? 'double' : f.type === 'datetime' ? 'datetime' : 'string', updateable: true, length: 255 });
  const ids = Array.from({ length: n }, (_, i) => w.salesforce.state.insert('Account', { Name: `Customer ${i}`, Type: 'Customer' }));
  w.salesforce.state.insert('Account', { Name: 'A prospect', Type: 'Prospect' });
  await imported(w, ids);
  return ids;
}

/** CSV values as an import stores them, keyed by CRM id: NPS differs per account. */
async function imported(w: World, ids: string[]) {
  await w.db.signals.bulkPut(
    ids.flatMap((id, i) => [
      { subject: normaliseKey('crmId', id)!, signalId: 'nps', source: 'csv' as const, observedAt: OBSERVED, value: i % 11 },
      { subject: normaliseKey('crmId', id)!, signalId: 'departments_using', source: 'csv' as const, observedAt: OBSERVED, value: 3 },
    ]),
  );
}

const hubspotWrites = (w: World) => w.hubspot.state.batchUpdateSizes.reduce((a, b) => a + b, 0);
const salesforceWrites = (w: World) => w.salesforce.state.collectionSizes.reduce((a, b) => a + b, 0);
type Answer = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

async function publish(ask: ReturnType<typeof build>['ask'], bg: ReturnType<typeof build>['bg'], crm: 'hubspot' | 'salesforce', kind = 'signals') {
  const started = (await ask('publish.start', { crm, kind })) as Answer;
  if (!started.ok) throw new Error(started.error?.message);
  await bg.publisher.idle();
  return ((await ask('publish.report', { jobId: started.data!.id })) as Answer).data as { job: Record<string, number | string>; failures: Array<Record<string, string>>; csv: string };
}

describe('publishing to HubSpot', () => {
  test('only CS Ops may publish; anyone may ask for the status', async () => {
    world = await makeWorld();
    const { ask } = build(world, 'csm');
    const r = (await ask('publish.start', { crm: 'hubspot', kind: 'signals' })) as Answer;
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('forbidden');
    expect(r.error?.message).toMatch(/Only CS Ops publishes/);
    // No job yet; the schedule says why this browser does not publish daily (no publisher in the policy).
    expect(((await ask('publish.status', {})) as Answer).data).toEqual({
      job: null,
      schedule: [
        { crm: 'hubspot', state: 'off', reason: 'no-publisher' },
        { crm: 'salesforce', state: 'off', reason: 'no-publisher' },
      ],
    });
    expect(world.hubspot.state.requests.total).toBe(0);
  });

  test('the imported values reach every customer once; a second run writes nothing', async () => {
    world = await makeWorld();
    const ids = await hubspotBook(world, 248);
    const { bg, ask } = build(world);
    const first = await publish(ask, bg, 'hubspot');
    const sizes = [...world.hubspot.state.batchUpdateSizes];
    console.log(`HubSpot first run: ${ids.length} customers, ${first.job.sent} sent, ${first.job.failed} failed, ${sizes.length} write requests (${sizes.join('/')}), ${world.hubspot.state.requests.total} requests in all`);
    expect(first.job).toMatchObject({ status: 'done', accounts: 250, total: 250, sent: 250, failed: 0, left: 0 });
    expect(sizes).toEqual([100, 100, 50]);
    expect(ids.every((id) => world!.hubspot.state.objects.companies.get(id)!.properties[NPS.hubspot] !== undefined)).toBe(true);
    expect(world.hubspot.state.objects.companies.get(ids[5]!)!.properties[NPS.hubspot]).toBe('5');
    // The lead is not in the book.
    const lead = [...world.hubspot.state.objects.companies.values()].find((c) => c.properties.name === 'A lead')!;
    expect(lead.properties[NPS.hubspot]).toBeUndefined();

    const before = world.hubspot.state.requests.total;
    const second = await publish(ask, bg, 'hubspot');
    const writes = world.hubspot.state.batchUpdateSizes.length - sizes.length;
    console.log(`HubSpot second run: ${second.job.total} to write, ${second.job.skipped} skipped, ${writes} write requests, ${world.hubspot.state.requests.total - before} requests in all (the book's listing)`);
    expect(second.job).toMatchObject({ status: 'done', total: 0, skipped: 250, sent: 0 });
    expect(writes).toBe(0);
  });

  test('each record a run writes says who published it, what and when; a CRM without that field still gets its values', async () => {
    world = await makeWorld();
    const ids = await hubspotBook(world, 12);
    const { bg, ask } = build(world, 'csops', { locale: 'en', csmEmail: 'ops@acme.example' });
    const first = await publish(ask, bg, 'hubspot');
    const stamp = (id: string) => world!.hubspot.state.objects.companies.get(id)!.properties[PUBLISHED_BY.hubspot];
    const by = String(first.job.by);
    expect(by).toMatch(/@/);
    expect(first.job).toMatchObject({ status: 'done', sent: ids.length, recorded: true });
    const expected = `${by} · signals · ${pack.id} v${pack.version} · ${String(first.job.startedAt)} · run ${String(first.job.id).slice(0, 8)}`;
    expect(ids.map(stamp)).toEqual(ids.map(() => expected));
    // A run that changes nothing leaves the stamps alone: the CRM's history lists publications, not re-runs.
    await publish(ask, bg, 'hubspot');
    expect(ids.map(stamp)).toEqual(ids.map(() => expected));

    // A portal set up before the stamp's field existed: the values still go, the job says the run is not recorded.
    world.hubspot.state.properties.delete(PUBLISHED_BY.hubspot);
    await world.db.signals.bulkPut(ids.map((id) => ({ subject: normaliseKey('crmId', id)!, signalId: 'nps', source: 'csv' as const, observedAt: '2026-11-26T00:00:00.000Z', value: 10 })));
    const third = await publish(ask, bg, 'hubspot');
    expect(third.job).toMatchObject({ status: 'done', sent: ids.length, failed: 0, recorded: false });
    expect(world.hubspot.state.objects.companies.get(ids[0]!)!.properties[NPS.hubspot]).toBe('10');
  });

  test('a key without the write scope: the job stops before writing, names the scope, and carries on at the next start once the key has it', async () => {
    world = await makeWorld();
    const ids = await hubspotBook(world, 30);
    world.hubspot.state.scopes.delete('crm.objects.companies.write');
    const { bg, ask } = build(world);
    const report = await publish(ask, bg, 'hubspot');
    console.log(`HubSpot missing scope: ${report.job.status}, ${hubspotWrites(world)} written, ${report.job.left} left`);
    expect(report.job).toMatchObject({ status: 'stopped', sent: 0, left: ids.length });
    expect(hubspotWrites(world)).toBe(0);
    expect(String((report.job as unknown as { stop: { message: string } }).stop.message)).toMatch(/crm\.objects\.companies\.write/);
    // The super admin adds the scope to the key; the next browser start resumes and writes each record once.
    world.hubspot.state.scopes.add('crm.objects.companies.write');
    await bg.start();
    await bg.publisher.idle();
    const done = ((await ask('publish.status', { crm: 'hubspot' })) as Answer).data!.job as Record<string, unknown>;
    expect(done).toMatchObject({ status: 'done', sent: ids.length, failed: 0 });
    expect(hubspotWrites(world)).toBe(ids.length);
  });

  test('a 429 mid-publish is waited out; nothing written twice, nothing lost', async () => {
    world = await makeWorld();
    const ids = await hubspotBook(world, 248);
    let updates = 0;
    world.hubspot.state.faults.push({ status: 429, match: (req) => req.path.endsWith('/batch/update') && ++updates === 2 });
    const { bg, ask, sleeps } = build(world);
    const report = await publish(ask, bg, 'hubspot');
    const refused = world.hubspot.state.requests.log.filter((l) => l.status === 429).length;
    console.log(`HubSpot 429 mid-publish: ${refused} 429, waited ${sleeps.join('+')} ms, ${report.job.sent} sent, ${hubspotWrites(world)} records written for ${ids.length}, ${report.job.requests} write requests`);
    expect(refused).toBe(1);
    expect(sleeps).toContain(10_000);
    expect(report.job).toMatchObject({ status: 'done', sent: 250, failed: 0 });
    expect(hubspotWrites(world)).toBe(250);
    expect(report.job.requests).toBe(4);
  });

  test('a 207 with some failures: the others are written, the failures reported with why, and exported for Excel', async () => {
    world = await makeWorld();
    const ids = await hubspotBook(world, 148);
    const refused = new Set([ids[3]!, ids[77]!, ids[120]!]);
    world.hubspot.state.refuseUpdate = (id) => (refused.has(id) ? { category: 'VALIDATION_ERROR', message: '=HYPERLINK("x") is not allowed by a portal rule' } : null);
    const { bg, ask } = build(world);
    const report = await publish(ask, bg, 'hubspot');
    console.log(`HubSpot 207: ${report.job.sent} sent, ${report.job.failed} failed (${report.failures.map((f) => f.code).join(', ')})`);
    expect(report.job).toMatchObject({ status: 'done', sent: 147, failed: 3 });
    expect(new Set(report.failures.map((f) => f.id))).toEqual(refused);
    expect(report.failures[0]!.message).toMatch(/^The CRM refused the values: /);
    expect(report.csv.startsWith('\uFEFFrecord id,name,reason')).toBe(true);
    expect(report.csv).toContain(`"'=HYPERLINK(""x"") is not allowed by a portal rule"`);
    // Each record went out once: the refused ones are not sent again in this run.
    expect(hubspotWrites(world)).toBe(150);
    expect(ids.filter((id) => world!.hubspot.state.objects.companies.get(id)!.properties[NPS.hubspot] !== undefined)).toHaveLength(147);
  });

  test('the browser closed mid-publish: at the next start the job resumes, the unanswered batch checked first', async () => {
    world = await makeWorld({ timeoutMs: 100 });
    const ids = await hubspotBook(world, 298);
    let updates = 0;
    // The second batch reaches HubSpot, and its answer never comes back (the browser closes).
    world.control.onRequest = (method, url) => {
      if (url.pathname.endsWith('/batch/update') && ++updates === 2) world!.control.hang = true;
    };
    const first = build(world);
    await first.ask('publish.start', { crm: 'hubspot', kind: 'signals' });
    for (let i = 0; i < 200 && world.hubspot.state.batchUpdateSizes.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 20));
    world.control.hang = false;
    world.control.onRequest = undefined;
    // What the closed browser left on disk: the job running, its second batch sent without an answer.
    const left = await world.db.publishJobs.toArray();
    expect(left).toMatchObject([{ status: 'running', sent: 100, nextBatch: 1, inFlight: 1 }]);

    // A new browser session over the same database: start() resumes the job.
    const second = build(world);
    await second.bg.start();
    await second.bg.publisher.idle();
    const report = ((await second.ask('publish.report', {})) as Answer).data as { job: Record<string, unknown> };
    console.log(`HubSpot closed mid-publish: ${report.job.sent} sent of ${ids.length}, ${hubspotWrites(world)} records written, ${world.hubspot.state.batchUpdateSizes.length} write requests (${world.hubspot.state.batchUpdateSizes.join('/')})`);
    expect(report.job).toMatchObject({ status: 'done', sent: 300, failed: 0 });
    // The batch that reached HubSpot was found there and not sent again.
    expect(hubspotWrites(world)).toBe(300);
    expect(world.hubspot.state.batchUpdateSizes).toEqual([100, 100, 100]);
  });

  test('pacing with HubSpot\'s limits enforced: 30 % of the window stays free; a nearly spent day stops, and resumes', async () => {
    world = await makeWorld();
    await hubspotBook(world, 498);
    world.hubspot.state.rateLimit = { ...world.hubspot.state.rateLimit, max: 10, enforce: true };
    const { bg, ask, sleeps } = build(world);
    const report = await publish(ask, bg, 'hubspot');
    const throttled = world.hubspot.state.requests.log.filter((l) => l.status === 429).length;
    console.log(`HubSpot paced: ${report.job.sent} sent, ${throttled} 429s, ${sleeps.length} waits, lowest window left ${report.job.windowLeftMin}`);
    expect(report.job).toMatchObject({ status: 'done', sent: 500 });
    expect(throttled).toBe(0);
    expect(Number(report.job.windowLeftMin)).toBeGreaterThanOrEqual(0.3);

    // The day nearly spent: the next publication stops before writing and says why.
    world.hubspot.state.rateLimit = { ...world.hubspot.state.rateLimit, max: 190, enforce: false, daily: 1_000, dailyUsed: 0 };
    await world.db.signals.toCollection().modify((s) => void (s.value = 7));
    world.hubspot.state.rateLimit.dailyUsed = 905;
    const stopped = await publish(ask, bg, 'hubspot');
    console.log(`HubSpot daily limit: ${stopped.job.status}, ${stopped.job.sent} sent, ${stopped.job.left} left`);
    expect(stopped.job).toMatchObject({ status: 'stopped', sent: 0, left: 500 });
    expect(String((stopped.job as unknown as { stop: { message: string } }).stop.message)).toMatch(/daily API limit/);
    // A new day: the next browser start carries on.
    world.hubspot.state.rateLimit.dailyUsed = 0;
    await bg.start();
    await bg.publisher.idle();
    const done = ((await ask('publish.status', {})) as Answer).data!.job as Record<string, unknown>;
    expect(done).toMatchObject({ status: 'done', sent: 500 });
  });
});

describe('publishing to Salesforce', () => {
  test('per-record errors: a validation rule and no access are reported, a locked row is tried again; a second run writes nothing', async () => {
    world = await makeWorld();
    const ids = await salesforceBook(world, 450);
    const locked = new Set([ids[10]!]);
    world.salesforce.state.refuseRecord = (id) => {
      if (id === ids[1]) return { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'NPS must be between 0 and 10', fields: [NPS.salesforce] };
      if (id === ids[250]) return { statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' };
      if (locked.delete(id)) return { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' };
      return null;
    };
    const { bg, ask } = build(world);
    const report = await publish(ask, bg, 'salesforce');
    console.log(`Salesforce errors: ${report.job.sent} sent, ${report.job.failed} failed (${report.failures.map((f) => f.code).join(', ')}), collections ${world.salesforce.state.collectionSizes.join('/')}`);
    expect(report.job).toMatchObject({ status: 'done', total: 450, sent: 448, failed: 2 });
    expect(report.failures.map((f) => [f.id, f.code, f.crmCode])).toEqual(
      expect.arrayContaining([
        [ids[1], 'validation', 'FIELD_CUSTOM_VALIDATION_EXCEPTION'],
        [ids[250], 'no-access', 'INSUFFICIENT_ACCESS_OR_READONLY'],
      ]),
    );
    // The locked row goes again on its own, right after its batch.
    expect(world.salesforce.state.collectionSizes).toEqual([200, 1, 200, 50]);
    expect(Math.max(...world.salesforce.state.collectionSizes)).toBeLessThanOrEqual(200);
    // The locked row was sent again alone, and written.
    expect(world.salesforce.state.records.Account.get(ids[10]!)![NPS.salesforce]).toBe(10);
    expect(salesforceWrites(world)).toBe(450 + 1);

    world.salesforce.state.refuseRecord = null;
    const collections = world.salesforce.state.collectionSizes.length;
    const second = await publish(ask, bg, 'salesforce');
    // Only the two refused records are still to write.
    expect(second.job).toMatchObject({ total: 2, sent: 2 });
    const third = await publish(ask, bg, 'salesforce');
    console.log(`Salesforce re-runs: ${second.job.total} then ${third.job.total} to write; ${world.salesforce.state.collectionSizes.length - collections} collection requests`);
    expect(third.job).toMatchObject({ status: 'done', total: 0 });
    expect(world.salesforce.state.collectionSizes.length - collections).toBe(1);
  });

  test('the org\'s daily limit nearly spent stops publishing before a write', async () => {
    world = await makeWorld();
    await salesforceBook(world, 20);
    world.salesforce.state.apiUsage = { used: 13_900, max: 15_000 };
    const { bg, ask } = build(world);
    const report = await publish(ask, bg, 'salesforce');
    console.log(`Salesforce daily limit: ${report.job.status}, ${salesforceWrites(world)} written`);
    expect(report.job).toMatchObject({ status: 'stopped', sent: 0 });
    expect(salesforceWrites(world)).toBe(0);
  });

  test('a field the org lacks: every record of the batch reported as "no such field", nothing else stops', async () => {
    world = await makeWorld();
    await salesforceBook(world, 5);
    world.salesforce.state.accountFields.delete(NPS.salesforce);
    const { bg, ask } = build(world);
    const report = await publish(ask, bg, 'salesforce');
    expect(report.job).toMatchObject({ status: 'done', failed: 5, sent: 0 });
    expect(report.failures[0]).toMatchObject({ code: 'no-field', fields: [NPS.salesforce] });
    expect(report.failures[0]!.message).toMatch(/has no such field/);
  });
});

test('the CSV signals this pack publishes', () => {
  expect(CSV_SIGNALS.map((s) => s.id)).toContain('nps');
});
