// Fault scenario "OAuth rotation": Salesforce signed in through the External
// Client App (OAuth web-server flow with PKCE) whose refresh token policy
// rotates, against the mock CRMs. Notes are queued; the access token expires
// in the middle of the sync, again during the look-up after a cut-off send,
// and once more later. Each refresh must use the refresh token the previous
// one returned. One counts line per note mode; 0 notes lost, 0 duplicated,
// 0 other notes changed, nobody signed out.
import { afterEach, describe, expect, test } from 'vitest';
import { titleClientId } from '../crm/note-marker.ts';
import { makeWorld, oauthClients, SF_ACCOUNT, tokenRequests, type World } from '../../tests/support/notes-crm.ts';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const isCreate = (method: string, path: string) => method === 'POST' && /\/composite$|\/sobjects\/(ContentNote|Task)$/.test(path);

/** The Salesforce notes of others on the account, by id → content: what "other notes changed" is measured against. */
function othersOf(w: World, own: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of w.salesforce.state.records.Task.values()) if (!own.has(t.Id)) out.set(t.Id, `${String(t.Subject)}|${String(t.Description)}|${String(t.WhatId)}`);
  for (const c of w.salesforce.state.records.ContentNote.values()) if (!own.has(c.Id)) out.set(c.Id, `${String(c.Title)}|${String(c.Content)}`);
  return out;
}

describe('OAuth rotation', () => {
  test.each(['ContentNote', 'Task'] as const)('the access token expires three times during a sync (%s): every note once, nobody signed out', async (mode) => {
    const w = (world = await makeWorld());
    const clients = await oauthClients(w, { rotate: true });
    await w.setNoteMode(mode);
    const signedIn = (await w.db.connections.get('salesforce'))!.secret!;

    // Notes others wrote on the account, one of them quoting a Sidecar marker.
    w.salesforce.state.insert('Task', { WhatId: SF_ACCOUNT, Subject: 'Call with the sponsor', Description: 'Budget approved', Status: 'Completed' });
    w.salesforce.state.insert('Task', { WhatId: SF_ACCOUNT, Subject: 'Copied from Sidecar (Sidecar ID: 0b6c1f9e-0000-4000-8000-000000000000)', Description: 'x', Status: 'Completed' });
    const doc = w.salesforce.state.insert('ContentNote', { Title: 'QBR minutes', Content: Buffer.from('<p>QBR went well</p>').toString('base64'), TextPreview: 'QBR went well' });
    w.salesforce.state.insert('ContentDocumentLink', { ContentDocumentId: doc, LinkedEntityId: SF_ACCOUNT, ShareType: 'I' });
    const others = othersOf(w, new Set());

    const N = 12;
    for (let i = 0; i < N; i++) await w.note('salesforce', `Adoption review ${i}: two more departments onboarded`);

    // The session times out at the 3rd create and at the 8th; the 5th create is cut off after
    // Salesforce wrote it, and the token expires again right before the look-up that settles it.
    let creates = 0;
    let cutOff = false;
    let expiries = 0;
    w.control.onRequest = (method, url) => {
      if (isCreate(method, url.pathname)) {
        creates++;
        if (creates === 3 || creates === 8) {
          w.salesforce.state.expireAccessTokens();
          expiries++;
        }
      } else if (cutOff && method === 'GET' && url.pathname.endsWith('/query')) {
        cutOff = false;
        w.salesforce.state.expireAccessTokens();
        expiries++;
      }
    };
    let seen = 0;
    w.salesforce.state.faults.push({
      reset: true,
      applyAfterWrite: true,
      match: (req) => {
        if (!isCreate(req.method, req.path) || ++seen !== 5) return false;
        cutOff = true;
        return true;
      },
    });

    const refreshesBefore = tokenRequests(w.salesforce);
    const outbox = w.outbox({ clients });
    await w.drain(outbox);

    const local = (await w.db.notes.toArray()).filter((n) => !n.fromCrm && !n.deletedAt);
    const copies = new Map<string, number>();
    const ownIds = new Set<string>();
    const records = mode === 'Task' ? [...w.salesforce.state.records.Task.values()].map((t) => ({ id: t.Id, title: t.Subject })) : [...w.salesforce.state.records.ContentNote.values()].map((c) => ({ id: c.Id, title: c.Title }));
    for (const r of records) {
      const id = titleClientId(typeof r.title === 'string' ? r.title : null);
      if (id && local.some((n) => n.id === id)) {
        copies.set(id, (copies.get(id) ?? 0) + 1);
        ownIds.add(r.id);
      }
    }
    const after = othersOf(w, ownIds);
    const lost = local.filter((n) => !copies.get(n.id)).length;
    const duplicated = local.reduce((sum, n) => sum + Math.max(0, (copies.get(n.id) ?? 0) - 1), 0);
    const othersChanged = [...others].filter(([id, body]) => after.get(id) !== body).length;
    const synced = local.filter((n) => n.status === 'synced' && !!n.remoteId).length;
    const refreshes = tokenRequests(w.salesforce) - refreshesBefore;
    const row = (await w.db.connections.get('salesforce'))!;
    console.log(
      `OAuth rotation (${mode}): ${local.length} notes, ${copies.size} in CRM, ${lost} lost, ${duplicated} duplicated, ${othersChanged} other notes changed, ${synced} synced locally; ${expiries} expiries, ${refreshes} refreshes, ${row.lastError ? 'signed out' : 'still signed in'}`,
    );

    expect({ lost, duplicated, othersChanged, synced }).toEqual({ lost: 0, duplicated: 0, othersChanged: 0, synced: N });
    expect(local).toHaveLength(N);
    expect(await w.db.outbox.count()).toBe(0);
    // Three expiries, three refreshes, each with the token the one before returned.
    expect(expiries).toBe(3);
    expect(refreshes).toBe(3);
    expect(row.lastError).toBeUndefined();
    expect(row.secret?.refreshToken).not.toBe(signedIn.refreshToken);
    expect([...w.salesforce.state.refreshTokens]).toEqual([row.secret?.refreshToken]);
    // Every refused request was a 401 answered once more, never a loop.
    const refused = w.salesforce.state.requests.log.filter((r) => r.status === 401);
    expect(refused).toHaveLength(3);
    expect(w.salesforce.state.requests.log.filter((r) => r.path === '/services/oauth2/token').every((r) => r.status === 200)).toBe(true);
  });
});
