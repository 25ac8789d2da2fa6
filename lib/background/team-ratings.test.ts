import { afterEach, describe, expect, test } from 'vitest';
import { makeWorld, type World } from '../../tests/support/notes-crm.ts';
import { hubspotRef, teamBrowser, withUsage, type TeamBrowser } from '../../tests/support/team-browser.ts';
import { SidecarDb } from '../db/schema';
import { defaultConfigPack } from '../engine/index.ts';
import type { RecordView } from '../messages/protocol';
import { ratingFields } from '../publish/fields.ts';

// Two CSMs, two browsers (two databases), one HubSpot: CSM A's ratings, read back from Sidecar's
// block in A's note, give CSM B the same score, band, level, next action and drivers, named as A's.

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

/** One CSM's browser; with a pack, the team's pack arrives by policy. */
const csm = (w: World, db: SidecarDb, me: { id: string; name: string }, packJson?: unknown): Promise<TeamBrowser> => teamBrowser(w, db, me, packJson ? { pack: JSON.stringify(packJson) } : undefined);

const ref = hubspotRef;

/** What both CSMs must agree on. */
function picture(v: RecordView) {
  const e = v.evaluation!;
  return {
    score: e.health.score,
    band: e.health.band,
    level: e.maturity.level,
    next: e.nextAction?.best.ruleId ?? null,
    up: e.health.drivers.up.map((d) => [d.signalId, d.impact]),
    down: e.health.drivers.down.map((d) => [d.signalId, d.impact]),
  };
}

describe('one team, one score', () => {
  test('B sees the score A sees, from A’s ratings named as A’s; A rates again and both agree again', async () => {
    const w = (world = await makeWorld());
    w.hubspot.state.addOwner({ id: '501', firstName: '花子', lastName: '佐藤', email: 'sato@example.com' });
    w.hubspot.state.addOwner({ id: '502', firstName: '一郎', lastName: '田中', email: 'tanaka@example.com' });
    withUsage(w);
    const a = await csm(w, w.db, { id: '501', name: '佐藤 花子' });
    const dbB = new SidecarDb(`team-b-${crypto.randomUUID()}`);
    extraDbs.push(dbB);
    const b = await csm(w, dbB, { id: '502', name: '田中 一郎' });

    await a.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: '定例会で推進役が異動と判明', ratings: { promotion: 1, relationship: 2, sentiment: 2 }, touchpoint: 'meeting' });
    await expect.poll(async () => (await w.db.notes.toArray())[0]?.status, { timeout: 5_000 }).toBe('synced');
    const viewA = await a.ask<RecordView>('record.refresh', { ref: ref(w) });
    const viewB = await b.ask<RecordView>('record.refresh', { ref: ref(w) });
    expect(viewA.evaluation!.health.status).not.toBe('insufficient-data');
    expect(picture(viewB)).toEqual(picture(viewA));
    // B's Sidecar names A as the rater; A's names A's own rating as theirs.
    expect(viewB.ratings?.['promotion']).toMatchObject({ value: 1, mode: 'latest', raters: [{ name: '佐藤 花子', own: false, value: 1, stale: false }] });
    expect(viewA.ratings?.['promotion']?.raters[0]).toMatchObject({ own: true, value: 1 });

    // A day later A rates again, better: both move together.
    w.clock.now += 86_400_000;
    await a.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: '後任の推進役と面談、前向き', ratings: { promotion: 4, relationship: 4, sentiment: 5 }, touchpoint: 'call' });
    await expect.poll(async () => (await w.db.notes.toArray()).every((n) => n.status === 'synced'), { timeout: 5_000 }).toBe(true);
    const againA = await a.ask<RecordView>('record.refresh', { ref: ref(w) });
    const againB = await b.ask<RecordView>('record.refresh', { ref: ref(w) });
    expect(picture(againB)).toEqual(picture(againA));
    expect(againA.evaluation!.health.score).not.toBe(viewA.evaluation!.health.score);
    expect(againB.ratings?.['sentiment']).toMatchObject({ value: 5, raters: [{ name: '佐藤 花子', at: new Date(w.clock.now).toISOString() }] });

    // B rates last: A's Sidecar now names B.
    w.clock.now += 3_600_000;
    await b.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: '現場ユーザーの声を聞いた', ratings: { relationship: 3 }, touchpoint: 'call' });
    await expect.poll(async () => (await dbB.notes.toArray()).every((n) => n.status === 'synced'), { timeout: 5_000 }).toBe(true);
    const thirdA = await a.ask<RecordView>('record.refresh', { ref: ref(w) });
    const thirdB = await b.ask<RecordView>('record.refresh', { ref: ref(w) });
    expect(picture(thirdB)).toEqual(picture(thirdA));
    expect(thirdA.ratings?.['relationship']?.raters[0]).toMatchObject({ name: '田中 一郎', own: false, value: 3 });
    expect(thirdA.ratings?.['promotion']?.raters[0]).toMatchObject({ own: true, value: 4 });
  });

  test('a pack asking for the mean of 30 days: A and B get the mean of each rater’s latest, and the raters are listed', async () => {
    const w = (world = await makeWorld());
    w.hubspot.state.addOwner({ id: '501', firstName: '花子', lastName: '佐藤' });
    w.hubspot.state.addOwner({ id: '502', firstName: '一郎', lastName: '田中' });
    const base = defaultConfigPack('ja');
    const pack = {
      ...base,
      id: 'acme-cs',
      version: '7',
      signals: base.signals.map((s) => (s.source.kind === 'rating' ? { ...s, source: { ...s.source, combine: { kind: 'mean', days: 30 } } } : s)),
    };
    const a = await csm(w, w.db, { id: '501', name: '佐藤 花子' }, pack);
    const dbB = new SidecarDb(`team-b-${crypto.randomUUID()}`);
    extraDbs.push(dbB);
    const b = await csm(w, dbB, { id: '502', name: '田中 一郎' }, pack);

    await a.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: 'A の評価', ratings: { promotion: 2 }, touchpoint: 'call' });
    await expect.poll(async () => (await w.db.notes.toArray())[0]?.status, { timeout: 5_000 }).toBe('synced');
    w.clock.now += 86_400_000;
    await b.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: 'B の評価', ratings: { promotion: 5 }, touchpoint: 'call' });
    await expect.poll(async () => (await dbB.notes.toArray())[0]?.status, { timeout: 5_000 }).toBe('synced');

    const viewA = await a.ask<RecordView>('record.refresh', { ref: ref(w) });
    const viewB = await b.ask<RecordView>('record.refresh', { ref: ref(w) });
    expect(viewA.ratings?.['promotion']).toMatchObject({ value: 3.5, mode: 'mean', days: 30 });
    expect(viewA.ratings?.['promotion']?.raters.map((r) => [r.name ?? (r.own ? 'me' : '?'), r.value])).toEqual([['田中 一郎', 5], ['佐藤 花子', 2]]);
    expect(picture(viewB)).toEqual(picture(viewA));
  });
});

describe('the latest ratings follow a note to the account’s CRM fields, where they exist', () => {
  test('HubSpot: value, who and when of each rated signal are written to the properties the portal has; the others are skipped', async () => {
    const w = (world = await makeWorld());
    w.hubspot.state.addOwner({ id: '501', firstName: '花子', lastName: '佐藤' });
    withUsage(w);
    // CS Ops created the promotion fields only.
    const f = ratingFields('promotion');
    w.hubspot.state.defineProperty({ name: f.value.hubspot, type: 'number' });
    w.hubspot.state.defineProperty({ name: f.by.hubspot, type: 'string' });
    w.hubspot.state.defineProperty({ name: f.at.hubspot, type: 'datetime' });
    const a = await csm(w, w.db, { id: '501', name: '佐藤 花子' });
    await a.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: '評価を記録', ratings: { promotion: 2, sentiment: 4 }, touchpoint: 'call' });
    const company = w.hubspot.state.objects.companies.get(w.companyId)!;
    await expect.poll(() => company.properties[f.value.hubspot], { timeout: 5_000 }).toBe('2');
    expect(company.properties[f.by.hubspot]).toBe('佐藤 花子');
    expect(company.properties[f.at.hubspot]).toBe(new Date(w.clock.now).toISOString());
    // The sentiment fields do not exist in this portal: nothing was sent for them.
    expect(company.properties[ratingFields('sentiment').value.hubspot]).toBeUndefined();
    expect((await w.db.notes.toArray())[0]?.status).toBe('synced');

    // A teammate's newer rating, pulled from the CRM, is what the next save writes (the latest from anyone).
    w.clock.now += 60_000;
    await a.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: '再評価', ratings: { promotion: 5 }, touchpoint: 'call' });
    await expect.poll(() => company.properties[f.value.hubspot], { timeout: 5_000 }).toBe('5');
  });

  test('a note saved for a company this browser has not opened yet still fills the fields (the key names the record)', async () => {
    const w = (world = await makeWorld());
    w.hubspot.state.addOwner({ id: '501', firstName: '花子', lastName: '佐藤' });
    const f = ratingFields('promotion');
    w.hubspot.state.defineProperty({ name: f.value.hubspot, type: 'number' });
    w.hubspot.state.defineProperty({ name: f.by.hubspot, type: 'string' });
    w.hubspot.state.defineProperty({ name: f.at.hubspot, type: 'datetime' });
    const a = await csm(w, w.db, { id: '501', name: '佐藤 花子' });
    await w.db.accounts.delete(w.hubspotKey);
    await a.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: '取り込んだメモ', ratings: { promotion: 3 }, touchpoint: 'call' });
    const company = w.hubspot.state.objects.companies.get(w.companyId)!;
    await expect.poll(() => company.properties[f.value.hubspot], { timeout: 5_000 }).toBe('3');
    expect(company.properties[f.at.hubspot]).toBe(new Date(w.clock.now).toISOString());
  });

  test('Salesforce: the Account fields describe lists and the user may edit; a refused write leaves the note synced', async () => {
    const w = (world = await makeWorld());
    const f = ratingFields('relationship');
    for (const [name, type] of [[f.value.salesforce, 'double'], [f.by.salesforce, 'string'], [f.at.salesforce, 'datetime']] as const) {
      w.salesforce.state.accountFields.set(name, { type, updateable: true, ...(type === 'string' ? { length: 255 } : {}) });
    }
    const a = await csm(w, w.db, { id: '501', name: '佐藤 花子' });
    await w.setNoteMode('Task');
    const sfKey = (await w.db.accounts.toArray()).find((x) => x.crm === 'salesforce')!;
    await a.ask('note.save', { accountKey: sfKey.key, origin: { objectType: 'account', recordId: sfKey.recordId }, text: '関係性を評価', ratings: { relationship: 3 }, touchpoint: 'call' });
    await expect.poll(async () => String(w.salesforce.state.records.Account.get(sfKey.recordId)?.[f.value.salesforce] ?? ''), { timeout: 5_000 }).toBe('3');
    expect(w.salesforce.state.records.Account.get(sfKey.recordId)?.[f.at.salesforce]).toBeTruthy();

    // A validation rule refuses the next write: the note is synced all the same, and the field keeps its value.
    w.salesforce.state.refuseRecord = () => ({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Ratings are locked this quarter' });
    w.clock.now += 60_000;
    await a.ask('note.save', { accountKey: sfKey.key, origin: { objectType: 'account', recordId: sfKey.recordId }, text: '再評価', ratings: { relationship: 1 }, touchpoint: 'call' });
    await expect.poll(async () => (await w.db.notes.toArray()).every((n) => n.status === 'synced'), { timeout: 5_000 }).toBe(true);
    expect(String(w.salesforce.state.records.Account.get(sfKey.recordId)?.[f.value.salesforce])).toBe('3');
  });
});
