// The notes outbox tried as a hostile user and a flaky network would, against
// the mock CRMs: text that imitates Sidecar's own markers, deletes racing
// creates, half-finished Salesforce creates, Task mode in an org without
// enhanced Notes, pages of another portal or org, and crafted import files.
// Each scenario prints one counts line and holds: 0 notes lost, 0 duplicated,
// 0 other notes changed, and the user's delete honoured.
import { afterEach, describe, expect, test } from 'vitest';
import { ownClientId, titleClientId } from '../crm/note-marker.ts';
import { deleteNote, listNotes, saveNote } from '../db/notes';
import type { NoteRow } from '../db/schema';
import type { NoteExport } from '../messages/options';
import { makeWorld, PORTAL, SF_ACCOUNT, testClients, type World } from '../../tests/support/notes-crm.ts';
import { pullCrmNotes } from './crm-notes';
import { createOptionsHandlers, type Connections } from './options-handlers';
import { createPackStore } from './pack-store';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const hubspotCreate = (req: { method: string; path: string }) => req.method === 'POST' && /\/crm\/objects\/[\w-]+\/notes$/.test(req.path);
const salesforceCreate = (req: { method: string; path: string }) => req.method === 'POST' && /\/composite$|\/sobjects\/(ContentNote|Task)$/.test(req.path);
const sender = { fromExtensionPage: true } as const;

/** Every note body the CRM mocks hold, by CRM id: what "other notes changed" is measured against. */
function crmBodies(w: World): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of w.hubspot.state.objects.notes.values()) out.set(`hs:${n.id}`, String(n.properties.hs_note_body));
  for (const t of w.salesforce.state.records.Task.values()) out.set(`sf:${t.Id}`, `${String(t.Subject)}|${String(t.Description)}`);
  for (const c of w.salesforce.state.records.ContentNote.values()) out.set(`sf:${c.Id}`, `${String(c.Title)}|${String(c.Content)}`);
  return out;
}

interface Outcome {
  /** Local notes (not deleted) with no copy in the CRM. */
  lost: number;
  /** Extra CRM copies of a local note. */
  duplicated: number;
  /** CRM notes that are not this browser's and whose content changed or vanished. */
  othersChanged: number;
  /** Notes the user deleted "also in the CRM" that are still there, or came back here. */
  deletesBroken: number;
}

/**
 * The counts line of a scenario. `others` are the CRM bodies of notes this
 * browser did not write, taken before the scenario ran; `deleted` the ids the
 * user deleted also in the CRM.
 */
async function outcome(w: World, label: string, others: Map<string, string>, deleted: string[] = []): Promise<Outcome> {
  const local = (await w.db.notes.toArray()).filter((n) => !n.fromCrm && !n.deletedAt);
  // CRM notes this browser's notes are tied to: theirs, whatever they were before.
  const ownKeys = new Set(local.flatMap((n) => (n.remoteId ? [`hs:${n.remoteId}`, `sf:${n.remoteId}`] : [])));
  const foreign = (key: string) => others.has(key) && !ownKeys.has(key);
  const copies = new Map<string, number>();
  // Copies of this browser's notes; the notes of others (a planted copy carrying a marker included) are not theirs.
  const bump = (key: string, id: string | null) => id && !foreign(key) && copies.set(id, (copies.get(id) ?? 0) + 1);
  for (const n of w.hubspot.state.objects.notes.values()) bump(`hs:${n.id}`, ownClientId(n.properties.hs_note_body));
  for (const t of w.salesforce.state.records.Task.values()) bump(`sf:${t.Id}`, titleClientId(String(t.Subject ?? '')));
  for (const c of w.salesforce.state.records.ContentNote.values()) bump(`sf:${c.Id}`, titleClientId(String(c.Title ?? '')));
  const now = crmBodies(w);
  const lost = local.filter((n) => n.status !== 'failed' && !copies.get(n.id)).length;
  const duplicated = local.reduce((sum, n) => sum + Math.max(0, (copies.get(n.id) ?? 0) - 1), 0);
  const othersChanged = [...others].filter(([id, body]) => foreign(id) && now.get(id) !== body).length;
  const visible = new Set((await w.db.notes.toArray()).filter((n) => !n.deletedAt).map((n) => n.id));
  const deletesBroken = deleted.filter((id) => (copies.get(id) ?? 0) > 0 || visible.has(id)).length;
  const o = { lost, duplicated, othersChanged, deletesBroken };
  console.log(`${label}: ${local.length} notes, ${lost} lost, ${duplicated} duplicated, ${othersChanged} other notes changed, ${deleted.length - deletesBroken}/${deleted.length} deletes honoured`);
  return o;
}

const CLEAN: Outcome = { lost: 0, duplicated: 0, othersChanged: 0, deletesBroken: 0 };

const pull = (w: World, crm: 'hubspot' | 'salesforce') =>
  pullCrmNotes(
    { db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' },
    crm === 'hubspot'
      ? { crm: 'hubspot', host: 'app.hubspot.com', portalId: String(PORTAL), objectType: 'company', recordId: w.companyId }
      : { crm: 'salesforce', host: 'acme.lightning.force.com', objectType: 'account', recordId: SF_ACCOUNT },
  );

async function edit(w: World, n: NoteRow, text: string) {
  w.clock.now += 1_000;
  await saveNote(w.db, { id: n.id, accountKey: n.accountKey, origin: n.origin, text, ratings: {}, touchpoint: n.touchpoint }, new Date(w.clock.now));
}

/** The text a CSM gets when they copy a whole Sidecar note out of the CRM and paste it into a new one. */
async function pastedCopyOf(w: World, n: NoteRow): Promise<string> {
  const synced = (await w.db.notes.get(n.id))!;
  if (n.accountKey === w.hubspotKey) return `Pasted:\n${String(w.hubspot.state.objects.notes.get(synced.remoteId!)!.properties.hs_note_body).replace(/<[^>]+>/g, '\n')}`;
  return `(Sidecar ID: ${n.id}) pasted\nSidecar ID: ${n.id}`;
}

describe('text that imitates Sidecar’s markers', () => {
  test.each([
    ['HubSpot', 'hubspot', undefined, false],
    ['HubSpot, the cut-off send had arrived', 'hubspot', undefined, true],
    ['Salesforce ContentNote', 'salesforce', 'ContentNote', false],
    ['Salesforce Task', 'salesforce', 'Task', true],
  ] as const)('quoted marker after one cut-off send (%s)', async (name, crm, mode, arrived: boolean) => {
    const w = (world = await makeWorld());
    if (mode) await w.setNoteMode(mode);
    const outbox = w.outbox();
    const a = await w.note(crm, 'Renewal risk: the sponsor is leaving');
    await w.drain(outbox);
    const aRemote = (await w.db.notes.get(a.id))!.remoteId!;
    const others = crmBodies(w);
    others.delete(crm === 'hubspot' ? `hs:${aRemote}` : `sf:${aRemote}`);
    const aBefore = crmBodies(w).get(crm === 'hubspot' ? `hs:${aRemote}` : `sf:${aRemote}`);

    // B quotes A, marker and all; its first send is cut off (reset), before or after the write.
    const b = await w.note(crm, await pastedCopyOf(w, a));
    (crm === 'hubspot' ? w.hubspot : w.salesforce).state.faults.push({ reset: true, ...(arrived ? { applyAfterWrite: true as const } : {}), match: crm === 'hubspot' ? hubspotCreate : salesforceCreate });
    await w.drain(outbox);
    const bRow = (await w.db.notes.get(b.id))!;
    expect(bRow).toMatchObject({ status: 'synced' });
    expect(bRow.remoteId).not.toBe(aRemote);
    // Editing B and deleting B in the CRM touch B only.
    await edit(w, bRow, 'B, edited');
    await w.drain(outbox);
    await deleteNote(w.db, b.id, true, new Date(w.clock.now));
    await w.drain(outbox);
    expect(crmBodies(w).get(crm === 'hubspot' ? `hs:${aRemote}` : `sf:${aRemote}`)).toBe(aBefore);
    expect(await outcome(w, `quoted marker, cut-off send (${name})`, others, [b.id])).toEqual(CLEAN);
  });

  test.each([['HubSpot', 'hubspot'], ['Salesforce Task', 'salesforce']] as const)('a marker planted by another writer (%s)', async (name, crm) => {
    const w = (world = await makeWorld());
    if (crm === 'salesforce') await w.setNoteMode('Task');
    const outbox = w.outbox();
    // A's create reaches the CRM but its answer is lost.
    const a = await w.note(crm, 'QBR notes');
    (crm === 'hubspot' ? w.hubspot : w.salesforce).state.faults.push({ reset: true, applyAfterWrite: true, match: crm === 'hubspot' ? hubspotCreate : salesforceCreate });
    await outbox.run();
    expect((await w.db.notes.get(a.id))!.remoteId).toBeUndefined();
    // A colleague copies the whole note, marker included, into a new note on the same account.
    w.clock.now += 60_000;
    let planted: string;
    if (crm === 'hubspot') {
      planted = w.hubspot.state.addObject('notes', { hs_note_body: `<p>Copied: QBR notes</p><p>Sidecar ID: ${a.id}</p>`, hs_timestamp: new Date(w.clock.now).toISOString() });
      w.hubspot.state.associate('notes', planted, 'companies', w.companyId, [190]);
    } else {
      await new Promise((r) => setTimeout(r, 5));
      planted = w.salesforce.state.insert('Task', { WhatId: SF_ACCOUNT, Subject: `Copied (Sidecar ID: ${a.id})`, Description: `Copied\n\nSidecar ID: ${a.id}`, Status: 'Completed' });
    }
    const others = new Map([[`${crm === 'hubspot' ? 'hs' : 'sf'}:${planted}`, crmBodies(w).get(`${crm === 'hubspot' ? 'hs' : 'sf'}:${planted}`)!]]);
    await w.drain(outbox);
    const aRow = (await w.db.notes.get(a.id))!;
    expect(aRow.remoteId).toBeDefined();
    expect(aRow.remoteId).not.toBe(planted);
    // The pull shows the copy as the colleague's note; A stays the user's.
    await pull(w, crm);
    expect((await w.db.notes.toArray()).find((n) => n.remoteId === planted)).toMatchObject({ fromCrm: true });
    expect(await w.db.notes.get(a.id)).toMatchObject({ remoteId: aRow.remoteId, status: 'synced' });
    await edit(w, aRow, 'QBR notes, edited');
    await w.drain(outbox);
    await deleteNote(w.db, a.id, true, new Date(w.clock.now));
    await w.drain(outbox);
    expect(await outcome(w, `marker planted by another writer (${name})`, others, [a.id])).toEqual(CLEAN);
  });

  test('HubSpot: a planted marker on a note filed at another time is never adopted, even when the note itself never arrived', async () => {
    const w = (world = await makeWorld());
    const outbox = w.outbox();
    const a = await w.note('hubspot', 'Kick-off');
    w.hubspot.state.faults.push({ reset: true, match: hubspotCreate });
    await outbox.run();
    const planted = w.hubspot.state.addObject('notes', { hs_note_body: `<p>forged</p><p>Sidecar ID: ${a.id}</p>`, hs_timestamp: '2026-01-01T00:00:00.000Z' });
    w.hubspot.state.associate('notes', planted, 'companies', w.companyId, [190]);
    const others = crmBodies(w);
    await w.drain(outbox);
    expect((await w.db.notes.get(a.id))!.remoteId).not.toBe(planted);
    expect(await outcome(w, 'planted marker, create never arrived (HubSpot)', others)).toEqual(CLEAN);
  });
});

describe('deletes racing creates', () => {
  test.each([['HubSpot', 'hubspot'], ['Salesforce', 'salesforce']] as const)('delete during an in-flight create (%s)', async (name, crm) => {
    const w = (world = await makeWorld());
    const keep = await w.note(crm, 'Another note, untouched');
    const outbox = w.outbox();
    await w.drain(outbox);
    const others = crmBodies(w);
    const n = await w.note(crm, 'Written, then deleted while it was being sent');
    let deleting: Promise<void> | null = null;
    w.control.onRequest = (method, url) => {
      if (!deleting && method === 'POST' && (hubspotCreate({ method, path: url.pathname }) || salesforceCreate({ method, path: url.pathname }))) {
        deleting = deleteNote(w.db, n.id, true, new Date(w.clock.now));
      }
    };
    (crm === 'hubspot' ? w.hubspot : w.salesforce).state.faults.push({ delayMs: 100, match: crm === 'hubspot' ? hubspotCreate : salesforceCreate });
    await outbox.run();
    await deleting;
    w.control.onRequest = undefined;
    await w.drain(outbox);
    await pull(w, crm);
    expect(await w.db.notes.get(n.id)).toBeUndefined();
    expect(await listNotes(w.db, keep.accountKey)).toMatchObject([{ id: keep.id, status: 'synced' }]);
    expect(await outcome(w, `delete during an in-flight create (${name})`, others, [n.id])).toEqual(CLEAN);
  });

  test.each([
    ['HubSpot, the create had arrived', 'hubspot', true],
    ['HubSpot, the create had not arrived', 'hubspot', false],
    ['Salesforce, the create had arrived', 'salesforce', true],
  ] as const)('delete after a timed-out create (%s)', async (name, crm, arrived) => {
    const w = (world = await makeWorld());
    const outbox = w.outbox();
    const n = await w.note(crm, 'Timed out, then deleted');
    const others = crmBodies(w);
    (crm === 'hubspot' ? w.hubspot : w.salesforce).state.faults.push(
      arrived ? { delayMs: 600, applyAfterWrite: true, match: crm === 'hubspot' ? hubspotCreate : salesforceCreate } : { delayMs: 600, status: 503, match: crm === 'hubspot' ? hubspotCreate : salesforceCreate },
    );
    const first = await outbox.run();
    expect(first.sent).toBe(0);
    await deleteNote(w.db, n.id, true, new Date(w.clock.now));
    await new Promise((r) => setTimeout(r, 700));
    await w.drain(outbox);
    await pull(w, crm);
    expect(await w.db.notes.get(n.id)).toBeUndefined();
    expect(await outcome(w, `delete after a timed-out create (${name})`, others, [n.id])).toEqual(CLEAN);
  });

  test('delete after a timed-out create, CRM copy kept: it comes back as the user’s own note, and can be deleted there later', async () => {
    const w = (world = await makeWorld());
    const outbox = w.outbox();
    const n = await w.note('hubspot', 'Kept in HubSpot');
    const others = crmBodies(w);
    w.hubspot.state.faults.push({ delayMs: 600, applyAfterWrite: true, match: hubspotCreate });
    await outbox.run();
    await deleteNote(w.db, n.id, false, new Date(w.clock.now));
    await new Promise((r) => setTimeout(r, 700));
    await w.drain(outbox);
    expect(await listNotes(w.db, n.accountKey)).toEqual([]);
    await pull(w, 'hubspot');
    const back = await listNotes(w.db, n.accountKey);
    expect(back).toMatchObject([{ id: n.id, status: 'synced' }]);
    expect(back[0]!.fromCrm).toBeUndefined();
    await deleteNote(w.db, n.id, true, new Date(w.clock.now));
    await w.drain(outbox);
    await pull(w, 'hubspot');
    expect(await outcome(w, 'delete after a timed-out create, copy kept then deleted (HubSpot)', others, [n.id])).toEqual(CLEAN);
  });
});

describe('Salesforce: a create is the note and its link, or nothing', () => {
  test.each([
    ['401 INVALID_SESSION_ID', 401],
    ['403 REQUEST_LIMIT_EXCEEDED', 403],
  ] as const)('the link step failing with %s leaves no unlinked note, and the retry writes one', async (name, status) => {
    const w = (world = await makeWorld());
    const outbox = w.outbox();
    for (let i = 0; i < 2; i++) await w.note('salesforce', `Account review ${i}`);
    const others = crmBodies(w);
    w.salesforce.state.faults.push({ status, match: salesforceCreate });
    await outbox.run();
    expect(w.salesforce.state.records.ContentNote.size).toBe(0);
    if (status === 401) await w.db.connections.update('salesforce', { lastError: undefined });
    w.clock.now += 2 * 60 * 60_000;
    await w.drain(outbox);
    await outbox.retryNow();
    expect(w.salesforce.state.records.ContentNote.size).toBe(2);
    expect(w.salesforce.state.records.ContentDocumentLink.size).toBe(2);
    expect(await outcome(w, `Salesforce link step, ${name}`, others)).toEqual(CLEAN);
  });

  test('the link step refused (400, an org that refuses ShareType I): nothing half-made, the note waits with the reason, and "retry now" after the fix writes it once', async () => {
    const w = (world = await makeWorld());
    const outbox = w.outbox();
    const n = await w.note('salesforce', 'Onboarding call');
    const others = crmBodies(w);
    w.salesforce.state.refuseLinks = { errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'ShareType: bad value for restricted picklist field: I' };
    for (let i = 0; i < 3; i++) await outbox.retryNow();
    expect(await w.db.notes.get(n.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('FIELD_INTEGRITY_EXCEPTION') });
    expect([w.salesforce.state.records.ContentNote.size, w.salesforce.state.records.ContentDocumentLink.size]).toEqual([0, 0]);
    w.salesforce.state.refuseLinks = null;
    await outbox.retryNow();
    expect([w.salesforce.state.records.ContentNote.size, w.salesforce.state.records.ContentDocumentLink.size]).toEqual([1, 1]);
    expect(await outcome(w, 'Salesforce link step, 400 then fixed', others)).toEqual(CLEAN);
  });

  test('Task mode after a timeout in an org without ContentNote', async () => {
    const w = (world = await makeWorld());
    await w.setNoteMode('Task');
    w.salesforce.state.contentNotes = false;
    const outbox = w.outbox();
    for (let i = 0; i < 3; i++) await w.note('salesforce', `Call ${i}`);
    const others = crmBodies(w);
    w.salesforce.state.faults.push({ delayMs: 600, applyAfterWrite: true, match: salesforceCreate });
    await outbox.run();
    await new Promise((r) => setTimeout(r, 700));
    await w.drain(outbox);
    await pull(w, 'salesforce');
    expect((await w.db.notes.toArray()).every((n) => n.status === 'synced')).toBe(true);
    expect(w.salesforce.state.requests.log.some((l) => /ContentNote|ContentDocument/.test(decodeURIComponent(l.path + l.query)))).toBe(false);
    expect(await outcome(w, 'Task mode after a timeout, org without ContentNote', others)).toEqual(CLEAN);
  });
});

describe('the wrong account', () => {
  test('a note written on a page of another HubSpot portal is neither sent nor read with this connection', async () => {
    const w = (world = await makeWorld());
    const at = new Date(w.clock.now).toISOString();
    const key = `hubspot:999:${w.companyId}`;
    await w.db.accounts.put({ key, crm: 'hubspot', host: 'app.hubspot.com', portalId: '999', recordId: w.companyId, properties: {}, firstSeenAt: at, lastSeenAt: at });
    const n = await w.note('hubspot', 'Written in portal 999', { accountKey: key });
    const others = crmBodies(w);
    const before = w.hubspot.state.requests.total;
    await w.drain(w.outbox());
    const row = (await w.db.notes.get(n.id))!;
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/portal 999.*portal 123456/);
    await expect(
      pullCrmNotes({ db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'ja' }, { crm: 'hubspot', host: 'app.hubspot.com', portalId: '999', objectType: 'company', recordId: w.companyId }, key),
    ).rejects.toMatchObject({ message: expect.stringMatching(/999.*123456/) });
    await expect(testClients(w.db, w.fetch, 1_000).hubspot('999')).rejects.toMatchObject({ name: 'SidecarError' });
    expect(w.hubspot.state.requests.total).toBe(before);
    expect(await outcome(w, 'another portal’s page', others)).toEqual(CLEAN);
  });

  test('a sandbox page with a production OAuth connection is neither written nor read', async () => {
    const w = (world = await makeWorld());
    const at = new Date(w.clock.now).toISOString();
    const key = `salesforce:acme--uat.sandbox:${SF_ACCOUNT}`;
    await w.db.accounts.put({ key, crm: 'salesforce', host: 'acme--uat.sandbox.lightning.force.com', recordId: SF_ACCOUNT, properties: {}, firstSeenAt: at, lastSeenAt: at });
    const n = await w.note('salesforce', 'Written on the sandbox', { accountKey: key, origin: { objectType: 'account', recordId: SF_ACCOUNT } });
    const others = crmBodies(w);
    const before = w.salesforce.state.requests.total;
    await w.drain(w.outbox());
    const row = (await w.db.notes.get(n.id))!;
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/acme--uat\.sandbox\.my\.salesforce\.com.*acme\.my\.salesforce\.com/);
    await expect(testClients(w.db, w.fetch, 1_000).salesforce('acme--uat.sandbox.lightning.force.com')).rejects.toMatchObject({ name: 'SidecarError' });
    expect(w.salesforce.state.requests.total).toBe(before);
    expect(w.salesforce.state.records.ContentNote.size).toBe(0);
    expect(await outcome(w, 'a sandbox page with a production connection', others)).toEqual(CLEAN);
  });
});

describe('a crafted notes file', () => {
  test('it cannot tie a note to a colleague’s CRM note, nor carry ratings outside the pack’s scale', async () => {
    const w = (world = await makeWorld());
    // A colleague's Sidecar note in HubSpot.
    const theirs = 'c0c0c0c0-0000-4000-8000-00000000c0c0';
    const filed = '2026-11-18T08:00:00.000Z';
    const theirRemote = w.hubspot.state.addObject('notes', { hs_note_body: `<p>Their note</p><p>Sidecar ID: ${theirs}</p>`, hs_timestamp: filed });
    w.hubspot.state.associate('notes', theirRemote, 'companies', w.companyId, [190]);
    const others = crmBodies(w);
    const outbox = w.outbox();
    const connections = {} as Connections;
    const handlers = createOptionsHandlers({ db: w.db, now: () => new Date(w.clock.now), packs: createPackStore(w.db, () => 'en'), connections, outbox });
    const forged: NoteExport = {
      id: theirs,
      accountKey: w.hubspotKey,
      origin: { objectType: 'company', recordId: w.companyId },
      text: 'Forged text that would overwrite theirs',
      ratings: {},
      touchpoint: 'call',
      createdAt: filed,
      updatedAt: filed,
      status: 'synced',
      remoteId: theirRemote,
    };
    const badRating: NoteExport = { ...forged, id: 'd1d1d1d1-0000-4000-8000-00000000d1d1', ratings: { relationship: 9 } };
    await expect(handlers['notes.import']({ notes: [forged, badRating] }, sender)).rejects.toMatchObject({
      code: 'import-rejected',
      detail: { problems: [{ row: 2, field: 'ratings.relationship', code: 'rating-out-of-scale', params: { value: 9, max: 5 } }] },
    });
    expect(await w.db.notes.count()).toBe(0);

    expect(await handlers['notes.import']({ notes: [forged] }, sender)).toEqual({ added: 1, skipped: 0 });
    const imported = (await w.db.notes.get(theirs))!;
    expect([imported.status, imported.remoteId, imported.fromCrm]).toEqual(['pending', undefined, undefined]);
    await w.drain(outbox);
    const row = (await w.db.notes.get(theirs))!;
    expect(row).toMatchObject({ status: 'failed', error: expect.stringContaining('other content') });
    expect(row.remoteId).toBeUndefined();
    // Editing it changes nothing of theirs either.
    await edit(w, row, 'Edited forged text');
    await outbox.retryNow();
    expect(crmBodies(w)).toEqual(others);
    // A genuine restore (same id, same text as in the CRM) is matched to the CRM copy, not duplicated.
    await w.db.notes.clear();
    await w.db.outbox.clear();
    const genuine: NoteExport = { ...forged, text: 'Their note' };
    await handlers['notes.import']({ notes: [genuine] }, sender);
    await w.drain(outbox);
    expect(await w.db.notes.get(theirs)).toMatchObject({ status: 'synced', remoteId: theirRemote });
    expect(await outcome(w, 'a crafted import', others)).toEqual(CLEAN);
  });
});
