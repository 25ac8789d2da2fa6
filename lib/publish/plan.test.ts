import { describe, expect, test } from 'vitest';
import { PUBLISHED_BY, publicationStamp, RESULT_FIELDS, signalField, type Crm } from './fields.ts';
import { BATCH_LIMIT, compareVersions, planPublication, sameValue, type AccountNow, type AccountValues, type PlanInput } from './plan.ts';

const fields = [...Object.values(RESULT_FIELDS), signalField('nps', 'number'), signalField('sso', 'boolean')];
const PACK = { id: 'acme-cs', version: '6' };
const AS_OF = '2026-12-04T09:00:00.000Z';

const results = (score: number | null, extra: Record<string, string | number | null> = {}) => ({
  score, band: score === null ? 'unknown' : score >= 70 ? 'green' : 'yellow', level: 2, nextActionId: 'qbr', nextAction: 'Hold a QBR', packId: 'acme-cs', packVersion: '6', ...extra,
});

/** The CRM's side of `results`, as HubSpot reads it back (every value a string). */
function held(crm: Crm, v: Record<string, string | number | null>, asOf = '2026-12-01T09:00:00.000Z'): AccountNow['fields'] {
  const out: Record<string, string | number | null> = {};
  for (const [k, value] of Object.entries(v)) {
    const f = fields.find((x) => x.key === k)!;
    out[f[crm]] = crm === 'hubspot' && value !== null ? String(value) : value;
  }
  out[RESULT_FIELDS.asOf[crm]] = asOf;
  return out;
}

function plan(crm: Crm, accounts: AccountNow[], publish: AccountValues[], pack = PACK) {
  const input: PlanInput = { crm, fields, pack, asOf: AS_OF, accounts, publish };
  return planPublication(input);
}

describe('compareVersions', () => {
  test.each<[string, string, number]>([
    ['6', '10', -1], ['10', '6', 1], ['6', '6', 0], ['1.2', '1.10', -1], ['1.2.0', '1.2', 1], ['v3', 'v3', 0], ['2026-12-01', '2026-12-04', -1], ['1.0-beta', '1.0-rc', -1],
  ])('%s vs %s → %i', (a, b, c) => expect(compareVersions(a, b)).toBe(c));
});

describe('sameValue', () => {
  test.each<[string, Crm, (typeof fields)[number], string | number | null | undefined, string | number | boolean | null, boolean]>([
    ['"62" is 62', 'hubspot', RESULT_FIELDS.score, '62', 62, true],
    ['"62.0" is 62', 'hubspot', RESULT_FIELDS.score, '62.0', 62, true],
    ['62 is not 63', 'salesforce', RESULT_FIELDS.score, 62, 63, false],
    ['empty is null', 'hubspot', RESULT_FIELDS.score, '', null, true],
    ['undefined is null', 'salesforce', RESULT_FIELDS.score, undefined, null, true],
    ['0 is not empty', 'hubspot', RESULT_FIELDS.score, '', 0, false],
    ['an instant in two spellings', 'salesforce', RESULT_FIELDS.asOf, '2026-12-04T09:00:00.000+0000', '2026-12-04T09:00:00.000Z', true],
    ['a boolean as HubSpot text', 'hubspot', signalField('sso', 'boolean'), 'true', true, true],
    ['text exactly', 'hubspot', RESULT_FIELDS.band, 'Green', 'green', false],
  ])('%s', (_n, crm, field, now, next, same) => expect(sameValue(field, crm, now, next)).toBe(same));
});

describe('planPublication', () => {
  test.each<Crm>(['hubspot', 'salesforce'])('%s: a first publication writes every result and "as of"', (crm) => {
    const p = plan(crm, [{ id: 'a1', fields: {} }], [{ id: 'a1', values: results(62) }]);
    expect(p.batches).toHaveLength(1);
    const w = p.batches[0]![0]!;
    expect(Object.keys(w.fields)).toHaveLength(8);
    expect(w.fields[RESULT_FIELDS.score[crm]]).toBe(crm === 'hubspot' ? '62' : 62);
    expect(w.fields[RESULT_FIELDS.asOf[crm]]).toBe(AS_OF);
  });

  test.each<Crm>(['hubspot', 'salesforce'])('%s: a second run of the same values writes nothing, "as of" included', (crm) => {
    const p = plan(crm, [{ id: 'a1', fields: held(crm, results(62)) }], [{ id: 'a1', values: results(62) }]);
    expect(p.writes).toBe(0);
    expect(p.skipped).toEqual([{ id: 'a1', reason: 'unchanged' }]);
  });

  test('only what changed is written, with "as of"', () => {
    const p = plan('hubspot', [{ id: 'a1', fields: held('hubspot', results(62)) }], [{ id: 'a1', values: results(75) }]);
    expect(p.batches[0]![0]!.fields).toEqual({ sidecar_health_score: '75', sidecar_health_band: 'green', sidecar_scored_at: AS_OF });
  });

  test('a signal value that changes does not move "as of"', () => {
    const now = { ...held('salesforce', results(62)), [signalField('nps', 'number').salesforce]: 30 };
    const p = plan('salesforce', [{ id: 'a1', fields: now }], [{ id: 'a1', values: { ...results(62), 'sig:nps': 45 } }]);
    expect(p.batches[0]![0]!.fields).toEqual({ Sidecar_Sig_Nps__c: 45 });
  });

  test.each<[string, string, string, boolean]>([
    ['a newer version of the same pack', '7', 'acme-cs', true],
    ['a newer version, compared as numbers', '10', 'acme-cs', true],
    ['an older version', '5', 'acme-cs', false],
    ['another pack, any version', '99', 'other-pack', false],
  ])('results held by %s (v%s of %s)', (_n, version, packId, kept) => {
    const now = held('hubspot', results(40, { packVersion: version, packId }));
    const p = plan('hubspot', [{ id: 'a1', fields: now }], [{ id: 'a1', values: { ...results(62), 'sig:nps': 10 } }]);
    const w = p.batches[0]![0]!.fields;
    expect('sidecar_health_score' in w).toBe(!kept);
    expect('sidecar_scored_at' in w).toBe(!kept);
    // Imported signal values are not a pack's results: they are written either way.
    expect(w.sidecar_sig_nps).toBe('10');
    expect(p.newerPack).toEqual(kept ? ['a1'] : []);
  });

  test('an account whose results a newer pack wrote, with nothing else to write, is skipped as such', () => {
    const p = plan('hubspot', [{ id: 'a1', fields: held('hubspot', results(40, { packVersion: '7' })) }], [{ id: 'a1', values: results(62) }]);
    expect(p.skipped).toEqual([{ id: 'a1', reason: 'newer-pack' }]);
  });

  test('accounts outside the book are skipped; repeats count once; unknown keys and a given "as of" are ignored', () => {
    const p = plan('hubspot', [{ id: 'a1', fields: {} }], [
      { id: 'zz', values: results(62) },
      { id: 'a1', values: { 'sig:nps': 5, 'sig:unknown': 1, asOf: '1999-01-01T00:00:00.000Z' } },
      { id: 'a1', values: { 'sig:nps': 6 } },
    ]);
    expect(p.skipped).toEqual([{ id: 'zz', reason: 'not-in-book' }]);
    expect(p.batches.flat()).toEqual([{ id: 'a1', fields: { sidecar_sig_nps: '5' } }]);
  });

  test('a null clears a field that holds a value, and leaves an empty one alone', () => {
    const p = plan('salesforce', [{ id: 'a1', fields: held('salesforce', results(62)) }, { id: 'a2', fields: held('salesforce', results(null, { band: 'unknown' })) }], [
      { id: 'a1', values: results(null) },
      { id: 'a2', values: results(null) },
    ]);
    expect(p.batches.flat()).toEqual([{ id: 'a1', fields: { Sidecar_Health_Score__c: null, Sidecar_Health_Band__c: 'unknown', Sidecar_Scored_At__c: AS_OF } }]);
  });

  test.each<[Crm, number, number[]]>([
    ['hubspot', 250, [100, 100, 50]],
    ['hubspot', 100, [100]],
    ['salesforce', 250, [200, 50]],
    ['salesforce', 401, [200, 200, 1]],
  ])('%s: %i writes come in batches of %j', (crm, n, sizes) => {
    const ids = Array.from({ length: n }, (_, i) => `id${i}`);
    const p = plan(crm, ids.map((id) => ({ id, fields: {} })), ids.map((id) => ({ id, values: { 'sig:nps': 1 } })));
    expect(p.batches.map((b) => b.length)).toEqual(sizes);
    expect(Math.max(...p.batches.map((b) => b.length))).toBeLessThanOrEqual(BATCH_LIMIT[crm]);
  });

  describe('the publication stamp (who, what, when: the audit trail in the CRM)', () => {
    const stamp = { field: PUBLISHED_BY, value: publicationStamp({ by: 'ops@example.com', kind: 'scores', pack: PACK, at: AS_OF, jobId: '1a2b3c4d-ffff' }) };
    const stamped = (crm: Crm, accounts: AccountNow[], publish: AccountValues[], stampValue = stamp) => planPublication({ crm, fields, pack: PACK, asOf: AS_OF, accounts, publish, stamp: stampValue });

    test.each<Crm>(['hubspot', 'salesforce'])('%s: goes with every record written, and with none left alone', (crm) => {
      const p = stamped(
        crm,
        [{ id: 'a1', fields: held(crm, results(62)) }, { id: 'a2', fields: held(crm, results(62)) }, { id: 'a3', fields: held(crm, results(40, { packVersion: '7' })) }],
        [{ id: 'a1', values: results(75) }, { id: 'a2', values: results(62) }, { id: 'a3', values: results(62) }],
      );
      expect(p.batches.flat().map((w) => [w.id, w.fields[PUBLISHED_BY[crm]]])).toEqual([['a1', 'ops@example.com · scores · acme-cs v6 · 2026-12-04T09:00:00.000Z · run 1a2b3c4d']]);
      expect(p.skipped).toEqual([{ id: 'a2', reason: 'unchanged' }, { id: 'a3', reason: 'newer-pack' }]);
    });

    test('a stamp alone is never a reason to write: a re-run with another person and time writes nothing', () => {
      const now = { ...held('hubspot', results(62)), [PUBLISHED_BY.hubspot]: stamp.value };
      const other = { field: PUBLISHED_BY, value: publicationStamp({ by: 'other@example.com', kind: 'scores', pack: PACK, at: '2026-12-05T09:00:00.000Z', jobId: 'zzzz' }) };
      expect(stamped('hubspot', [{ id: 'a1', fields: now }], [{ id: 'a1', values: results(62) }], other).writes).toBe(0);
    });

    test.each<[string, Parameters<typeof publicationStamp>[0], string]>([
      ['no one known', { by: null, kind: 'signals', pack: PACK, at: AS_OF, jobId: 'abc' }, 'unknown · signals · acme-cs v6 · 2026-12-04T09:00:00.000Z · run abc'],
      ['a long e-mail and pack id are cut, within Salesforce 255', { by: `${'x'.repeat(200)}@example.com`, kind: 'scores', pack: { id: 'p'.repeat(300), version: '1'.repeat(100) }, at: AS_OF, jobId: '1234567890' }, ''],
    ])('%s', (_n, p, expected) => {
      const v = publicationStamp(p);
      if (expected) expect(v).toBe(expected);
      expect([...v].length).toBeLessThanOrEqual(255);
      expect(v).toContain(AS_OF);
    });
  });
});
