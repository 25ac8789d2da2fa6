// HubSpot 2026-09 enforces a portal's own validation rules on API writes. A
// note such a rule refuses fails on its own: the others still sync, and the
// connection is not marked broken.
import { afterEach, expect, test } from 'vitest';
import { validationRuleRefusal } from '../../tests/mocks/hubspot-server.ts';
import { makeWorld, type World } from '../../tests/support/notes-crm.ts';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

test("a note the portal's validation rule refuses fails alone, naming the property; the others sync and the connection stays", async () => {
  const w = (world = await makeWorld());
  const refused = await w.note('hubspot', 'Refused by a rule');
  await w.note('hubspot', 'Accepted one');
  await w.note('hubspot', 'Accepted two');
  w.hubspot.state.faults.push({
    ...validationRuleRefusal('notes', 'hs_attachment_ids'),
    match: (req) => req.method === 'POST' && req.path === '/crm/objects/2026-09/notes' && JSON.stringify(req.body).includes('Refused by a rule'),
  });
  const outbox = w.outbox();
  await w.drain(outbox);

  const notes = await w.db.notes.toArray();
  const failed = notes.filter((n) => n.status === 'failed');
  expect(failed.map((n) => n.id)).toEqual([refused.id]);
  expect(failed[0]?.error).toMatch(/hs_attachment_ids/);
  expect(failed[0]?.error).toMatch(/validation rule/);
  expect(notes.filter((n) => n.status === 'synced')).toHaveLength(2);
  expect(w.hubspot.state.objects.notes.size).toBe(2);
  // Not an auth failure: the connection keeps no error and needs no reconnect.
  expect((await w.db.connections.get('hubspot'))?.lastError).toBeUndefined();
  expect(await outbox.status()).toMatchObject({ failed: 1, pending: 0, needsAuth: 0 });
});
