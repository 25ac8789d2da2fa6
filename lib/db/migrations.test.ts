import { describe, expect, test } from 'vitest';
import v1 from './fixtures/v1.json';
import v2 from './fixtures/v2.json';
import v3 from './fixtures/v3.json';
import v4 from './fixtures/v4.json';
import { CURRENT_DB_VERSION, SCHEMA_VERSIONS, SidecarDb } from './schema';

type Fixture = { version: number; tables: Record<string, unknown[]> };
const fixtures: Fixture[] = [v1 as Fixture, v2 as Fixture, v3 as Fixture, v4 as Fixture];

async function writtenBy(fixture: Fixture): Promise<string> {
  const name = `migrate-${fixture.version}-${crypto.randomUUID()}`;
  const old = new SidecarDb(name, fixture.version);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkPut(rows);
  });
  old.close();
  return name;
}

test('every shipped version has a fixture', () => {
  const shipped = SCHEMA_VERSIONS.map((v) => v.version).filter((v) => v < CURRENT_DB_VERSION);
  expect(shipped.every((v) => fixtures.some((f) => f.version === v))).toBe(true);
});

describe.each(fixtures)('a database written by v$version', (fixture) => {
  test('opens at the current version with every row kept', async () => {
    const db = new SidecarDb(await writtenBy(fixture));
    await db.open();
    expect(db.verno).toBe(CURRENT_DB_VERSION);
    for (const [table, rows] of Object.entries(fixture.tables)) {
      expect(await db.table(table).count(), table).toBe(rows.length);
    }
    // The note and its outbox entry survive untouched: a migration never drops what exists nowhere else.
    const note = await db.notes.get('5b0c6a9e-1f7e-4c55-9a57-2f0d8c3e9b11');
    expect(note?.text).toBe('QBR went well. <b>Keen</b> on SSO.');
    expect(await db.outbox.where('noteId').equals(note!.id).count()).toBe(1);
    db.close();
  });

  test('v2: domains are lowercased and notes are found by CRM id', async () => {
    const db = new SidecarDb(await writtenBy(fixture));
    const account = await db.accounts.get('hubspot:24681357:9001');
    expect(account?.domain).toBe('sample-shoji.co.jp');
    await db.notes.update('5b0c6a9e-1f7e-4c55-9a57-2f0d8c3e9b11', { remoteId: '777' });
    expect((await db.notes.where('remoteId').equals('777').first())?.id).toBe('5b0c6a9e-1f7e-4c55-9a57-2f0d8c3e9b11');
    db.close();
  });

  test('v3: publications and their records have tables of their own, empty', async () => {
    const db = new SidecarDb(await writtenBy(fixture));
    await db.open();
    expect(await db.publishJobs.count()).toBe(0);
    expect(await db.publishItems.where('[jobId+status]').equals(['x', 'pending']).count()).toBe(0);
    db.close();
  });

  test('v4: the editor\'s pack draft has a table of its own (a draft written by v4 is kept); an installed pack is untouched', async () => {
    const db = new SidecarDb(await writtenBy(fixture));
    await db.open();
    expect(await db.packDrafts.count()).toBe((fixture.tables['packDrafts'] ?? []).length);
    const packs = (fixture.tables['packs'] ?? []) as Array<{ id: string }>;
    expect(await db.packs.count()).toBe(packs.length);
    db.close();
  });

  test('v5: the portfolio\'s compact rows have a table of their own, empty until the portfolio first reads the book; the accounts they come from are untouched', async () => {
    const db = new SidecarDb(await writtenBy(fixture));
    await db.open();
    expect(await db.bookRows.count()).toBe(0);
    expect(await db.accounts.count()).toBe((fixture.tables['accounts'] ?? []).length);
    expect(await db.syncState.get('book-rows')).toBeUndefined();
    db.close();
  });
});
