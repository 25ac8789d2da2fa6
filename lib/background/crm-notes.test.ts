import Dexie from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/index.ts';
import { makeWorld, PORTAL, SF_ACCOUNT, SF_HOST, SF_KEY, testClients, type World } from '../../tests/support/notes-crm.ts';
import { describeStorageError, withStorageErrors, hubspotAssociations, noteDestination, noteHtmlToText, noteRatings, pullCrmNotes, salesforceTitle, storagePressure } from './crm-notes';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('where a note goes', () => {
  const key = 'hubspot:1:100';
  test.each([
    ['company page', { objectType: 'company', recordId: '100' }, undefined, { companyId: '100', lookupCompanyOf: null, also: null }],
    ['contact page, company known', { objectType: 'contact', recordId: '7' }, undefined, { companyId: '100', also: { toObjectType: 'contact', toId: '7' } }],
    ['deal page, company known', { objectType: 'deal', recordId: '8' }, undefined, { companyId: '100', also: { toObjectType: 'deal', toId: '8' } }],
  ])('HubSpot, %s', (_name, origin, resolved, expected) => {
    expect(noteDestination({ accountKey: key, origin }, undefined, resolved)).toMatchObject({ crm: 'hubspot', ...expected });
  });

  test('HubSpot, keyed to a contact: its company is looked up', () => {
    expect(noteDestination({ accountKey: 'hubspot:1:7', origin: { objectType: 'contact', recordId: '7' } }, undefined, undefined)).toMatchObject({
      companyId: null,
      lookupCompanyOf: { type: 'contacts', id: '7' },
    });
  });

  test('Salesforce: the account in 18 characters, on the host it was seen on', () => {
    expect(noteDestination({ accountKey: 'salesforce:acme:001D000000IRFma', origin: { objectType: 'account', recordId: '001D000000IRFma' } }, undefined, undefined)).toEqual({
      crm: 'salesforce',
      accountId: '001D000000IRFmaIAH',
      pageHost: 'acme.my.salesforce.com',
    });
  });

  test('the company link is never doubled', () => {
    expect(hubspotAssociations('100', { toObjectType: 'contact', toId: '100' })).toEqual([{ toObjectType: 'company', toId: '100' }]);
  });

  test.each([
    [{ text: 'Kickoff call\nsecond line', touchpoint: 'call' as const, createdAt: '2026-11-20T00:00:00Z' }, 'Kickoff call'],
    [{ text: '   ', touchpoint: 'meeting' as const, createdAt: '2026-11-20T00:00:00Z' }, 'Meeting · 2026-11-20'],
    [{ text: 'x'.repeat(200), touchpoint: 'call' as const, createdAt: '2026-11-20T00:00:00Z' }, `${'x'.repeat(79)}…`],
  ])('Salesforce title of %j is %s', (note, title) => {
    expect(salesforceTitle(note, 'en')).toBe(title);
  });

  test('ratings carry the pack labels and scale; an unknown rating keeps its id', () => {
    const pack = defaultConfigPack('ja');
    const r = noteRatings({ relationship: 4, retired_rating: 2 }, pack, 'ja');
    expect(r[0]).toMatchObject({ value: 4, max: 5 });
    expect(r[0]!.label).not.toBe('relationship');
    expect(r[1]).toEqual({ label: 'retired_rating', value: 2, max: 5 });
  });
});

describe('CRM HTML as text', () => {
  test.each([
    ['<p>Hello<br>world</p><p>Sidecar ID: 0f0e0d0c-aaaa-bbbb-cccc-000000000000</p>', 'Hello\nworld'],
    ['<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>', '<script>alert(1)</script> & co'],
    ['<div>A&#39;s &#x41;</div>', "A's A"],
  ])('%s', (html, text) => {
    expect(noteHtmlToText(html)).toBe(text);
  });
});

describe('the team’s notes from the CRM', () => {
  test('HubSpot: others’ notes are stored once, Sidecar’s own are matched to the local note', async () => {
    const w = (world = await makeWorld());
    const mine = await w.note('hubspot', 'Mine, synced');
    await w.outbox().run();
    const remoteId = (await w.db.notes.get(mine.id))!.remoteId!;
    // A lost acknowledgement: the local note never learnt its remote id.
    await w.db.notes.update(mine.id, { remoteId: undefined, status: 'pending' });
    await w.db.outbox.clear();
    const other = w.hubspot.state.addObject('notes', { hs_note_body: '<p>Call with <b>CFO</b> &amp; CEO</p>', hs_timestamp: '2026-11-01T10:00:00.000Z' });
    w.hubspot.state.associate('notes', other, 'companies', w.companyId, [190]);

    const deps = { db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' as const };
    const ref = { crm: 'hubspot' as const, host: 'app.hubspot.com', portalId: String(PORTAL), objectType: 'company' as const, recordId: w.companyId };
    expect(await pullCrmNotes(deps, ref, w.hubspotKey)).toEqual({ added: 1, updated: 0, reconciled: 1, removed: 0 });
    expect(await pullCrmNotes(deps, ref, w.hubspotKey)).toEqual({ added: 0, updated: 0, reconciled: 0, removed: 0 });

    const notes = await w.db.notes.where('accountKey').equals(w.hubspotKey).toArray();
    expect(notes).toHaveLength(2);
    expect(notes.find((n) => n.id === mine.id)).toMatchObject({ remoteId, status: 'synced' });
    expect(notes.find((n) => n.fromCrm)).toMatchObject({ remoteId: other, status: 'synced', text: 'Call with CFO & CEO', createdAt: '2026-11-01T10:00:00.000Z' });

    // Edited and then deleted in HubSpot: the copy here follows.
    w.hubspot.state.objects.notes.get(other)!.properties.hs_note_body = '<p>Call with the CFO</p>';
    expect(await pullCrmNotes(deps, ref, w.hubspotKey)).toMatchObject({ updated: 1 });
    w.hubspot.state.objects.notes.delete(other);
    expect(await pullCrmNotes(deps, ref, w.hubspotKey)).toMatchObject({ removed: 1 });
    expect(await w.db.notes.count()).toBe(1);
  });

  test('Salesforce: ContentNotes by others and Sidecar’s Tasks', async () => {
    const w = (world = await makeWorld());
    await w.setNoteMode('Task');
    const mine = await w.note('salesforce', 'Task from Sidecar');
    await w.outbox().run();
    const doc = w.salesforce.state.insert('ContentNote', { Title: 'QBR prep', TextPreview: 'Agenda: adoption, renewal', FileType: 'SNOTE' });
    w.salesforce.state.insert('ContentDocumentLink', { ContentDocumentId: doc, LinkedEntityId: SF_ACCOUNT, ShareType: 'V' });
    const deps = { db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' as const };
    const ref = { crm: 'salesforce' as const, host: SF_HOST, objectType: 'account' as const, recordId: SF_ACCOUNT };
    expect(await pullCrmNotes(deps, ref, SF_KEY)).toMatchObject({ added: 1 });
    expect(await pullCrmNotes(deps, ref, SF_KEY)).toMatchObject({ added: 0 });
    const notes = await w.db.notes.toArray();
    expect(notes).toHaveLength(2);
    expect(notes.find((n) => n.fromCrm)).toMatchObject({ text: 'QBR prep\n\nAgenda: adoption, renewal', remoteId: doc });
    expect(notes.find((n) => n.id === mine.id)?.fromCrm).toBeUndefined();
  });

  test('not connected: nothing is read or stored', async () => {
    const w = (world = await makeWorld());
    await w.db.connections.delete('hubspot');
    const deps = { db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' as const };
    const ref = { crm: 'hubspot' as const, host: 'app.hubspot.com', portalId: String(PORTAL), objectType: 'company' as const, recordId: w.companyId };
    expect(await pullCrmNotes(deps, ref, w.hubspotKey)).toMatchObject({ skipped: 'not-connected' });
  });

  test('a 401 throws a SidecarError and asks for reconnection', async () => {
    const w = (world = await makeWorld());
    w.hubspot.state.token = 'revoked';
    const deps = { db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' as const };
    const ref = { crm: 'hubspot' as const, host: 'app.hubspot.com', portalId: String(PORTAL), objectType: 'company' as const, recordId: w.companyId };
    await expect(pullCrmNotes(deps, ref, w.hubspotKey)).rejects.toMatchObject({ name: 'SidecarError', code: 'auth' });
    expect((await w.db.connections.get('hubspot'))?.lastError?.code).toBe('auth');
  });
});

describe('storage errors', () => {
  const abortWithQuota = Object.assign(new Dexie.AbortError('Transaction aborted'), { inner: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
  test.each<[string, unknown, string | null]>([
    ['Dexie QuotaExceededError', new Dexie.QuotaExceededError('QuotaExceededError'), 'storage-full'],
    ['AbortError wrapping a quota DOMException', abortWithQuota, 'storage-full'],
    ['a bare DOMException', new DOMException('Quota exceeded', 'QuotaExceededError'), 'storage-full'],
    ['database closed', new Dexie.DatabaseClosedError('closed'), 'storage'],
    ['not about storage', new Error('boom'), null],
    ['not an error', 'boom', null],
  ])('%s → %s', (_name, err, code) => {
    const e = describeStorageError(err, 'en');
    expect(e?.code ?? null).toBe(code);
    if (code === 'storage-full') {
      expect(e?.message).toMatch(/storage .*is full/);
      expect(describeStorageError(err, 'ja')?.message).toMatch(/いっぱい/);
    }
  });

  test.each([
    [{ usage: 95, quota: 100 }, /95% full/],
    [{ usage: 10, quota: 100 }, null],
    [{}, null],
  ])('storage pressure %j', (estimate, expected) => {
    const m = storagePressure(estimate, 'en');
    if (expected) expect(m).toMatch(expected);
    else expect(m).toBeNull();
  });
});

describe('handlers guarded against storage errors', () => {
  test('a quota error from any handler becomes storage-full; other errors pass through', async () => {
    const boom = new Error('boom');
    const guarded = withStorageErrors(
      {
        save: async (_x: number) => {
          throw new Dexie.QuotaExceededError('full');
        },
        other: async () => {
          throw boom;
        },
        fine: async (x: number) => x + 1,
      },
      () => 'en',
    );
    await expect(guarded.save(1)).rejects.toMatchObject({ name: 'SidecarError', code: 'storage-full' });
    await expect(guarded.other()).rejects.toBe(boom);
    await expect(guarded.fine(1)).resolves.toBe(2);
  });
});
