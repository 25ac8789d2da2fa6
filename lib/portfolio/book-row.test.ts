import { describe, expect, test } from 'vitest';
import { buildAccounts } from '../../tests/bench/engine.ts';
import type { AccountRow } from '../db/schema.ts';
import { createEvaluator, defaultConfigPack } from '../engine/index.ts';
import { bookRecordOf, bookRowOf, daysUntil, recordUrl } from './book-row.ts';

const pack = defaultConfigPack('en');
const NOW = new Date('2026-12-05T09:00:00Z');
const evaluation = createEvaluator(pack)(buildAccounts(1, 'en', 3)[0]!, NOW);

const account = (over: Partial<AccountRow> = {}): AccountRow => ({
  key: 'hubspot:7:42',
  crm: 'hubspot',
  host: 'app.hubspot.com',
  portalId: '7',
  recordId: '42',
  name: '株式会社サンプル',
  owner: '佐藤 花子',
  ownerId: '501',
  properties: { sidecar_renewal_date: '2027-01-04' },
  firstSeenAt: '2026-10-01T00:00:00.000Z',
  lastSeenAt: '2026-12-05T08:00:00.000Z',
  fetchedAt: '2026-12-05T08:00:00.000Z',
  lastEvaluation: evaluation,
  ...over,
});

describe('an account’s book record', () => {
  test.each([
    ['a contact or deal page’s row (its company has its own)', { resolvedTo: 'hubspot:7:1' }],
    ['sample data', { sample: true }],
    ['never evaluated here', { lastEvaluation: undefined }],
    ['an evaluation of another shape (damaged, or from an older build)', { lastEvaluation: { score: 40 } }],
  ])('none for %s', (_what, over) => {
    expect(bookRecordOf(pack, account(over as Partial<AccountRow>), [], [], NOW)).toBeNull();
  });

  test('what the table shows, from the evaluation, the account, its notes and days', () => {
    const r = bookRecordOf(
      pack,
      account(),
      [
        { createdAt: '2026-12-01T00:00:00.000Z', author: 'A' },
        { createdAt: '2026-12-04T00:00:00.000Z', author: 'B', deletedAt: '2026-12-04T01:00:00.000Z' },
        { createdAt: '2026-12-03T00:00:00.000Z' },
      ],
      [
        { day: '2026-12-05', score: 61 },
        { day: '2026-10-01', score: 10 },
        { day: '2026-12-04', score: null },
        { day: '2026-12-03', score: 55 },
      ],
      NOW,
    )!;
    expect(r).toMatchObject({
      key: 'hubspot:7:42',
      name: '株式会社サンプル',
      url: 'https://app.hubspot.com/contacts/7/record/0-2/42',
      score: evaluation.health.score,
      band: evaluation.health.band,
      level: evaluation.maturity.level,
      renewal: '2027-01-04',
      owner: '佐藤 花子',
      ownerId: '501',
      staleInputs: evaluation.health.stale.length,
    });
    // The latest note not deleted, without an author when it has none; the window's scored days, oldest first.
    expect(r.lastTouch).toEqual({ at: '2026-12-03T00:00:00.000Z' });
    expect(r.days).toEqual([
      { day: '2026-12-03', score: 55 },
      { day: '2026-12-05', score: 61 },
    ]);
  });

  test.each([
    ['2027-01-04', 30],
    ['2026-12-05', 0],
    ['2026-12-01', -4],
    ['2027-01-04T00:00:00Z', 30],
    ['', null],
    ['not a date', null],
    [null, null],
  ])('days until the renewal %s: %s', (raw, days) => {
    expect(daysUntil(raw, NOW)).toBe(days);
  });

  test('read on a later day: renewal days counted from that day, the trend cut to its 30 days', () => {
    const r = bookRecordOf(pack, account(), [], [{ day: '2026-11-10', score: 40 }, { day: '2026-12-05', score: 61 }], NOW)!;
    expect(bookRowOf(r, NOW)).toMatchObject({ renewalDays: 30, trend: [40, 61] });
    const later = new Date('2026-12-12T09:00:00Z');
    expect(bookRowOf(r, later)).toMatchObject({ renewalDays: 23, trend: [61] });
    expect(bookRowOf(r, later)).not.toHaveProperty('renewal');
  });

  test.each([
    [{ crm: 'hubspot', host: 'app-eu1.hubspot.com', portalId: '9', recordId: '1' }, 'https://app-eu1.hubspot.com/contacts/9/record/0-2/1'],
    [{ crm: 'salesforce', host: 'acme.lightning.force.com', recordId: '001A' }, 'https://acme.lightning.force.com/lightning/r/Account/001A/view'],
  ] as const)('the CRM record’s page %#', (row, url) => {
    expect(recordUrl(row)).toBe(url);
  });
});
