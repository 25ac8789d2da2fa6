import { describe, expect, test } from 'vitest';
import type { BookRow } from './book.ts';
import { bookSignature, FULL_EVERY_MS, mergeChanged, planLoad, SINCE_MARGIN_MS, type BookMark } from './incremental.ts';

const NOW = new Date('2026-12-05T12:00:00Z');
const SIG = bookSignature({ filter: [{ field: 'lifecyclestage', op: 'eq', value: 'customer' }], csmField: 'hubspot_owner_id' }, { id: 'default', version: '7' });
const mark = (over: Partial<BookMark> = {}): BookMark => ({ crmStart: '2026-12-05T11:00:00.000Z', signature: SIG, fullAt: '2026-12-05T08:00:00.000Z', ...over });

describe('planLoad: a full read, or only what changed since the last load', () => {
  test.each([
    ['no load yet', null, SIG, NOW, { kind: 'full', reason: 'first' }],
    ['the book definition changed', mark(), bookSignature({ filter: [], csmField: 'hubspot_owner_id' }, { id: 'default', version: '7' }), NOW, { kind: 'full', reason: 'definition' }],
    ['the pack changed', mark(), bookSignature({ filter: [{ field: 'lifecyclestage', op: 'eq', value: 'customer' }], csmField: 'hubspot_owner_id' }, { id: 'default', version: '8' }), NOW, { kind: 'full', reason: 'definition' }],
    ['the last full read is 24 h old', mark({ fullAt: new Date(NOW.getTime() - FULL_EVERY_MS).toISOString() }), SIG, NOW, { kind: 'full', reason: 'daily' }],
    ['the browser clock went back before the last full read', mark({ fullAt: '2026-12-06T12:00:00.000Z' }), SIG, NOW, { kind: 'full', reason: 'daily' }],
    ['an unreadable mark', mark({ crmStart: 'yesterday' }), SIG, NOW, { kind: 'full', reason: 'no-clock' }],
    // The CRM's clock (11:00), less HubSpot's search margin; the browser's own clock does not enter into it.
    ['a recent full read', mark(), SIG, NOW, { kind: 'since', since: new Date(Date.parse('2026-12-05T11:00:00Z') - SINCE_MARGIN_MS.hubspot).toISOString() }],
    ['the browser three hours behind the CRM', mark(), SIG, new Date('2026-12-05T09:00:00Z'), { kind: 'since', since: new Date(Date.parse('2026-12-05T11:00:00Z') - SINCE_MARGIN_MS.hubspot).toISOString() }],
  ] as const)('%s', (_, m, sig, now, want) => {
    expect(planLoad('hubspot', m, sig, now)).toEqual(want);
  });

  test('Salesforce goes back its own margin from the org clock', () => {
    expect(planLoad('salesforce', mark(), SIG, NOW)).toEqual({ kind: 'since', since: new Date(Date.parse('2026-12-05T11:00:00Z') - SINCE_MARGIN_MS.salesforce).toISOString() });
  });
});

const row = (key: string, score: number): BookRow => ({
  key, crm: 'hubspot', name: key, url: '', score, band: null, level: 1, stage: '', touchModel: '', nextAction: null, drivers: { up: null, down: null },
  renewalDays: null, lastTouch: null, fetchedAt: null, owner: null, ownerId: null, trend: [], staleInputs: 0, fromCrm: true,
});
const keysAndScores = (rows: BookRow[]) => rows.map((r) => `${r.key}=${r.score}`);

describe('mergeChanged: the changed accounts into the book held', () => {
  test.each([
    ['nothing changed', ['a=1', 'b=2'], [], [], ['a=1', 'b=2']],
    ['one modified', ['a=1', 'b=2'], ['b=5'], [], ['a=1', 'b=5']],
    ['one new to the book, after the others', ['a=1'], ['c=3'], [], ['a=1', 'c=3']],
    ['one modified out of the book leaves it', ['a=1', 'b=2'], [], ['b'], ['a=1']],
    ['one left that the book never held: nothing', ['a=1'], [], ['z'], ['a=1']],
    // Read twice (the margin before the mark, a page read again after an interruption): the later read counts, once.
    ['the same account read twice', ['a=1'], ['a=4', 'a=6'], [], ['a=6']],
    ['left and changed in one read: left wins', ['a=1'], ['a=2'], ['a'], []],
  ] as const)('%s', (_, before, changed, left, want) => {
    const parse = (s: string) => row(s.split('=')[0]!, Number(s.split('=')[1]));
    expect(keysAndScores(mergeChanged(before.map(parse), changed.map(parse), new Set(left)))).toEqual(want);
  });
});
