import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/index.ts';
import { RESULT_FIELDS, USAGE_AS_OF, signalField } from './fields.ts';
import { publishedDiffers, publishedReadNames, publishedStale, readPublished, type PublishedResult } from './read.ts';

const pack = defaultConfigPack('en');
const READ_AT = '2026-12-05T09:00:00.000Z';
const nps = (crm: 'hubspot' | 'salesforce') => signalField('nps', 'number')[crm];

describe('the names a record is read with', () => {
  test.each(['hubspot', 'salesforce'] as const)('%s: every result field, the usage date, and each CSV signal once', (crm) => {
    const names = publishedReadNames(pack, crm);
    expect(new Set(names).size).toBe(names.length);
    for (const f of Object.values(RESULT_FIELDS)) expect(names).toContain(f[crm]);
    expect(names).toContain(USAGE_AS_OF[crm]);
    expect(names).toContain(nps(crm));
    // CRM-sourced signals are read under their own names already; ratings come from notes.
    expect(names.some((n) => n.includes('rating'))).toBe(false);
  });
  test('a pack without CSV signals asks for no usage date', () => {
    const crmOnly = { signals: pack.signals.filter((s) => s.source.kind !== 'csv') };
    expect(publishedReadNames(crmOnly, 'hubspot')).not.toContain(USAGE_AS_OF.hubspot);
  });
});

describe('reading published values', () => {
  test.each([
    // crm, fields, signals expected (id → [value, observedAt]), result expected (subset) or null
    ['hubspot', { [nps('hubspot')]: '42', [USAGE_AS_OF.hubspot]: '2026-12-01T00:00:00Z' }, { nps: [42, '2026-12-01T00:00:00.000Z'] }, null],
    ['hubspot', { [nps('hubspot')]: '42', [USAGE_AS_OF.hubspot]: '1764547200000' }, { nps: [42, '2025-12-01T00:00:00.000Z'] }, null],
    ['hubspot', { [nps('hubspot')]: '42' }, { nps: [42, READ_AT] }, null],
    ['hubspot', { [nps('hubspot')]: '' }, {}, null],
    ['hubspot', { [nps('hubspot')]: 'n/a' }, {}, null],
    ['salesforce', { [nps('salesforce')]: 0, [USAGE_AS_OF.salesforce]: '2026-12-01T00:00:00.000+0000' }, { nps: [0, '2026-12-01T00:00:00.000Z'] }, null],
    [
      'hubspot',
      { [RESULT_FIELDS.score.hubspot]: '62', [RESULT_FIELDS.asOf.hubspot]: '2026-12-04T03:00:00Z', [RESULT_FIELDS.packVersion.hubspot]: '6', [RESULT_FIELDS.band.hubspot]: 'yellow', [RESULT_FIELDS.level.hubspot]: '2' },
      {},
      { score: 62, packVersion: '6', band: 'yellow', level: 2, asOf: '2026-12-04T03:00:00.000Z' },
    ],
    // A score without its "as of" (hand-typed in the CRM) is no published result.
    ['hubspot', { [RESULT_FIELDS.score.hubspot]: '62' }, {}, null],
    ['salesforce', { [RESULT_FIELDS.score.salesforce]: 71.5, [RESULT_FIELDS.asOf.salesforce]: '2026-12-04T03:00:00.000+0000', [RESULT_FIELDS.level.salesforce]: null }, {}, { score: 71.5, level: null, band: null }],
  ] as const)('%s %j', (crm, fields, signals, result) => {
    const read = readPublished(pack, crm, fields, READ_AT);
    expect(Object.fromEntries(read.signals.map((s) => [s.signalId, [s.value, s.observedAt]]))).toEqual(signals);
    if (result === null) expect(read.result).toBeNull();
    else expect(read.result).toMatchObject(result);
  });
});

describe('when the published result is shown beside the live one', () => {
  const published: PublishedResult = { score: 62, band: 'yellow', level: 2, nextActionId: null, nextAction: null, packId: 'sidecar-default', packVersion: '6', asOf: '2026-12-04T03:00:00.000Z' };
  test.each([
    [{ score: 62, packId: 'sidecar-default', packVersion: '6' }, false],
    [{ score: 62.4, packId: 'sidecar-default', packVersion: '6' }, false],
    [{ score: 63, packId: 'sidecar-default', packVersion: '6' }, true],
    [{ score: 62, packId: 'sidecar-default', packVersion: '7' }, true],
    [{ score: 62, packId: 'acme', packVersion: '6' }, true],
  ])('live %j → shown: %s', (live, shown) => {
    expect(publishedDiffers(live, published)).toBe(shown);
  });
  test.each([
    ['2026-12-06T03:00:00.000Z', false],
    ['2026-12-06T03:00:01.000Z', true],
  ])('at %s stale: %s', (now, stale) => {
    expect(publishedStale(published, new Date(now))).toBe(stale);
  });
});
