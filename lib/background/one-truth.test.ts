import { afterEach, describe, expect, test } from 'vitest';
import { makeWorld, SF_ACCOUNT, SF_HOST, SF_KEY, type World } from '../../tests/support/notes-crm.ts';
import { hubspotRef, teamBrowser, withUsage, type TeamBrowser } from '../../tests/support/team-browser.ts';
import { SidecarDb } from '../db/schema';
import { defaultConfigPack } from '../engine/index.ts';
import type { ConfigPack } from '../engine/types.ts';
import { normaliseKey } from '../import/normalise.ts';
import type { RecordView } from '../messages/protocol';
import { publishedFields, RESULT_FIELDS, signalField, USAGE_AS_OF } from '../publish/fields.ts';

// One truth for the team (issue 16), through the background factory against one HubSpot mock that
// keeps state across "browsers" (one database each): CS Ops imports usage data and publishes it,
// then scores the book; CSM B, who imported nothing, opens the record and sees the score CS Ops
// sees, and the CRM's fields hold it. CS Ops changes a weight and scores again: they agree again.

let world: World | undefined;
const extraDbs: SidecarDb[] = [];
afterEach(async () => {
  await world?.close();
  world = undefined;
  for (const db of extraDbs.splice(0)) {
    db.close();
    await SidecarDb.delete(db.name);
  }
});

const OBSERVED = '2026-11-18T00:00:00.000Z';

/** One browser: its own database, the team's pack by policy (and the role IT gives it). */
const browser = (w: World, db: SidecarDb, me: { id: string; name: string }, pack: ConfigPack, role: 'csm' | 'csops'): Promise<TeamBrowser> => teamBrowser(w, db, me, { pack: JSON.stringify(pack), role });

const ref = hubspotRef;

/** The portal as CS Ops's CRM setup leaves it: Sidecar's properties defined; Acme a customer with CRM usage fields. */
function setUp(w: World, pack: ConfigPack) {
  for (const f of publishedFields(pack)) w.hubspot.state.defineProperty({ name: f.hubspot, type: f.type === 'number' ? 'number' : f.type === 'datetime' ? 'datetime' : 'string', groupName: 'sidecar' });
  w.hubspot.state.addOwner({ id: '501', firstName: '花子', lastName: '佐藤' });
  w.hubspot.state.addOwner({ id: '502', firstName: '一郎', lastName: '田中' });
  withUsage(w);
  w.hubspot.state.objects.companies.get(w.companyId)!.properties.lifecyclestage = 'customer';
}

/** What CS Ops's import of the BI export stores (the CSV pipeline's output), keyed by the CRM id. */
async function importUsage(db: SidecarDb, companyId: string) {
  const subject = normaliseKey('crmId', companyId)!;
  const values: Record<string, number> = { nps: 8, help_page_views_30d: 140, departments_using: 4, department_coverage_pct: 55, form_types_used: 6, active_user_rate: 70 };
  await db.signals.bulkPut(Object.entries(values).map(([signalId, value]) => ({ subject, signalId, source: 'csv' as const, observedAt: OBSERVED, value })));
}

const picture = (v: RecordView) => ({
  score: Math.round(v.evaluation!.health.score!),
  band: v.evaluation!.health.band,
  level: v.evaluation!.maturity.level,
  next: v.evaluation!.nextAction?.best.ruleId ?? null,
});

type Job = { id: string; status: string; total: number; sent: number; failed: number };

async function publish(b: TeamBrowser, kind: 'signals' | 'scores', crm: 'hubspot' | 'salesforce' = 'hubspot'): Promise<Job> {
  const started = await b.ask<Job>('publish.start', { crm, kind });
  await b.idle();
  return (await b.ask<{ job: Job }>('publish.report', { jobId: started.id })).job;
}

describe('one truth for the team on HubSpot', () => {
  test('CS Ops publishes usage data and scores the book; CSM B, who imported nothing, sees the same score, and so do the CRM fields; again after a weight changes', async () => {
    const w = (world = await makeWorld());
    const v1 = { ...defaultConfigPack('ja'), id: 'acme-cs', version: '6' };
    setUp(w, v1);
    const ops = await browser(w, w.db, { id: '501', name: '佐藤 花子' }, v1, 'csops');
    const dbB = new SidecarDb(`truth-b-${crypto.randomUUID()}`);
    extraDbs.push(dbB);
    const b = await browser(w, dbB, { id: '502', name: '田中 一郎' }, v1, 'csm');

    // A rating from CS Ops's note reaches the notes and the rating fields alike.
    await ops.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: '定例会', ratings: { promotion: 2, relationship: 3, sentiment: 3 }, touchpoint: 'meeting' });
    await expect.poll(async () => (await w.db.notes.toArray())[0]?.status, { timeout: 5_000 }).toBe('synced');

    await importUsage(w.db, w.companyId);
    const before = await b.ask<RecordView>('record.refresh', { ref: ref(w) });
    const opsView = await ops.ask<RecordView>('record.refresh', { ref: ref(w) });
    // Before publishing, B lacks the usage data: another score (the gap the issue names).
    expect(picture(before)).not.toEqual(picture(opsView));

    const signals = await publish(ops, 'signals');
    const scores = await publish(ops, 'scores');
    console.log(`HubSpot one truth: signals ${signals.sent} sent, scores ${scores.sent} sent, ${w.hubspot.state.requests.total} requests in all`);
    expect(signals).toMatchObject({ status: 'done', sent: 1, failed: 0 });
    expect(scores).toMatchObject({ status: 'done', sent: 1, failed: 0 });
    const company = w.hubspot.state.objects.companies.get(w.companyId)!;
    expect(company.properties[signalField('nps', 'number').hubspot]).toBe('8');
    expect(Date.parse(company.properties[USAGE_AS_OF.hubspot]!)).toBe(Date.parse(OBSERVED));

    const viewB = await b.ask<RecordView>('record.refresh', { ref: ref(w) });
    const viewOps = await ops.ask<RecordView>('record.refresh', { ref: ref(w) });
    expect(viewOps.evaluation!.health.status).not.toBe('insufficient-data');
    expect(picture(viewB)).toEqual(picture(viewOps));
    expect(Number(company.properties[RESULT_FIELDS.score.hubspot])).toBe(picture(viewOps).score);
    expect(company.properties[RESULT_FIELDS.band.hubspot]).toBe(picture(viewOps).band);
    expect(company.properties[RESULT_FIELDS.packVersion.hubspot]).toBe('6');
    // The published score agrees with the live one: the sidebar shows no second number.
    expect(viewB.published).toMatchObject({ score: picture(viewB).score, packVersion: '6', differs: false, stale: false });
    // B's usage data came from the CRM, dated as CS Ops's import.
    expect(viewB.sources).toContain('hubspot');

    // A re-run changes nothing: no write, "as of" stays.
    const asOf = company.properties[RESULT_FIELDS.asOf.hubspot];
    w.clock.now += 3_600_000;
    const again = await publish(ops, 'scores');
    expect(again).toMatchObject({ status: 'done', total: 0, sent: 0 });
    expect(company.properties[RESULT_FIELDS.asOf.hubspot]).toBe(asOf);

    // CS Ops changes a weight (v7): B's Sidecar shows the CRM's v6 score beside its own until CS Ops scores again.
    const v2 = { ...v1, version: '7', scorecards: v1.scorecards.map((c) => ({ ...c, measures: c.measures.map((m, i) => (i === 0 ? { ...m, weight: m.weight * 4 } : m)) })) };
    const ops2 = await browser(w, w.db, { id: '501', name: '佐藤 花子' }, v2, 'csops');
    const b2 = await browser(w, dbB, { id: '502', name: '田中 一郎' }, v2, 'csm');
    const stale = await b2.ask<RecordView>('record.refresh', { ref: ref(w) });
    expect(stale.published).toMatchObject({ packVersion: '6', differs: true });
    const rescored = await publish(ops2, 'scores');
    expect(rescored).toMatchObject({ status: 'done', sent: 1 });
    const viewB2 = await b2.ask<RecordView>('record.refresh', { ref: ref(w) });
    const viewOps2 = await ops2.ask<RecordView>('record.refresh', { ref: ref(w) });
    expect(picture(viewB2)).toEqual(picture(viewOps2));
    expect(Number(company.properties[RESULT_FIELDS.score.hubspot])).toBe(picture(viewOps2).score);
    expect(company.properties[RESULT_FIELDS.packVersion.hubspot]).toBe('7');
    expect(viewB2.published).toMatchObject({ packVersion: '7', differs: false });
    // The v6 browser scoring now would not overwrite v7's results.
    const old = await publish(ops, 'scores');
    expect(old).toMatchObject({ status: 'done', sent: 0 });
    expect(company.properties[RESULT_FIELDS.packVersion.hubspot]).toBe('7');
  });
});

describe('one truth for the team on Salesforce', () => {
  const sfRef = { crm: 'salesforce', host: SF_HOST, objectType: 'account', recordId: SF_ACCOUNT } as const;

  /** The org as CS Ops's setup leaves it: Sidecar's fields on Account (describe lists them), Acme a customer with usage fields. */
  function setUpOrg(w: World, pack: ConfigPack) {
    const crmFields = pack.signals.flatMap((x) => (x.source.kind === 'crm' && x.source.salesforce ? [{ name: x.source.salesforce, type: x.type }] : []));
    for (const f of crmFields) w.salesforce.state.accountFields.set(f.name, { type: f.type === 'date' ? 'date' : 'double', updateable: true });
    for (const f of publishedFields(pack)) w.salesforce.state.accountFields.set(f.salesforce, { type: f.type === 'number' ? 'double' : f.type === 'datetime' ? 'datetime' : 'string', updateable: true, ...(f.type === 'string' ? { length: 255 } : {}) });
    Object.assign(w.salesforce.state.records.Account.get(SF_ACCOUNT)!, {
      Type: 'Customer',
      Sidecar_Active_Users_30d__c: 42,
      Sidecar_Licensed_Seats__c: 60,
      Sidecar_Emails_Sent_30d__c: 30,
      Sidecar_Emails_Received_30d__c: 12,
      Sidecar_Last_Login__c: new Date(w.clock.now - 2 * 86_400_000).toISOString(),
      Sidecar_Renewal_Date__c: new Date(w.clock.now + 200 * 86_400_000).toISOString().slice(0, 10),
    });
  }

  test('CS Ops publishes and scores; CSM B sees the same score as CS Ops and the Account fields, again after a weight changes', async () => {
    const w = (world = await makeWorld());
    const v1 = { ...defaultConfigPack('ja'), id: 'acme-cs', version: '6' };
    setUpOrg(w, v1);
    const ops = await browser(w, w.db, { id: '501', name: '佐藤 花子' }, v1, 'csops');
    const dbB = new SidecarDb(`truth-sf-b-${crypto.randomUUID()}`);
    extraDbs.push(dbB);
    await dbB.connections.put((await w.db.connections.get('salesforce'))!);
    await dbB.accounts.put({ ...(await w.db.accounts.get(SF_KEY))! });
    const b = await browser(w, dbB, { id: '502', name: '田中 一郎' }, v1, 'csm');
    await importUsage(w.db, SF_ACCOUNT);

    const before = await b.ask<RecordView>('record.refresh', { ref: sfRef });
    const opsView = await ops.ask<RecordView>('record.refresh', { ref: sfRef });
    expect(picture(before)).not.toEqual(picture(opsView));

    const signals = await publish(ops, 'signals', 'salesforce');
    const scores = await publish(ops, 'scores', 'salesforce');
    console.log(`Salesforce one truth: signals ${signals.sent} sent, scores ${scores.sent} sent, ${w.salesforce.state.requests.total} requests in all`);
    expect(signals).toMatchObject({ status: 'done', sent: 1, failed: 0 });
    expect(scores).toMatchObject({ status: 'done', sent: 1, failed: 0 });
    const account = w.salesforce.state.records.Account.get(SF_ACCOUNT)!;
    expect(account[signalField('nps', 'number').salesforce]).toBe(8);

    const viewB = await b.ask<RecordView>('record.refresh', { ref: sfRef });
    const viewOps = await ops.ask<RecordView>('record.refresh', { ref: sfRef });
    expect(viewOps.evaluation!.health.status).not.toBe('insufficient-data');
    expect(picture(viewB)).toEqual(picture(viewOps));
    expect(account[RESULT_FIELDS.score.salesforce]).toBe(picture(viewOps).score);
    expect(viewB.published).toMatchObject({ packVersion: '6', differs: false });

    const v2 = { ...v1, version: '7', scorecards: v1.scorecards.map((c) => ({ ...c, measures: c.measures.map((m, i) => (i === 0 ? { ...m, weight: m.weight * 4 } : m)) })) };
    const ops2 = await browser(w, w.db, { id: '501', name: '佐藤 花子' }, v2, 'csops');
    const b2 = await browser(w, dbB, { id: '502', name: '田中 一郎' }, v2, 'csm');
    expect(await publish(ops2, 'scores', 'salesforce')).toMatchObject({ status: 'done', sent: 1 });
    const viewB2 = await b2.ask<RecordView>('record.refresh', { ref: sfRef });
    const viewOps2 = await ops2.ask<RecordView>('record.refresh', { ref: sfRef });
    expect(picture(viewB2)).toEqual(picture(viewOps2));
    expect(account[RESULT_FIELDS.score.salesforce]).toBe(picture(viewOps2).score);
    expect(account[RESULT_FIELDS.packVersion.salesforce]).toBe('7');
  });
});
