import { describe, expect, test } from 'vitest';
import { parseConfigPack } from '../engine/parse.ts';
import { evaluateAccount } from '../engine/evaluate.ts';
import { defaultConfigPack } from '../engine/default-pack/index.ts';
import { emptySkeleton, newFromDefault } from './skeleton.ts';

describe.each(['ja', 'en'] as const)('new maps (%s)', (locale) => {
  test('the empty skeleton is a valid pack with the four parts of the map', () => {
    const p = emptySkeleton(locale);
    const r = parseConfigPack(p);
    expect(r.ok ? [] : r.errors).toEqual([]);
    // 1. the maturity curve, 2. the health check, 3. the four touch models, 4. the six phases and their owners.
    expect(p.maturity.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
    expect(p.bands.map((b) => b.id)).toEqual(['red', 'yellow', 'green']);
    expect(p.touch.models.map((m) => m.id)).toEqual(['high', 'low', 'tech', 'community']);
    expect(p.lifecycle.stages.map((s) => [s.id, s.owner])).toEqual([
      ['onboarding', 'sales'],
      ['implementation', 'implementation'],
      ['adoption', 'csm'],
      ['renewal', 'csm'],
      ['expansion', 'sales'],
      ['support', 'support'],
    ]);
    expect(p.locales.default).toBe(locale);
    // An account can be scored with it at once.
    const e = evaluateAccount(p, { signals: { active_user_rate: { value: 40, observedAt: '2025-05-30T00:00:00Z' } } }, new Date('2025-06-01T00:00:00Z'));
    expect([e.health.score, e.maturity.level]).toEqual([50, 2]);
  });

  test('a new map from the default pack is the default pack under its own id', () => {
    const p = newFromDefault(locale);
    const d = defaultConfigPack(locale);
    expect(parseConfigPack(p).ok).toBe(true);
    expect(p.id).not.toBe(d.id);
    expect({ ...p, id: d.id, name: d.name, version: d.version }).toEqual(d);
  });
});
