import { expect, test } from 'vitest';
import { discardPackDraft, loadPackDraft, savePackDraft } from './pack-drafts';
import { SidecarDb } from './schema';

test('a draft is kept across a reopen, replaced by the next save and gone when discarded', async () => {
  const name = `pack-drafts-${crypto.randomUUID()}`;
  const db = new SidecarDb(name);
  expect(await loadPackDraft(db)).toBeNull();
  const draft = { pack: { id: 'acme', signals: [{ id: 'nps', freshnessDays: null }] }, base: { packId: 'acme', version: '1.0.0' }, savedAt: '2026-12-05T10:00:00.000Z', tab: 'signals' };
  await savePackDraft(db, draft);
  db.close();
  // A reload: a new connection to the same database.
  const again = new SidecarDb(name);
  expect(await loadPackDraft(again)).toEqual(draft);
  await savePackDraft(again, { ...draft, savedAt: '2026-12-05T10:01:00.000Z' });
  expect(await again.packDrafts.count()).toBe(1);
  expect((await loadPackDraft(again))?.savedAt).toBe('2026-12-05T10:01:00.000Z');
  await discardPackDraft(again);
  expect(await loadPackDraft(again)).toBeNull();
  // Saving a draft installs nothing.
  expect(await again.packs.count()).toBe(0);
  again.close();
});
