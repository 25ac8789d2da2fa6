import { afterEach, describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/index.ts';
import { makeWorld, PORTAL, SF_ACCOUNT, SF_HOST, SF_KEY, testClients, type World } from '../../tests/support/notes-crm.ts';
import { bodyText, withoutOwnMarker } from '../crm/note-marker.ts';
import { salesforceTitle } from '../crm/salesforce/notes.ts';
import { localDate, noteDestination, noteRatings, outgoingNote, pullCrmNotes } from './crm-notes';
import { noteBodyHtml } from '../crm/hubspot/note-body.ts';
import { latestSignals } from '../db/signals';

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

  test('the portal travels with a HubSpot destination, so another portal\'s connection is never used', () => {
    expect(noteDestination({ accountKey: 'hubspot:999:100', origin: { objectType: 'company', recordId: '100' } }, undefined, undefined)).toMatchObject({ crm: 'hubspot', portalId: '999' });
  });

  test.each([
    [{ text: 'Kickoff call\nsecond line', touchpoint: 'Call', localDate: '2026-11-20' }, 'Kickoff call'],
    [{ text: '   ', touchpoint: 'Meeting', localDate: '2026-11-20' }, 'Meeting · 2026-11-20'],
    [{ text: 'x'.repeat(200), touchpoint: 'Call', localDate: '2026-11-20' }, `${'x'.repeat(79)}…`],
  ])('Salesforce title of %j is %s', (note, title) => {
    expect(salesforceTitle(note)).toBe(title);
  });

  test.each([
    ['08:30 JST is that day in Tokyo', '2026-11-19T23:30:00.000Z', 'Asia/Tokyo', '2026-11-20'],
    ['the same instant in UTC', '2026-11-19T23:30:00.000Z', 'UTC', '2026-11-19'],
    ['late evening in New York', '2026-11-20T03:00:00.000Z', 'America/New_York', '2026-11-19'],
    ['an unknown zone falls back to UTC', '2026-11-19T23:30:00.000Z', 'Mars/Olympus', '2026-11-19'],
  ])('the calendar date a note is filed under: %s', (_n, iso, tz, date) => {
    expect(localDate(iso, tz)).toBe(date);
  });

  test('a note goes out with its own id and the user\'s date', () => {
    const out = outgoingNote({ id: 'n-12345678', text: 'Hi', ratings: {}, touchpoint: 'call', createdAt: '2026-11-19T23:30:00.000Z' }, defaultConfigPack('en'), 'ja', 'Asia/Tokyo');
    expect(out).toMatchObject({ clientId: 'n-12345678', localDate: '2026-11-20', locale: 'ja' });
  });

  test('ratings carry the pack labels and scale; an unknown rating keeps its id', () => {
    const pack = defaultConfigPack('ja');
    const r = noteRatings({ relationship: 4, retired_rating: 2 }, pack, 'ja');
    expect(r[0]).toMatchObject({ value: 4, max: 5 });
    expect(r[0]!.label).not.toBe('relationship');
    expect(r[1]).toEqual({ id: 'retired_rating', label: 'retired_rating', value: 2, max: 5 });
  });
});

describe('CRM HTML as text', () => {
  test.each([
    ['<p>Hello<br>world</p><p>Sidecar ID: 0f0e0d0c-aaaa-bbbb-cccc-000000000000</p>', 'Hello\nworld'],
    ['<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>', '<script>alert(1)</script> & co'],
    ['<div>A&#39;s &#x41;</div>', "A's A"],
  ])('%s', (html, text) => {
    expect(withoutOwnMarker(bodyText(html))).toBe(text);
  });
});

describe('the team’s notes from the CRM', () => {
  test('HubSpot: others’ notes are stored once; Sidecar’s own note whose answer was lost is settled by the outbox, never by the pull', async () => {
    const w = (world = await makeWorld());
    const mine = await w.note('hubspot', 'Mine, synced');
    await w.outbox().run();
    const remoteId = (await w.db.notes.get(mine.id))!.remoteId!;
    // A lost acknowledgement: the local note never learnt its remote id, and its create is marked uncertain.
    await w.db.notes.update(mine.id, { remoteId: undefined, status: 'pending' });
    await w.db.outbox.add({ noteId: mine.id, op: 'create', attempts: 1, nextAttemptAt: new Date(w.clock.now).toISOString(), createdAt: new Date(w.clock.now).toISOString(), uncertain: true });
    const other = w.hubspot.state.addObject('notes', { hs_note_body: '<p>Call with <b>CFO</b> &amp; CEO</p>', hs_timestamp: '2026-11-01T10:00:00.000Z' });
    w.hubspot.state.associate('notes', other, 'companies', w.companyId, [190]);

    const deps = { db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' as const };
    const ref = { crm: 'hubspot' as const, host: 'app.hubspot.com', portalId: String(PORTAL), objectType: 'company' as const, recordId: w.companyId };
    expect(await pullCrmNotes(deps, ref, w.hubspotKey)).toEqual({ added: 1, updated: 0, reconciled: 0, removed: 0 });
    expect((await w.db.notes.get(mine.id))!.remoteId).toBeUndefined();
    await w.outbox().run();
    expect(await pullCrmNotes(deps, ref, w.hubspotKey)).toEqual({ added: 0, updated: 0, reconciled: 0, removed: 0 });

    const notes = await w.db.notes.where('accountKey').equals(w.hubspotKey).toArray();
    expect(notes).toHaveLength(2);
    expect(notes.find((n) => n.id === mine.id)).toMatchObject({ remoteId, status: 'synced' });
    expect(notes.find((n) => n.fromCrm)).toMatchObject({ id: `${w.hubspotKey}#${other}`, remoteId: other, status: 'synced', text: 'Call with CFO & CEO', createdAt: '2026-11-01T10:00:00.000Z' });
    expect(w.hubspot.state.objects.notes.size).toBe(2);

    // Edited and then deleted in HubSpot: the copy here follows.
    w.hubspot.state.objects.notes.get(other)!.properties.hs_note_body = '<p>Call with the CFO</p>';
    expect(await pullCrmNotes(deps, ref, w.hubspotKey)).toMatchObject({ updated: 1 });
    w.hubspot.state.objects.notes.delete(other);
    expect(await pullCrmNotes(deps, ref, w.hubspotKey)).toMatchObject({ removed: 1 });
    expect(await w.db.notes.count()).toBe(1);
  });

  test('a CRM note carrying a local note\'s marker, planted in another account or as a second copy, never takes its place', async () => {
    const w = (world = await makeWorld());
    const mine = await w.note('hubspot', 'Mine');
    await w.outbox().run();
    const synced = (await w.db.notes.get(mine.id))!;
    // A colleague pastes the whole note, marker line included, as a new HubSpot note.
    const copy = w.hubspot.state.addObject('notes', { hs_note_body: `<p>Mine</p><p>Sidecar ID: ${mine.id}</p>`, hs_timestamp: '2026-11-21T10:00:00.000Z' });
    w.hubspot.state.associate('notes', copy, 'companies', w.companyId, [190]);
    const deps = { db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' as const };
    const ref = { crm: 'hubspot' as const, host: 'app.hubspot.com', portalId: String(PORTAL), objectType: 'company' as const, recordId: w.companyId };
    expect(await pullCrmNotes(deps, ref, w.hubspotKey)).toMatchObject({ added: 1, reconciled: 0 });
    expect(await w.db.notes.get(mine.id)).toMatchObject({ remoteId: synced.remoteId, status: 'synced' });
    expect(await w.db.notes.get(`${w.hubspotKey}#${copy}`)).toMatchObject({ fromCrm: true, remoteId: copy });
  });

  test('Salesforce: ContentNotes by others and Sidecar’s Tasks', async () => {
    const w = (world = await makeWorld());
    await w.setNoteMode('Task');
    const mine = await w.note('salesforce', 'Task from Sidecar');
    await w.outbox().run();
    const doc = w.salesforce.state.insert('ContentNote', { Title: 'QBR prep', TextPreview: 'Agenda: adoption, renewal', FileType: 'SNOTE' });
    w.salesforce.state.insert('ContentDocumentLink', { ContentDocumentId: doc, LinkedEntityId: SF_ACCOUNT, ShareType: 'V' });
    // Task mode reads Tasks only (orgs without enhanced Notes refuse ContentNote); ContentNote mode reads both.
    await w.setNoteMode('ContentNote');
    const deps = { db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' as const };
    const ref = { crm: 'salesforce' as const, host: SF_HOST, objectType: 'account' as const, recordId: SF_ACCOUNT };
    expect(await pullCrmNotes(deps, ref, SF_KEY)).toMatchObject({ added: 1 });
    expect(await pullCrmNotes(deps, ref, SF_KEY)).toMatchObject({ added: 0 });
    const notes = await w.db.notes.toArray();
    expect(notes).toHaveLength(2);
    expect(notes.find((n) => n.fromCrm)).toMatchObject({ text: 'QBR prep\n\nAgenda: adoption, renewal', remoteId: doc });
    expect(notes.find((n) => n.id === mine.id)?.fromCrm).toBeUndefined();
  });

  test('Salesforce: a preview cut at 255 characters is marked as cut', async () => {
    const w = (world = await makeWorld());
    const doc = w.salesforce.state.insert('ContentNote', { Title: 'Long', TextPreview: 'y'.repeat(255), FileType: 'SNOTE' });
    w.salesforce.state.insert('ContentDocumentLink', { ContentDocumentId: doc, LinkedEntityId: SF_ACCOUNT, ShareType: 'V' });
    const deps = { db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' as const };
    await pullCrmNotes(deps, { crm: 'salesforce', host: SF_HOST, objectType: 'account', recordId: SF_ACCOUNT }, SF_KEY);
    expect((await w.db.notes.toArray()).find((n) => n.remoteId === doc)).toMatchObject({ fromCrm: true, cut: true });
  });

  test.each([
    ['the whole body is read (sObject Blob Get) and the ratings count', false, { promotion: 2, sentiment: 4 }],
    ['the body cannot be read (500): the preview stays, cut, with no ratings', true, {}],
  ])('Salesforce: a teammate’s Sidecar ContentNote longer than its preview: %s', async (_name, failRead, ratings) => {
    const w = (world = await makeWorld());
    // Written by another browser: here only the CRM holds it.
    await w.note('salesforce', `Quarterly review. ${'Adoption is spreading across departments; '.repeat(8)}`, { ratings: { promotion: 2, sentiment: 4 } });
    await w.outbox().run();
    const doc = [...w.salesforce.state.records.ContentNote.keys()][0]!;
    expect(String(w.salesforce.state.records.ContentNote.get(doc)!.TextPreview).length).toBe(255);
    await w.db.notes.clear();
    await w.db.outbox.clear();
    await w.db.signals.clear();
    if (failRead) w.salesforce.state.faults.push({ match: (r) => r.path.endsWith('/Content'), status: 500, times: Infinity });
    w.salesforce.state.requests.log.length = 0;
    const deps = { db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' as const };
    await pullCrmNotes(deps, { crm: 'salesforce', host: SF_HOST, objectType: 'account', recordId: SF_ACCOUNT }, SF_KEY, defaultConfigPack('en'));
    const row = (await w.db.notes.toArray()).find((n) => n.remoteId === doc);
    expect(row).toMatchObject({ fromCrm: true, ratings });
    expect(!!row?.cut).toBe(failRead);
    expect(row?.text).toContain('Quarterly review.');
    expect(w.salesforce.state.requests.log.filter((l) => l.path.endsWith(`/sobjects/ContentNote/${doc}/Content`)).length).toBeGreaterThanOrEqual(1);
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

  test('a teammate\'s ratings, read from Sidecar\'s block, count for everyone; an edited block, a typed imitation and a signal the pack lacks do not', async () => {
    const w = (world = await makeWorld());
    const pack = defaultConfigPack('en');
    const rating = (id: string) => pack.signals.find((x) => x.id === id && x.source.kind === 'rating')!;
    const teammate = (clientId: string, ratings: Array<{ id: string; value: number }>, at: string, text = 'Call with the sponsor') => {
      const body = noteBodyHtml({ text, ratings: ratings.map((r) => ({ ...r, label: rating(r.id)?.label.en ?? r.id, max: 5 })), touchpoint: 'Call', clientId, locale: 'en', pack: { id: pack.id, version: pack.version } });
      if (!body.ok) throw new Error('body');
      const id = w.hubspot.state.addObject('notes', { hs_note_body: body.value, hs_timestamp: at });
      w.hubspot.state.associate('notes', id, 'companies', w.companyId, [190]);
      return id;
    };
    teammate('aaaaaaaa-1111-4000-8000-000000000001', [{ id: 'promotion', value: 2 }, { id: 'relationship', value: 4 }], '2026-11-18T09:00:00.000Z');
    const edited = teammate('aaaaaaaa-1111-4000-8000-000000000002', [{ id: 'sentiment', value: 5 }], '2026-11-19T09:00:00.000Z');
    const note = w.hubspot.state.objects.notes.get(edited)!;
    note.properties.hs_note_body = String(note.properties.hs_note_body).replace('sentiment=5', 'sentiment=1');
    teammate('aaaaaaaa-1111-4000-8000-000000000003', [], '2026-11-19T10:00:00.000Z', 'Sidecar ratings: sentiment=1 · pack sidecar-default 1 · check 00000000');
    teammate('aaaaaaaa-1111-4000-8000-000000000004', [{ id: 'charisma', value: 3 }], '2026-11-19T11:00:00.000Z');
    // An earlier Sidecar's note: ratings by label, in our own markup.
    const legacy = w.hubspot.state.addObject('notes', {
      hs_note_body: `<p>Old note</p><p><strong>Ratings</strong><br>${rating('sentiment').label.en}: ★★★☆☆ 3 / 5</p><p>Sidecar ID: aaaaaaaa-1111-4000-8000-000000000005</p>`,
      hs_timestamp: '2026-11-17T09:00:00.000Z',
    });
    w.hubspot.state.associate('notes', legacy, 'companies', w.companyId, [190]);

    const deps = { db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' as const };
    const ref = { crm: 'hubspot' as const, host: 'app.hubspot.com', portalId: String(PORTAL), objectType: 'company' as const, recordId: w.companyId };
    await pullCrmNotes(deps, ref, w.hubspotKey, pack);
    const latest = await latestSignals(w.db, [w.hubspotKey]);
    expect(latest.promotion).toMatchObject({ value: 2, source: 'note', observedAt: '2026-11-18T09:00:00.000Z' });
    expect(latest.relationship).toMatchObject({ value: 4 });
    // The edited block and the typed imitation add nothing; the legacy note's sentiment counts.
    expect(latest.sentiment).toMatchObject({ value: 3, observedAt: '2026-11-17T09:00:00.000Z' });
    const rows = await w.db.notes.toArray();
    expect(rows.find((n) => n.remoteId === edited)).toMatchObject({ editedInCrm: true, ratings: {} });
    expect(rows.find((n) => n.text.includes('Old note'))?.ratings).toEqual({ sentiment: 3 });
    // Kept on the note, shown as unknown by the sidebar, never scored by a pack without it.
    expect(rows.find((n) => n.ratings.charisma === 3)).toBeDefined();
    // The note is removed in the CRM: its ratings stop counting.
    w.hubspot.state.objects.notes.clear();
    await pullCrmNotes(deps, ref, w.hubspotKey, pack);
    expect((await latestSignals(w.db, [w.hubspotKey])).promotion).toBeUndefined();
  });
});
