import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from './default-pack/index.ts';
import { csvColumns, ratingSignals, signalIdsForCrm } from './helpers.ts';
import { parseIsoMs } from './iso-date.ts';

const pack = defaultConfigPack('ja');

describe('helpers', () => {
  test.each([
    ['ja', '社内推進度', '全社方針として推進'],
    ['en', 'Internal promotion', 'a company-wide policy'],
  ] as const)('ratingSignals in %s', (locale, label, top) => {
    const r = ratingSignals(pack, locale);
    expect(r.map((s) => s.id)).toEqual(['promotion', 'relationship', 'sentiment']);
    expect(r[0]).toMatchObject({ label, freshnessDays: 90 });
    expect(r[0]!.points.map((p) => p.value)).toEqual([1, 2, 3, 4, 5]);
    expect(r[0]!.points[4]!.label).toBe(top);
  });

  test.each([
    ['hubspot', 'arr', 'sidecar_arr'],
    ['salesforce', 'arr', 'Sidecar_ARR__c'],
    ['hubspot', 'last_login_at', 'sidecar_last_login_at'],
  ] as const)('signalIdsForCrm %s maps %s', (crm, signalId, property) => {
    expect(signalIdsForCrm(pack, crm)).toContainEqual({ signalId, property });
  });

  test('csvColumns', () => expect(csvColumns(pack)).toContainEqual({ signalId: 'nps', column: 'nps', type: 'number' }));
});

describe('parseIsoMs agrees with Date.parse', () => {
  test.each([
    '2025-01-01',
    '2025-01-01T10:00:00Z',
    '2025-01-01T10:00:00.123Z',
    '2025-01-01T10:00:00.1234567Z',
    '2025-01-01T10:00+09:00',
    '2025-01-01T10:00:00-05:30',
    '2025-01-01T10:00:00',
    '2024-02-29T00:00:00Z',
    '2025-02-31T00:00:00Z',
    '2025-13-01',
    'yesterday',
    '',
  ])('%s', (s) => expect(parseIsoMs(s)).toEqual(Date.parse(s)));
});
