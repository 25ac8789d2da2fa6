import { expect, test } from 'vitest';
import { installPackRow, packVersions } from './packs';
import { SidecarDb } from './schema';

const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();

test.each([
  ['under the limit: every earlier version is kept', 4, 10, 3],
  ['at the limit: the oldest go first, the one in force stays', 12, 5, 5],
])('%s', async (_name, installs, keep, kept) => {
  const db = new SidecarDb(`packs-${crypto.randomUUID()}`);
  for (let i = 0; i < installs; i++) await installPackRow(db, { pack: { version: String(i) }, installedAt: at(i), source: 'editor' }, keep);
  const rows = await packVersions(db);
  expect(rows.filter((r) => r.id !== 'active').map((r) => (r.pack as { version: string }).version)).toEqual(
    Array.from({ length: kept }, (_, k) => String(installs - 1 - kept + k)),
  );
  expect(rows.at(-1)).toMatchObject({ id: 'active', pack: { version: String(installs - 1) } });
  db.close();
});
