import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/default-pack/index';
import { parseConfigPack } from '../engine/parse';
import type { ConfigPack } from '../engine/types';
import { idsOf, referenceCount, renameId, type IdKind } from './rename';

const pack = defaultConfigPack('en');

// Each kind: an id of the default pack, renamed; the pack still passes every check (no reference left behind),
// and the old id appears nowhere as a value.
describe('renameId carries every reference', () => {
  test.each<[IdKind, string]>([
    ['band', 'red'],
    ['band', 'green'],
    ['segment', 'enterprise'],
    ['signal', 'nps'],
    ['signal', 'arr'],
    ['touchModel', pack.touch.default],
    ['stage', 'onboarding'],
    ['stage', pack.lifecycle.renewal.stage],
    ['role', 'csm'],
    ['template', 'kickoff-email'],
  ])('%s %s', (kind, from) => {
    const index = idsOf(pack, kind).indexOf(from);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(referenceCount(pack, kind, from)).toBeGreaterThan(0);
    const next = renameId(pack, kind, index, 'renamed_x');
    const parsed = parseConfigPack(next);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(idsOf(next, kind)[index]).toBe('renamed_x');
    expect(referenceCount(next, kind, from)).toBe(0);
    expect(referenceCount(next, kind, 'renamed_x')).toBe(referenceCount(pack, kind, from));
    // The draft passed in is untouched.
    expect(idsOf(pack, kind)[index]).toBe(from);
  });
});

test('a rename onto an id already taken moves the item only: the two sets of references never merge', () => {
  const next = renameId(pack, 'band', 0, 'green');
  expect(next.bands.map((b) => b.id)).toEqual(['green', 'yellow', 'green']);
  expect(JSON.stringify(next.playbook)).toBe(JSON.stringify(pack.playbook));
  const parsed = parseConfigPack(next);
  expect(parsed.ok ? [] : parsed.errors.map((e) => e.key)).toContain('pack.duplicate-id');
});

test('of two items sharing an id, renaming one leaves the references with the other', () => {
  const dup: ConfigPack = structuredClone(pack);
  dup.roles.push({ id: 'csm', label: { en: 'Second' } });
  const next = renameId(dup, 'role', dup.roles.length - 1, 'csm2');
  expect(next.roles.at(-1)!.id).toBe('csm2');
  expect(referenceCount(next, 'role', 'csm')).toBe(referenceCount(pack, 'role', 'csm'));
});

test('the same id is no change', () => {
  expect(renameId(pack, 'band', 0, 'red')).toBe(pack);
});
