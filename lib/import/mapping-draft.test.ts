import { describe, expect, test } from 'vitest';
import { assignRole, mappingProblems, roleOf, type MappingDraft, type Role } from './mapping-draft.ts';

const base: MappingDraft = { keyKind: 'domain', keyColumn: 'Domain', observedAtColumn: 'Date', columns: { Logins: 'logins', NPS: 'nps' } };

describe('assignRole: a role one column can hold moves to the column given it', () => {
  test.each<[string, string, Role, Partial<MappingDraft>]>([
    ['the key moves', 'Logins', '@key', { keyColumn: 'Logins', columns: { NPS: 'nps' } }],
    ['the date moves', 'NPS', '@date', { observedAtColumn: 'NPS', columns: { Logins: 'logins' } }],
    ['a signal moves off its old column', 'Seats', 'sig:logins', { columns: { NPS: 'nps', Seats: 'logins' } }],
    ['the key column becomes a signal and the key is gone', 'Domain', 'sig:seats', { keyColumn: undefined, columns: { Logins: 'logins', NPS: 'nps', Domain: 'seats' } }],
    ['nothing: the column is ignored', 'Logins', '', { columns: { NPS: 'nps' } }],
  ])('%s', (_name, header, role, change) => {
    const next = assignRole(base, header, role);
    expect({ ...next }).toEqual(JSON.parse(JSON.stringify({ ...base, ...change })));
    expect(roleOf(next, header)).toBe(role);
    expect(base.columns).toEqual({ Logins: 'logins', NPS: 'nps' });
  });
});

describe('mappingProblems', () => {
  test.each<[string, MappingDraft, string[]]>([
    ['complete', base, []],
    ['no key', { ...base, keyColumn: undefined }, ['csv.needKey']],
    ['no signal', { ...base, columns: {} }, ['csv.needSignal']],
    ['neither', { keyKind: 'name', columns: {} }, ['csv.needKey', 'csv.needSignal']],
  ])('%s', (_name, draft, problems) => expect(mappingProblems(draft)).toEqual(problems));
});
