import { expect, test } from 'vitest';
import { SidecarDb } from './schema';
import { latestSignals, latestSignalsForMany } from './signals';

// The impact of a pack on the whole cache reads every account's signals in one pass: it must see
// exactly what the sidebar's per-account read sees, ties and CSV chunks included.
test('latestSignalsForMany agrees with latestSignals for every account', async () => {
  const db = new SidecarDb(`signals-${crypto.randomUUID()}`);
  const subjects = new Map([
    ['hubspot:1:1', ['hubspot:1:1', 'crmId:1', 'domain:acme.co.jp']],
    ['hubspot:1:2', ['hubspot:1:2', 'crmId:2', 'name:globex']],
    ['hubspot:1:3', ['hubspot:1:3']],
  ]);
  await db.signals.bulkPut([
    { subject: 'hubspot:1:1', signalId: 'nps', source: 'hubspot', observedAt: '2026-12-01T00:00:00.000Z', value: 7 },
    { subject: 'hubspot:1:1', signalId: 'nps', source: 'hubspot', observedAt: '2026-12-03T00:00:00.000Z', value: 9 },
    // The same instant from a CSV and from the CRM: the CRM wins.
    { subject: 'hubspot:1:1', signalId: 'arr', source: 'hubspot', observedAt: '2026-12-02T00:00:00.000Z', value: 100 },
    { subject: 'domain:acme.co.jp', signalId: 'arr', source: 'csv', observedAt: '2026-12-02T00:00:00.000Z', value: 1 },
    { subject: 'hubspot:1:2', signalId: 'promotion', source: 'note', observedAt: '2026-12-04T00:00:00.000Z', value: 4 },
    // Nobody's subject: never read into an account.
    { subject: 'hubspot:1:99', signalId: 'nps', source: 'hubspot', observedAt: '2026-12-05T00:00:00.000Z', value: 0 },
  ]);
  await db.csvChunks.put({
    importId: 'i1',
    chunk: 0,
    subjects: ['domain:acme.co.jp', 'name:globex'],
    rows: [
      { subject: 'domain:acme.co.jp', observedAt: '2026-12-04T00:00:00.000Z', values: { nps: 3, active_user_rate: 40 } },
      { subject: 'name:globex', observedAt: '2026-11-01T00:00:00.000Z', values: { promotion: 2, nps: 8 } },
    ],
  });
  const many = await latestSignalsForMany(db, subjects);
  for (const [key, list] of subjects) expect(many.get(key), key).toEqual(await latestSignals(db, list));
  expect(many.get('hubspot:1:1')).toMatchObject({ nps: { value: 3, source: 'csv' }, arr: { value: 100, source: 'hubspot' } });
  expect(many.get('hubspot:1:3')).toEqual({});
  db.close();
});
