import { describe, expect, test } from 'vitest';
import { defaultConfigPack, evaluateAccount } from '../engine/index.ts';
import { ratingFields, RESULT_FIELDS, signalField, USAGE_AS_OF } from './fields.ts';
import { bookAccountInput, bookInputNames, scoreBook, type BookRow } from './score-book.ts';

const pack = defaultConfigPack('ja');
const NOW = new Date('2026-12-05T09:00:00.000Z');
const promo = ratingFields('promotion');

/** An account whose CRM holds enough for a score: usage fields, published usage data, a rating. */
function row(extra: Record<string, string | number | null> = {}): BookRow {
  return {
    id: '101',
    name: 'Acme',
    fields: {
      sidecar_active_users_30d: '42',
      sidecar_licensed_seats: '60',
      sidecar_emails_sent_30d: '30',
      sidecar_emails_received_30d: '12',
      sidecar_last_login_at: '2026-12-03T00:00:00.000Z',
      sidecar_renewal_date: '2027-06-01',
      [signalField('nps', 'number').hubspot]: '8',
      [signalField('active_user_rate', 'number').hubspot]: '70',
      [USAGE_AS_OF.hubspot]: '2026-11-18T00:00:00Z',
      [promo.value.hubspot]: '2',
      [promo.at.hubspot]: '2026-12-01T00:00:00Z',
      ...extra,
    },
  };
}

describe('the fields a book is read with to score it', () => {
  test.each(['hubspot', 'salesforce'] as const)('%s: CRM inputs, published usage data and its date, each rating value and date; never a result field', (crm) => {
    const names = bookInputNames(pack, crm);
    expect(names).toContain(crm === 'hubspot' ? 'sidecar_active_users_30d' : 'Sidecar_Active_Users_30d__c');
    expect(names).toContain(signalField('nps', 'number')[crm]);
    expect(names).toContain(USAGE_AS_OF[crm]);
    expect(names).toContain(promo.value[crm]);
    expect(names).toContain(promo.at[crm]);
    expect(names).not.toContain(promo.by[crm]);
    expect(names).not.toContain(RESULT_FIELDS.score[crm]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('one account’s inputs', () => {
  test.each([
    // what the CRM holds → signal id → [value, observedAt] (undefined: left out)
    ['the published NPS, dated as published', {}, 'nps', [8, '2026-11-18T00:00:00.000Z']],
    ['a CRM field, as of now', {}, 'active_users', [42, NOW.toISOString()]],
    ['a rating, dated when it was given', {}, 'promotion', [2, '2026-12-01T00:00:00.000Z']],
    ['a rating without its date is left out', { [promo.at.hubspot]: null }, 'promotion', undefined],
    ['a rating that is not a number is left out', { [promo.value.hubspot]: 'high' }, 'promotion', undefined],
    ['published usage without its date ages from now', { [USAGE_AS_OF.hubspot]: '' }, 'nps', [8, NOW.toISOString()]],
  ] as const)('%s', (_, extra, signalId, expected) => {
    const input = bookAccountInput(pack, 'hubspot', row(extra), undefined, NOW);
    const got = input.signals[signalId];
    expect(got ? [got.value, got.observedAt] : undefined).toEqual(expected);
  });

  test('association counts come from the bulk read; an account missing from it has no count', () => {
    expect(bookAccountInput(pack, 'hubspot', row(), { open_tickets: 3 }, NOW).signals.open_tickets?.value).toBe(3);
    expect(bookAccountInput(pack, 'hubspot', row(), undefined, NOW).signals.open_tickets).toBeUndefined();
  });
});

describe('scoring the book', () => {
  test('each account scores as the engine scores the same inputs; whole points, the pack named', () => {
    const [values] = scoreBook(pack, 'hubspot', [row()], new Map([['101', { open_tickets: 1 }]]), NOW);
    const direct = evaluateAccount(pack, bookAccountInput(pack, 'hubspot', row(), { open_tickets: 1 }, NOW), NOW);
    expect(values).toEqual({
      id: '101',
      values: expect.objectContaining({ score: Math.round(direct.health.score!), band: direct.health.band, level: direct.maturity.level, packId: pack.id, packVersion: pack.version }),
    });
  });
  test('an account without enough data publishes nothing, so a gap never blanks a dashboard', () => {
    expect(scoreBook(pack, 'hubspot', [{ id: '7', name: null, fields: {} }], new Map(), NOW)).toEqual([]);
  });
});
