import { afterEach, describe, expect, test } from 'vitest';
import { crmErrors, type CrmError } from '../crm/http.ts';
import { deleteNote, listNotes, saveNote } from '../db/notes';
import { SidecarDb } from '../db/schema';
import type { Fault } from '../../tests/mocks/shared.ts';
import { makeWorld, PORTAL, SF_ACCOUNT, testClients, type World } from '../../tests/support/notes-crm.ts';
import { pullCrmNotes } from './crm-notes';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, classifyFailure, PARKED, retryDelay } from './outbox';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const isNoteCreate = (crm: 'hubspot' | 'salesforce') => (req: { method: string; path: string }) =>
  req.method === 'POST' && (crm === 'hubspot' ? req.path === '/crm/objects/2026-09/notes' : /\/sobjects\/(ContentNote|Task)$|\/composite$/.test(req.path));

const hubspotDaily = { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', policyName: 'DAILY', correlationId: 'x' };

async function expectAllOnce(w: World, label: string, n: number) {
  const t = await w.tally(label);
  expect(t).toEqual({ notes: n, inCrm: n, duplicates: 0, synced: n });
  expect(await w.db.outbox.count()).toBe(0);
}

describe('retry policy', () => {
  test.each<[string, CrmError, number, ReturnType<typeof classifyFailure>]>([
    ['401', crmErrors.auth('hubspot'), 1, 'auth'],
    ['403 scope', crmErrors.forbidden('hubspot', 'crm.objects.contacts.write'), 1, 'auth'],
    ['429 rolling', crmErrors.rateLimit('hubspot', 10_000, 'TEN_SECONDLY_ROLLING'), 1, 'rate-limit'],
    ['429 daily', crmErrors.rateLimit('hubspot', 3_600_000, 'DAILY'), 1, 'rate-limit'],
    ['Salesforce REQUEST_LIMIT_EXCEEDED', crmErrors.rateLimit('salesforce', 3_600_000, 'REQUEST_LIMIT_EXCEEDED'), 1, 'rate-limit'],
    ['500 first try', crmErrors.server('hubspot', 500), 1, 'retry'],
    ['500 eighth try', crmErrors.server('hubspot', 500), 8, 'failed'],
    ['501', crmErrors.server('hubspot', 501), 1, 'failed'],
    ['network', crmErrors.network('hubspot'), 3, 'retry'],
    ['timeout', crmErrors.timeout('salesforce'), 7, 'retry'],
    ['malformed answer', crmErrors.malformed('hubspot', 'x'), 1, 'retry'],
    ['validation', crmErrors.validation('hubspot', 'bad'), 1, 'failed'],
    ['not found', crmErrors.notFound('salesforce'), 1, 'failed'],
  ])('%s → %s', (_name, err, attempts, expected) => {
    expect(classifyFailure(err, attempts, 8)).toBe(expected);
  });

  test.each([
    [1, 0.999, BACKOFF_BASE_MS],
    [2, 0.999, 2 * BACKOFF_BASE_MS],
    [5, 0.999, 16 * BACKOFF_BASE_MS],
    [20, 0.999, BACKOFF_MAX_MS],
    [3, 0, 0],
  ])('try %i, random %f: the wait is below %i ms (full jitter)', (attempts, r, ceiling) => {
    const d = retryDelay(attempts, () => r);
    expect(d).toBeLessThanOrEqual(ceiling);
    if (r > 0.9) expect(d).toBeGreaterThan(ceiling * 0.99 - 1);
  });
});

type Scenario = {
  name: string;
  crm: 'hubspot' | 'salesforce';
  notes: number;
  faults: (w: World) => Fault[];
  noteMode?: 'ContentNote' | 'Task';
  /** The shortest virtual wait the first failure must cause. */
  minWaitMs?: number;
};

const scenarios: Scenario[] = [
  { name: 'HubSpot 500 ×3', crm: 'hubspot', notes: 5, faults: () => [{ status: 500, times: 3, match: isNoteCreate('hubspot') }] },
  { name: 'HubSpot 502/503', crm: 'hubspot', notes: 3, faults: () => [{ status: 502, match: isNoteCreate('hubspot') }, { status: 503, match: isNoteCreate('hubspot') }] },
  { name: 'HubSpot 500 after the write', crm: 'hubspot', notes: 3, faults: () => [{ status: 500, applyAfterWrite: true, times: 2, match: isNoteCreate('hubspot') }] },
  {
    name: 'HubSpot 429 TEN_SECONDLY_ROLLING',
    crm: 'hubspot',
    notes: 4,
    faults: () => [{ status: 429, times: 2, match: isNoteCreate('hubspot') }],
    minWaitMs: 10_000,
  },
  {
    name: 'HubSpot 429 DAILY',
    crm: 'hubspot',
    notes: 3,
    faults: () => [{ status: 429, body: hubspotDaily, match: isNoteCreate('hubspot') }],
    // 09:00 UTC → the next UTC midnight.
    minWaitMs: 15 * 3_600_000,
  },
  { name: 'HubSpot timeout after the write', crm: 'hubspot', notes: 3, faults: () => [{ delayMs: 2_000, applyAfterWrite: true, match: isNoteCreate('hubspot') }] },
  { name: 'HubSpot timeout before the write', crm: 'hubspot', notes: 2, faults: () => [{ delayMs: 2_000, status: 503, match: isNoteCreate('hubspot') }] },
  { name: 'HubSpot connection reset', crm: 'hubspot', notes: 3, faults: () => [{ reset: true, times: 2, match: isNoteCreate('hubspot') }] },
  { name: 'HubSpot reset after the write', crm: 'hubspot', notes: 3, faults: () => [{ reset: true, applyAfterWrite: true, times: 2, match: isNoteCreate('hubspot') }] },
  { name: 'HubSpot garbled answer after the write', crm: 'hubspot', notes: 2, faults: () => [{ malformedJson: true, applyAfterWrite: true, match: isNoteCreate('hubspot') }] },
  { name: 'Salesforce 500', crm: 'salesforce', notes: 3, faults: () => [{ status: 500, times: 2, match: isNoteCreate('salesforce') }] },
  {
    name: 'Salesforce 403 REQUEST_LIMIT_EXCEEDED',
    crm: 'salesforce',
    notes: 3,
    faults: () => [{ status: 403, match: isNoteCreate('salesforce') }],
    minWaitMs: 3_600_000,
  },
  { name: 'Salesforce ContentNote reset after the write', crm: 'salesforce', notes: 3, faults: () => [{ reset: true, applyAfterWrite: true, match: isNoteCreate('salesforce') }] },
  { name: 'Salesforce ContentNote and link, 500 after the write', crm: 'salesforce', notes: 2, faults: () => [{ status: 500, applyAfterWrite: true, match: isNoteCreate('salesforce') }] },
  { name: 'Salesforce Task timeout after the write', crm: 'salesforce', notes: 3, noteMode: 'Task', faults: () => [{ delayMs: 2_000, applyAfterWrite: true, match: isNoteCreate('salesforce') }] },
];

describe('fault injection: every note reaches the CRM exactly once', () => {
  test.each(scenarios)('$name', async (s) => {
    const w = (world = await makeWorld());
    if (s.noteMode) await w.setNoteMode(s.noteMode);
    for (let i = 0; i < s.notes; i++) await w.note(s.crm, `Note ${i + 1} of ${s.name}`);
    const mock = s.crm === 'hubspot' ? w.hubspot : w.salesforce;
    mock.state.faults.push(...s.faults(w));
    const start = w.clock.now;
    const outbox = w.outbox();
    const first = await outbox.run();
    expect(first.sent).toBeLessThan(s.notes);
    if (s.minWaitMs) {
      // The CRM's wait holds for every note of that CRM, and the alarm is set no earlier.
      const next = await w.db.outbox.orderBy('nextAttemptAt').first();
      expect(Date.parse(next!.nextAttemptAt) - start).toBeGreaterThanOrEqual(s.minWaitMs);
      expect(w.scheduled.at(-1)! - start).toBeGreaterThanOrEqual(s.minWaitMs);
      const status = await outbox.status();
      expect(status.pending).toBe(s.notes - first.sent);
    }
    await w.drain(outbox);
    expect(mock.state.faults.length).toBe(0);
    await expectAllOnce(w, s.name, s.notes);
  });
});

describe('auth', () => {
  test('a 401 in the middle of a sync: some synced, the rest needs-auth, then reconnect → all synced', async () => {
    const w = (world = await makeWorld());
    for (let i = 0; i < 6; i++) await w.note('hubspot', `Quarterly check-in ${i}`);
    let creates = 0;
    w.control.onRequest = (method, url) => {
      // The token is revoked in HubSpot after the third note.
      if (method === 'POST' && url.pathname === '/crm/objects/2026-09/notes' && ++creates === 4) w.hubspot.state.token = 'rotated-token';
    };
    const outbox = w.outbox();
    const report = await outbox.run();
    expect(report).toMatchObject({ sent: 3, needsAuth: 1 });
    const statuses = (await w.db.notes.toArray()).map((n) => n.status).sort();
    expect(statuses).toEqual(['needs-auth', 'needs-auth', 'needs-auth', 'synced', 'synced', 'synced']);
    expect(await outbox.status()).toMatchObject({ pending: 0, needsAuth: 3 });
    expect((await w.db.connections.get('hubspot'))?.lastError?.code).toBe('auth');
    // Paused: alarms come and go, nothing is sent until the user reconnects.
    w.clock.now += 60 * 60_000;
    const before = w.hubspot.state.requests.total;
    await outbox.run();
    expect(w.hubspot.state.requests.total).toBe(before);
    await w.tally('401 mid-sync, before reconnect');

    await w.db.connections.put({ id: 'hubspot', secret: { token: 'rotated-token' }, connectedAt: new Date(w.clock.now).toISOString() });
    await outbox.run();
    await expectAllOnce(w, '401 mid-sync, after reconnect', 6);
  });

  test('Salesforce 401 INVALID_SESSION_ID → needs-auth, then reconnect → synced', async () => {
    const w = (world = await makeWorld());
    for (let i = 0; i < 3; i++) await w.note('salesforce', `Account review ${i}`);
    w.salesforce.state.faults.push({ status: 401, times: Infinity, match: isNoteCreate('salesforce') });
    const outbox = w.outbox();
    expect(await outbox.run()).toMatchObject({ sent: 0, needsAuth: 1 });
    expect(await outbox.status()).toMatchObject({ needsAuth: 3 });
    w.salesforce.state.faults.length = 0;
    await w.db.connections.update('salesforce', { lastError: undefined });
    await outbox.run();
    await expectAllOnce(w, 'Salesforce 401, after reconnect', 3);
  });

  test('a note of an unconnected CRM waits for the connection, then syncs', async () => {
    const w = (world = await makeWorld());
    await w.db.connections.delete('hubspot');
    await w.note('hubspot', 'Written before connecting');
    const outbox = w.outbox();
    await outbox.run();
    expect((await w.db.notes.toArray())[0]?.status).toBe('needs-auth');
    await w.db.connections.put({ id: 'hubspot', secret: { token: w.hubspot.state.token } });
    await outbox.run();
    await expectAllOnce(w, 'connected later', 1);
  });
});

describe('crash and restart', () => {
  test('a crash between send and acknowledgement: the fresh worker finds the note, creates nothing twice', async () => {
    const w = (world = await makeWorld());
    await w.note('hubspot', 'Renewal risk: champion leaving');
    w.control.hang = true;
    const dying = w.outbox();
    void dying.run();
    // The write reaches HubSpot; the answer never comes back to this worker.
    await expect.poll(() => w.hubspot.state.objects.notes.size, { timeout: 5_000 }).toBe(1);
    const entry = (await w.db.outbox.toArray())[0]!;
    expect(entry.uncertain).toBe(true);
    expect((await w.db.notes.toArray())[0]?.status).toBe('syncing');

    // A new worker: a new connection to the same database, a new outbox.
    w.control.hang = false;
    const db2 = new SidecarDb(w.dbName);
    const fresh = w.outbox({ db: db2 });
    await fresh.run();
    const creates = w.hubspot.state.requests.log.filter((l) => l.method === 'POST' && l.path === '/crm/objects/2026-09/notes').length;
    expect(creates).toBe(1);
    await expectAllOnce(w, 'crash between send and ack', 1);
    db2.close();
  });

  test('a restart with a pending outbox sends it', async () => {
    const w = (world = await makeWorld());
    for (let i = 0; i < 4; i++) await w.note(i % 2 ? 'salesforce' : 'hubspot', `Before the restart ${i}`);
    w.hubspot.state.faults.push({ status: 500, times: Infinity, match: isNoteCreate('hubspot') });
    w.salesforce.state.faults.push({ status: 500, times: Infinity, match: isNoteCreate('salesforce') });
    await w.outbox().run();
    expect(await w.db.outbox.count()).toBe(4);
    w.db.close();

    w.hubspot.state.faults.length = 0;
    w.salesforce.state.faults.length = 0;
    const db2 = new SidecarDb(w.dbName);
    w.db = db2;
    await w.drain(w.outbox({ db: db2 }));
    await expectAllOnce(w, 'restart with pending outbox', 4);
  });

  test('1,000 notes saved offline reach HubSpot once each when back online', { timeout: 180_000 }, async () => {
    const w = (world = await makeWorld());
    w.control.offline = true;
    for (let i = 0; i < 1000; i++) await w.note('hubspot', `Offline note ${i}`);
    const outbox = w.outbox();
    const offline = await outbox.run();
    // One failed try pauses HubSpot: the other 999 wait without a request each.
    expect(offline).toMatchObject({ sent: 0, retrying: 1, deferred: 999 });
    expect(await outbox.status()).toMatchObject({ pending: 1000, failed: 0 });
    w.control.offline = false;
    await w.drain(outbox);
    await expectAllOnce(w, '1000 notes offline then online', 1000);
  });
});

describe('failures the user must see', () => {
  test('a validation error is shown on the note and not retried; retryNow resumes it', async () => {
    const w = (world = await makeWorld());
    await w.note('hubspot', 'Rejected once');
    w.hubspot.state.faults.push({ status: 400, match: isNoteCreate('hubspot') });
    const outbox = w.outbox();
    await w.drain(outbox);
    const [note] = await w.db.notes.toArray();
    expect(note).toMatchObject({ status: 'failed' });
    expect(note?.error).toMatch(/did not accept/);
    expect(w.hubspot.state.requests.log.filter((l) => l.method === 'POST' && l.path === '/crm/objects/2026-09/notes')).toHaveLength(1);
    expect((await w.db.outbox.toArray())[0]?.nextAttemptAt).toBe(PARKED);
    expect(await outbox.status()).toMatchObject({ failed: 1, pending: 0 });

    expect(await outbox.retryNow()).toMatchObject({ failed: 0, pending: 0 });
    await expectAllOnce(w, 'validation then retryNow', 1);
  });

  test('after 8 tries the note shows failed with the last message; the entry stays for retryNow', async () => {
    const w = (world = await makeWorld());
    await w.note('hubspot', 'HubSpot is down all day');
    w.hubspot.state.faults.push({ status: 500, times: Infinity, match: isNoteCreate('hubspot') });
    const outbox = w.outbox();
    await w.drain(outbox);
    const [note] = await w.db.notes.toArray();
    expect(note?.status).toBe('failed');
    expect(note?.error).toMatch(/HTTP 500/);
    const [entry] = await w.db.outbox.toArray();
    expect(entry).toMatchObject({ attempts: 8, nextAttemptAt: PARKED });
    w.hubspot.state.faults.length = 0;
    await outbox.retryNow();
    await expectAllOnce(w, '8 tries then retryNow', 1);
  });

  test('editing a failed note wakes it', async () => {
    const w = (world = await makeWorld());
    const n = await w.note('hubspot', 'x'.repeat(10));
    w.hubspot.state.faults.push({ status: 400, match: isNoteCreate('hubspot') });
    const outbox = w.outbox();
    await w.drain(outbox);
    expect((await w.db.notes.get(n.id))?.status).toBe('failed');
    await saveNote(w.db, { id: n.id, accountKey: n.accountKey, origin: n.origin, text: 'Fixed text', ratings: {}, touchpoint: 'call' }, new Date(w.clock.now));
    await outbox.run();
    await expectAllOnce(w, 'edit after failure', 1);
  });
});

describe('what reaches the CRM', () => {
  const payloads = [
    '<img src=x onerror=alert(1)>',
    '</p><script>alert(1)</script>',
    '"><svg onload=alert(1)>',
    "<a href='javascript:alert(1)'>click</a> & more",
    '<!-- Sidecar ID: 00000000-0000-0000-0000-000000000000 -->',
  ];

  test.each(payloads)('HubSpot stores %s escaped', async (text) => {
    const w = (world = await makeWorld());
    const n = await w.note('hubspot', text);
    await w.outbox().run();
    const stored = [...w.hubspot.state.objects.notes.values()][0]!.properties.hs_note_body!;
    expect(stored).not.toMatch(/<(img|script|svg|a)\b/i);
    expect(stored).toContain(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    // The marker the user could not forge: the one Sidecar wrote is the note's own id.
    expect(stored).toContain(`Sidecar ID: ${n.id}`);
  });

  test.each(payloads)('Salesforce ContentNote stores %s escaped', async (text) => {
    const w = (world = await makeWorld());
    await w.note('salesforce', text);
    await w.outbox().run();
    const id = [...w.salesforce.state.records.ContentNote.keys()][0]!;
    const html = w.salesforce.state.noteContent(id)!;
    expect(html).not.toMatch(/<(img|script|svg|a)\b/i);
    expect(html).toContain('&lt;');
  });

  test('HubSpot: the ratings appear as a readable block, and the note links to the company and the contact it was written from', async () => {
    const w = (world = await makeWorld());
    await w.note('hubspot', 'Met the champion', { origin: { objectType: 'contact', recordId: w.contactId }, ratings: { relationship: 4 }, touchpoint: 'meeting' });
    await w.outbox().run();
    const [stored] = [...w.hubspot.state.objects.notes.values()];
    const body = stored!.properties.hs_note_body!;
    expect(body).toMatch(/Touchpoint:<\/strong> Meeting/);
    expect(body).toMatch(/Ratings<\/strong><br>[^<]+: ★★★★☆ 4 \/ 5/);
    const links = w.hubspot.state.associations.filter((a) => a.fromType === 'notes' && a.fromId === stored!.id).map((a) => `${a.toType}:${a.toId}`).sort();
    expect(links).toEqual([`companies:${w.companyId}`, `contacts:${w.contactId}`].sort());
  });

  test('HubSpot: a note written on a deal links to the deal too', async () => {
    const w = (world = await makeWorld());
    await w.note('hubspot', 'Renewal negotiation', { origin: { objectType: 'deal', recordId: w.dealId } });
    await w.outbox().run();
    const [stored] = [...w.hubspot.state.objects.notes.values()];
    const links = w.hubspot.state.associations.filter((a) => a.fromType === 'notes' && a.fromId === stored!.id).map((a) => a.toType).sort();
    expect(links).toEqual(['companies', 'deals']);
  });

  test('HubSpot: a note keyed to a contact whose company was unknown finds the primary company', async () => {
    const w = (world = await makeWorld());
    const key = `hubspot:123456:${w.contactId}`;
    await saveNote(w.db, { accountKey: key, origin: { objectType: 'contact', recordId: w.contactId }, text: 'From the contact page', ratings: {}, touchpoint: 'email' }, new Date(w.clock.now));
    await w.outbox().run();
    const [stored] = [...w.hubspot.state.objects.notes.values()];
    const links = w.hubspot.state.associations.filter((a) => a.fromType === 'notes' && a.fromId === stored!.id).map((a) => `${a.toType}:${a.toId}`).sort();
    expect(links).toEqual([`companies:${w.companyId}`, `contacts:${w.contactId}`].sort());
  });

  test.each(['ContentNote', 'Task'] as const)('Salesforce %s: create, edit, delete', async (mode) => {
    const w = (world = await makeWorld());
    await w.setNoteMode(mode);
    const n = await w.note('salesforce', 'First version');
    const outbox = w.outbox();
    await outbox.run();
    const remoteId = (await w.db.notes.get(n.id))!.remoteId!;
    expect(w.salesforce.state.records[mode].has(remoteId)).toBe(true);
    w.clock.now += 1000;
    await saveNote(w.db, { id: n.id, accountKey: n.accountKey, origin: n.origin, text: 'Second version', ratings: {}, touchpoint: 'call' }, new Date(w.clock.now));
    await outbox.run();
    const row = w.salesforce.state.records[mode].get(remoteId)!;
    const text = mode === 'Task' ? String(row.Description) : w.salesforce.state.noteContent(remoteId)!;
    expect(text).toContain('Second version');
    expect(w.salesforce.state.records[mode].size).toBe(1);
    if (mode === 'ContentNote') expect([...w.salesforce.state.records.ContentDocumentLink.values()].every((l) => l.LinkedEntityId === SF_ACCOUNT)).toBe(true);
    await deleteNote(w.db, n.id, true, new Date(w.clock.now));
    await outbox.run();
    expect(w.salesforce.state.records[mode].size).toBe(0);
    expect(await w.db.notes.count()).toBe(0);
  });

  test('HubSpot: edit → updated in place; delete with alsoInCrm → gone; without → kept in HubSpot', async () => {
    const w = (world = await makeWorld());
    const a = await w.note('hubspot', 'Keep me in HubSpot');
    const b = await w.note('hubspot', 'Delete me everywhere');
    const outbox = w.outbox();
    await outbox.run();
    w.clock.now += 1000;
    await saveNote(w.db, { id: a.id, accountKey: a.accountKey, origin: a.origin, text: 'Edited <b>text</b>', ratings: {}, touchpoint: 'call' }, new Date(w.clock.now));
    await outbox.run();
    const aRemote = (await w.db.notes.get(a.id))!.remoteId!;
    expect(w.hubspot.state.objects.notes.get(aRemote)!.properties.hs_note_body).toContain('Edited &lt;b&gt;text&lt;/b&gt;');
    expect(w.hubspot.state.objects.notes.size).toBe(2);

    const bRemote = (await w.db.notes.get(b.id))!.remoteId!;
    await deleteNote(w.db, b.id, true, new Date(w.clock.now));
    await deleteNote(w.db, a.id, false, new Date(w.clock.now));
    // Hidden here at once; gone from HubSpot once it confirms.
    expect(await w.db.notes.get(b.id)).toMatchObject({ deletedAt: expect.any(String) });
    await outbox.run();
    expect(w.hubspot.state.objects.notes.has(bRemote)).toBe(false);
    expect(w.hubspot.state.objects.notes.has(aRemote)).toBe(true);
    expect(await listNotes(w.db, a.accountKey)).toEqual([]);
    expect(await w.db.outbox.count()).toBe(0);
    // The copy kept in HubSpot comes back as the user's own note (editable, deletable), not as someone else's.
    await pullCrmNotes({ db: w.db, clients: testClients(w.db, w.fetch, 1_000), now: () => new Date(w.clock.now), locale: () => 'en' }, { crm: 'hubspot', host: 'app.hubspot.com', portalId: String(PORTAL), objectType: 'company', recordId: w.companyId });
    expect(await listNotes(w.db, a.accountKey)).toMatchObject([{ id: a.id, remoteId: aRemote, status: 'synced' }]);
    expect((await w.db.notes.get(a.id))!.fromCrm).toBeUndefined();
    expect(await w.db.notes.get(b.id)).toBeUndefined();
  });

  test('an edit made while the create is in flight is sent as an update', async () => {
    const w = (world = await makeWorld());
    const n = await w.note('hubspot', 'Version 1');
    let edited = false;
    w.control.onRequest = (method, url) => {
      if (method === 'POST' && url.pathname === '/crm/objects/2026-09/notes' && !edited) {
        edited = true;
        void saveNote(w.db, { id: n.id, accountKey: n.accountKey, origin: n.origin, text: 'Version 2', ratings: {}, touchpoint: 'call' }, new Date(w.clock.now + 5));
      }
    };
    w.hubspot.state.faults.push({ delayMs: 100, match: isNoteCreate('hubspot') });
    await w.drain(w.outbox());
    const [stored] = [...w.hubspot.state.objects.notes.values()];
    expect(stored!.properties.hs_note_body).toContain('Version 2');
    await expectAllOnce(w, 'edit during send', 1);
  });
});

describe('single flight', () => {
  test('a run while one is under way joins it and goes round once more', async () => {
    const w = (world = await makeWorld());
    await w.note('hubspot', 'one');
    const outbox = w.outbox();
    const first = outbox.run();
    await w.note('hubspot', 'two');
    const second = outbox.run();
    const [r1, r2] = await Promise.all([first, second]);
    expect(r1).toBe(r2);
    expect(r1.sent).toBe(2);
    await expectAllOnce(w, 'single flight', 2);
  });
});

describe('guards', () => {
  test('a colleague’s note read from the CRM is never rewritten from here', async () => {
    const w = (world = await makeWorld());
    const at = new Date(w.clock.now).toISOString();
    await w.db.notes.put({ id: `${w.hubspotKey}#777`, accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: 'theirs', ratings: {}, touchpoint: 'other', createdAt: at, updatedAt: at, status: 'synced', remoteId: '777', fromCrm: true });
    await saveNote(w.db, { id: `${w.hubspotKey}#777`, accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: 'mine now', ratings: {}, touchpoint: 'other' }, new Date(w.clock.now));
    const outbox = w.outbox();
    await outbox.run();
    const before = w.hubspot.state.requests.total;
    expect(await w.db.notes.get(`${w.hubspotKey}#777`)).toMatchObject({ status: 'failed', error: expect.stringMatching(/someone else/) });
    expect(w.hubspot.state.requests.total).toBe(before);
    expect(await outbox.status()).toMatchObject({ failed: 1, lastError: expect.stringMatching(/someone else/) });
  });

  test('status reports storage pressure', async () => {
    const w = (world = await makeWorld());
    const outbox = w.outbox({ estimateStorage: async () => ({ usage: 97, quota: 100 }) });
    expect((await outbox.status()).lastError).toMatch(/97% full/);
  });

  test('a wait from a 429 survives a restart of the worker', async () => {
    const w = (world = await makeWorld());
    await w.note('hubspot', 'held back');
    await w.note('hubspot', 'held back too');
    w.hubspot.state.faults.push({ status: 429, match: isNoteCreate('hubspot') });
    await w.outbox().run();
    const requests = w.hubspot.state.requests.total;
    // A new worker 5 s later: HubSpot asked for 10 s, so nothing is sent yet, even when kicked with everything made due.
    w.clock.now += 5_000;
    const fresh = w.outbox({ db: new SidecarDb(w.dbName) });
    await fresh.retryNow();
    expect(w.hubspot.state.requests.total).toBe(requests);
    w.clock.now += 5_000;
    await fresh.run();
    await expectAllOnce(w, '429 across a restart', 2);
  });
});
