import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { startSalesforceMock, type Fault, type SalesforceMock } from '../../../tests/mocks/salesforce-server.ts';
import { spawnMock } from '../../../tests/mocks/spawn.ts';
import { withRetry } from '../http.ts';
import { createSalesforceClient, soqlString, type SalesforceClient, type SalesforceSession } from './client.ts';

let mock: SalesforceMock;
let client: SalesforceClient;
let getSession: ReturnType<typeof vi.fn<() => Promise<SalesforceSession>>>;
const ACME_15 = '001D000000IRFma';
const ACME_18 = '001D000000IRFmaIAH';

beforeEach(async () => {
  mock = await startSalesforceMock();
  const token = [...mock.state.tokens][0]!;
  getSession = vi.fn<() => Promise<SalesforceSession>>(async () => ({ instanceUrl: mock.url, accessToken: token }));
  client = createSalesforceClient({ getSession, fetch, timeoutMs: 300 });
});
afterEach(async () => {
  await mock.close();
});

const sidecarId = (n: number) => `eeeeeeee-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('errors', () => {
  const rows: Array<[string, Fault, Record<string, unknown>]> = [
    ['401 INVALID_SESSION_ID', { status: 401 }, { kind: 'auth' }],
    ['403 REQUEST_LIMIT_EXCEEDED (daily total)', { status: 403 }, { kind: 'rate-limit', policy: 'REQUEST_LIMIT_EXCEEDED', retryAfterMs: 3_600_000 }],
    [
      '403 REQUEST_LIMIT_EXCEEDED (concurrency)',
      { status: 403, body: [{ message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] },
      { kind: 'rate-limit', retryAfterMs: 10_000 },
    ],
    ['403 INSUFFICIENT_ACCESS', { status: 403, body: [{ message: 'no', errorCode: 'API_DISABLED_FOR_ORG' }] }, { kind: 'forbidden', detail: 'API_DISABLED_FOR_ORG' }],
    ['404', { status: 404 }, { kind: 'not-found' }],
    ['400 with fields', { status: 400 }, { kind: 'validation', fields: ['Title'] }],
    ['500', { status: 500 }, { kind: 'server', status: 500 }],
    ['malformed JSON', { malformedJson: true }, { kind: 'malformed' }],
    ['connection reset', { reset: true }, { kind: 'network' }],
    ['timeout', { delayMs: 2_000 }, { kind: 'timeout' }],
  ];
  test.each(rows)('%s', async (_name, fault, expected) => {
    mock.state.faults.push(fault);
    const r = await client.getAccount(ACME_18, ['Name']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ crm: 'salesforce', ...expected });
  });

  test('a session the server does not know is auth, asking to sign in again', async () => {
    mock.state.tokens.clear();
    const r = await client.getAccount(ACME_18, ['Name']);
    expect(r).toMatchObject({ ok: false, error: { kind: 'auth' } });
    if (!r.ok) expect(r.error.message.en).toMatch(/sign in/i);
  });

  test('getSession failing is auth, with no request', async () => {
    getSession.mockRejectedValueOnce(new Error('no sid cookie'));
    expect(await client.getAccount(ACME_18, ['Name'])).toMatchObject({ ok: false, error: { kind: 'auth', detail: 'no sid cookie' } });
    expect(mock.state.requests.total).toBe(0);
  });

  test('429 with Retry-After is honoured by withRetry', async () => {
    mock.state.faults.push({ status: 429, headers: { 'retry-after': '3' }, body: [] });
    const sleep = vi.fn(async () => {});
    const r = await withRetry(() => client.getAccount(ACME_18, ['Name']), { sleep });
    expect(r.ok).toBe(true);
    expect(sleep).toHaveBeenCalledWith(3_000);
  });

  test('the daily REQUEST_LIMIT_EXCEEDED is handed back, not slept through', async () => {
    mock.state.faults.push({ status: 403, times: Infinity });
    const sleep = vi.fn(async () => {});
    const r = await withRetry(() => client.getAccount(ACME_18, ['Name']), { sleep });
    expect(r).toMatchObject({ ok: false, error: { kind: 'rate-limit' } });
    expect(sleep).not.toHaveBeenCalled();
  });

  test('reads Sforce-Limit-Info', async () => {
    await client.getAccount(ACME_18, ['Name']);
    await client.getAccount(ACME_18, ['Name']);
    expect(client.apiUsage()).toEqual({ used: 2, max: 15_000 });
  });
});

describe('getAccount', () => {
  test.each([
    ['15-character id', ACME_15],
    ['18-character id', ACME_18],
    ['18-character id in lower case', ACME_18.toLowerCase()],
  ])('accepts a %s and asks for the 18-character form', async (_n, id) => {
    const r = await client.getAccount(id, ['Name', 'Website']);
    expect(r).toMatchObject({ ok: true, value: { Id: ACME_18, Name: 'Acme Corp', Website: 'https://acme.example', attributes: { type: 'Account' } } });
    expect(mock.state.requests.log[0]!.path).toBe(`/services/data/v67.0/sobjects/Account/${ACME_18}`);
  });

  test.each(['001', 'not-an-id!!!!!!', '001D000000IRFma/../../x'])('refuses %j without a request', async (id) => {
    expect(await client.getAccount(id, ['Name'])).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(mock.state.requests.total).toBe(0);
  });

  test('refuses a field name that is not one', async () => {
    expect((await client.getAccount(ACME_18, ['Name, (SELECT Id FROM Cases)'])).ok).toBe(false);
  });

  test('an unknown field is the org\'s INVALID_FIELD, as validation', async () => {
    expect(await client.getAccount(ACME_18, ['Nope__c'])).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  test('a Lightning instance URL is called on its my.salesforce.com host, never through a redirect', async () => {
    const seen: string[] = [];
    const spy: typeof fetch = async (url) => {
      seen.push(String(url));
      return new Response('[]', { status: 401 });
    };
    const c = createSalesforceClient({ getSession: async () => ({ instanceUrl: 'https://acme--uat.sandbox.lightning.force.com', accessToken: 't' }), fetch: spy });
    await c.getAccount(ACME_18, ['Name']);
    expect(seen[0]).toMatch(/^https:\/\/acme--uat\.sandbox\.my\.salesforce\.com\/services\/data\/v67\.0\//);
  });
});

describe('query', () => {
  test('follows nextRecordsUrl across pages', async () => {
    mock.state.queryBatchSize = 2;
    for (let i = 0; i < 5; i++) mock.state.insert('Case', { AccountId: ACME_18, Subject: `Extra ${i}`, IsClosed: false });
    const r = await client.query(`SELECT Id, Subject FROM Case WHERE AccountId = ${soqlString(ACME_18)}`);
    expect(r.ok && r.value.records.length).toBe(8);
    expect(r.ok && r.value.totalSize).toBe(8);
    expect(mock.state.requests.log.map((l) => l.path)).toEqual([
      '/services/data/v67.0/query',
      expect.stringMatching(/^\/services\/data\/v67\.0\/query\/01g.+-2$/),
      expect.stringMatching(/-4$/),
      expect.stringMatching(/-6$/),
    ]);
  });

  test('a quote in a literal cannot end the string', async () => {
    const r = await client.query(`SELECT Id, Name FROM Account WHERE Name = ${soqlString("O'Reilly & Sons")}`);
    expect(r).toMatchObject({ ok: true, value: { totalSize: 1, records: [{ Name: "O'Reilly & Sons" }] } });
    const injection = await client.query(`SELECT Id FROM Account WHERE Name = ${soqlString("x' OR Name != 'y")}`);
    expect(injection).toMatchObject({ ok: true, value: { totalSize: 0 } });
  });

  test('a malformed query is a validation error', async () => {
    expect(await client.query("SELECT Id FROM Account WHERE Name = 'unterminated")).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  test('countOpenCases counts only open cases of that account', async () => {
    expect(await client.countOpenCases(ACME_15)).toEqual({ ok: true, value: 2 });
  });
});

describe('notes', () => {
  const content = (n: number, over: Record<string, unknown> = {}) => ({
    accountId: ACME_15,
    title: 'Onboarding call',
    text: 'Went well <img src=x onerror=alert(1)> & more',
    clientId: sidecarId(n),
    ratings: [{ id: 'adoption', label: 'Adoption', value: 4, max: 5 }],
    locale: 'en' as const,
    ...over,
  });

  test('ContentNote: escaped HTML content, then a ContentDocumentLink with ShareType I', async () => {
    const r = await client.createNote({ ...content(1), mode: 'ContentNote' });
    expect(r).toMatchObject({ ok: true, value: { mode: 'ContentNote' } });
    if (!r.ok) return;
    expect(r.value.id.startsWith('069')).toBe(true);
    const html = mock.state.noteContent(r.value.id)!;
    expect(html).toContain('Went well &lt;img src=x onerror=alert(1)&gt; &amp; more');
    expect(html).not.toMatch(/<strong|<img/);
    const links = [...mock.state.records.ContentDocumentLink.values()];
    expect(links).toMatchObject([{ ContentDocumentId: r.value.id, LinkedEntityId: ACME_18, ShareType: 'I' }]);
    expect(mock.state.records.ContentNote.get(r.value.id)!.Title).toBe(`Onboarding call (Sidecar ID: ${sidecarId(1)})`);
  });

  test('Task: WhatId, Subject with the id, Description, Completed, ActivityDate', async () => {
    const r = await client.createNote({ ...content(2), mode: 'Task', activityDate: '2026-03-04' });
    if (!r.ok) throw new Error(r.error.message.en);
    expect(mock.state.records.Task.get(r.value.id)).toMatchObject({
      WhatId: ACME_18,
      Subject: `Onboarding call (Sidecar ID: ${sidecarId(2)})`,
      Status: 'Completed',
      ActivityDate: '2026-03-04',
      Description: expect.stringContaining('Ratings\nAdoption: ★★★★☆ 4 / 5'),
    });
  });

  test('a long title is cut so the Subject stays within 255 and keeps the id', async () => {
    const r = await client.createNote({ ...content(3), title: 'x'.repeat(400), mode: 'Task' });
    if (!r.ok) throw new Error(r.error.message.en);
    const subject = String(mock.state.records.Task.get(r.value.id)!.Subject);
    expect(subject.length).toBe(255);
    expect(subject.endsWith(`(Sidecar ID: ${sidecarId(3)})`)).toBe(true);
  });

  test.each(['ContentNote', 'Task'] as const)('updateNote (%s) rewrites the note', async (mode) => {
    const created = await client.createNote({ ...content(4), mode });
    if (!created.ok) throw new Error(created.error.message.en);
    const r = await client.updateNote({ ...content(4), id: created.value.id, mode, text: 'Updated text' });
    expect(r).toEqual({ ok: true, value: { id: created.value.id, mode } });
    const list = await client.listAccountNotes(ACME_18);
    expect(list.ok && list.value.find((n) => n.id === created.value.id)?.text).toContain('Updated text');
  });

  test('listAccountNotes: ContentNotes and Sidecar Tasks, newest first', async () => {
    await client.createNote({ ...content(5), mode: 'ContentNote' });
    await new Promise((r) => setTimeout(r, 5));
    await client.createNote({ ...content(6), mode: 'Task' });
    mock.state.insert('Task', { WhatId: ACME_18, Subject: 'Call (logged by hand)' });
    const r = await client.listAccountNotes(ACME_15);
    expect(r.ok && r.value.map((n) => [n.mode, n.clientId])).toEqual([
      ['Task', sidecarId(6)],
      ['ContentNote', sidecarId(5)],
    ]);
  });

  const composite: Fault['match'] = (req) => req.method === 'POST' && req.path.endsWith('/composite');
  const lostCreates: Array<[string, 'ContentNote' | 'Task', Fault['match'], Omit<Fault, 'match'>]> = [
    ['ContentNote and link, 500 after the write', 'ContentNote', composite, { status: 500, applyAfterWrite: true }],
    ['ContentNote and link, timeout after the write', 'ContentNote', composite, { delayMs: 2_000, applyAfterWrite: true }],
    ['ContentNote and link, reset after the write', 'ContentNote', composite, { reset: true, applyAfterWrite: true }],
    ['Task create, reset after the write', 'Task', (req) => req.method === 'POST' && req.path.endsWith('/sobjects/Task'), { reset: true, applyAfterWrite: true }],
  ];
  test.each(lostCreates)('after a lost answer (%s) findNoteByClientId finds it and a retry does not duplicate it', async (_n, mode, match, fault) => {
    const input = { ...content(7), mode };
    mock.state.faults.push({ ...fault, match });
    expect((await client.createNote(input)).ok).toBe(false);
    const found = await client.findNoteByClientId(ACME_18, sidecarId(7), mode);
    expect(found).toMatchObject({ ok: true, value: { clientId: sidecarId(7), mode } });
    const again = await client.createNoteOnce(input, { sleep: async () => {} });
    expect(again.ok).toBe(true);
    expect(mock.state.records[mode].size).toBe(1);
    if (mode === 'ContentNote') expect(mock.state.records.ContentDocumentLink.size).toBe(1);
    const list = await client.listAccountNotes(ACME_18);
    expect(list.ok && list.value.filter((n) => n.clientId === sidecarId(7))).toHaveLength(1);
  });

  test('createNoteOnce retries through an unknown outcome and writes once', async () => {
    mock.state.faults.push({ status: 500, applyAfterWrite: true, match: (req) => req.method === 'POST' && req.path.endsWith('/sobjects/Task') });
    const r = await client.createNoteOnce({ ...content(8), mode: 'Task' }, { sleep: async () => {}, random: () => 0 });
    expect(r.ok).toBe(true);
    expect(mock.state.records.Task.size).toBe(1);
  });

  test('findNoteByClientId returns null when there is none', async () => {
    expect(await client.findNoteByClientId(ACME_18, sidecarId(9))).toEqual({ ok: true, value: null });
  });

  const contentCount = () => [mock.state.records.ContentNote.size, mock.state.records.ContentDocumentLink.size];

  test('ContentNote and its link go in one Composite call with allOrNone', async () => {
    const r = await client.createNote({ ...content(20), mode: 'ContentNote' });
    expect(r.ok).toBe(true);
    expect(mock.state.requests.log.filter((l) => l.method === 'POST').map((l) => l.path)).toEqual(['/services/data/v67.0/composite']);
    expect(contentCount()).toEqual([1, 1]);
  });

  test('an org refusing the link (400) keeps neither the note nor a link, and says so; a retry creates one note', async () => {
    mock.state.refuseLinks = { errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'ShareType: bad value for restricted picklist field: I' };
    const r = await client.createNoteOnce({ ...content(21), mode: 'ContentNote' }, { maxAttempts: 1, lookFirst: true });
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(!r.ok && r.error.message.en).toContain('FIELD_INTEGRITY_EXCEPTION');
    expect(!r.ok && r.error.message.ja).toContain('ToDo モード');
    expect(contentCount()).toEqual([0, 0]);
    mock.state.refuseLinks = null;
    for (let i = 0; i < 3; i++) expect((await client.createNoteOnce({ ...content(21), mode: 'ContentNote' }, { maxAttempts: 1, lookFirst: true })).ok).toBe(true);
    expect(contentCount()).toEqual([1, 1]);
  });

  test.each([
    ['401 INVALID_SESSION_ID', { status: 401 as const }],
    ['403 REQUEST_LIMIT_EXCEEDED', { status: 403 as const }],
  ])('%s on the call leaves nothing behind', async (_n, fault) => {
    mock.state.faults.push({ ...fault, match: (req) => req.path.endsWith('/composite') });
    const r = await client.createNote({ ...content(22), mode: 'ContentNote' });
    expect(r.ok).toBe(false);
    expect(contentCount()).toEqual([0, 0]);
  });

  test('Task mode never touches ContentNote: an org without enhanced Notes still finds, lists and deletes', async () => {
    mock.state.contentNotes = false;
    mock.state.faults.push({ reset: true, applyAfterWrite: true, match: (req) => req.method === 'POST' && req.path.endsWith('/sobjects/Task') });
    expect((await client.createNote({ ...content(23), mode: 'Task' })).ok).toBe(false);
    const again = await client.createNoteOnce({ ...content(23), mode: 'Task' }, { maxAttempts: 1, lookFirst: true });
    expect(again).toMatchObject({ ok: true, value: { mode: 'Task' } });
    expect(mock.state.records.Task.size).toBe(1);
    const listed = await client.listAccountNotes(ACME_18, 'Task');
    expect(listed.ok && listed.value.map((n) => n.clientId)).toEqual([sidecarId(23)]);
    expect(mock.state.requests.log.some((l) => /ContentNote|ContentDocumentLink/.test(decodeURIComponent(l.path + l.query)))).toBe(false);
    expect(again.ok && (await client.deleteNote(again.value.id, 'Task'))).toEqual({ ok: true, value: undefined });
    expect(mock.state.records.Task.size).toBe(0);
  });

  test('a title quoting another note\'s marker is that note\'s own only by its end', async () => {
    const a = await client.createNote({ ...content(24), mode: 'Task' });
    if (!a.ok) throw new Error('a');
    const quoting = { ...content(25), mode: 'Task' as const, title: `Re: (Sidecar ID: ${sidecarId(24)})` };
    const b = await client.createNoteOnce(quoting, { maxAttempts: 1, lookFirst: true });
    expect(b.ok && b.value.id).not.toBe(a.value.id);
    expect(await client.findNoteByClientId(ACME_18, sidecarId(24), 'Task')).toMatchObject({ ok: true, value: { id: a.value.id } });
    const listed = await client.listAccountNotes(ACME_18, 'Task');
    expect(listed.ok && listed.value.map((n) => n.clientId).sort()).toEqual([sidecarId(24), sidecarId(25)].sort());
  });

  test('a 404 on delete counts only when the look-up agrees the note is gone', async () => {
    const r = await client.createNote({ ...content(26), mode: 'ContentNote' });
    if (!r.ok) throw new Error('create');
    mock.state.faults.push({ status: 404, match: (req) => req.method === 'DELETE' });
    const refused = await client.deleteNote(r.value.id, 'ContentNote');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(mock.state.records.ContentNote.size).toBe(1);
    expect(await client.deleteNote(r.value.id, 'ContentNote')).toEqual({ ok: true, value: undefined });
    expect(await client.deleteNote(r.value.id, 'ContentNote')).toEqual({ ok: true, value: undefined });
    expect(mock.state.records.ContentNote.size).toBe(0);
  });

  test('control characters are taken out of the title, the note and the task', async () => {
    const dirty = { ...content(27), title: 'Call\u0007 notes', text: 'line\u0000one\u001b[31m\nline two' };
    const note = await client.createNote({ ...dirty, mode: 'ContentNote' });
    expect(note.ok).toBe(true);
    const html = note.ok ? mock.state.noteContent(note.value.id)! : '';
    expect(html).toContain('lineone[31m<br>line two');
    expect(note.ok && String(mock.state.records.ContentNote.get(note.value.id)!.Title)).toMatch(/^Call notes \(/);
    const task = await client.createNote({ ...dirty, clientId: sidecarId(28), mode: 'Task' });
    expect(task.ok && String(mock.state.records.Task.get(task.value.id)!.Description)).not.toMatch(/[\u0000-\u0008\u001b]/);
  });
});

describe('standalone mock', () => {
  test('node tests/mocks/salesforce-server.ts --port 0 prints a URL that serves the API', async () => {
    const { url, child } = await spawnMock('salesforce-server.ts');
    try {
      const c = createSalesforceClient({ fetch, getSession: async () => ({ instanceUrl: url, accessToken: 'salesforce-test-session' }) });
      expect(await c.countOpenCases(ACME_15)).toEqual({ ok: true, value: 2 });
    } finally {
      child.kill();
    }
  });
});
