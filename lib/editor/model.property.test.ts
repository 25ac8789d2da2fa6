import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/default-pack/index.ts';
import { parseConfigPack } from '../engine/parse.ts';
import type { ConfigPack } from '../engine/types.ts';
import { moveItem, replaceAt } from './edit.ts';
import { canRedo, canUndo, record, redo, seal, startHistory, undo, type History } from './history.ts';
import { draftFromJson, draftJson, draftProblems, fromModel, toModel } from './model.ts';
import { idsOf, renameId, type IdKind } from './rename.ts';
import { emptySkeleton, newFromDefault } from './skeleton.ts';

// The editor's model is the pack itself, so "into the model and back" is a copy: these properties
// make it meaningful by going through what the editor really does with a pack: the JSON tab (text
// and back), id renames (there and back), and undo after any sequence of edits.

const idArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
const textArb = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('ＮＰＳ（推奨度）', '"quoted"\n', 'Active users', '顧客満足度'));
const KINDS: IdKind[] = ['signal', 'band', 'segment', 'scorecard', 'level', 'touchModel', 'stage', 'role', 'template', 'playbookRule'];

/** Valid packs: the three starting points, varied in the ways CS Ops varies them (texts, weights, freshness, ids, order). */
const packArb: fc.Arbitrary<ConfigPack> = fc
  .record({
    base: fc.constantFrom<() => ConfigPack>(() => defaultConfigPack('ja'), () => defaultConfigPack('en'), () => emptySkeleton('ja'), () => newFromDefault('en')),
    labels: fc.array(fc.tuple(fc.nat(), fc.constantFrom('ja', 'en'), textArb), { maxLength: 6 }),
    weights: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 60 })), { maxLength: 6 }),
    fresh: fc.array(fc.tuple(fc.nat(), fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined })), { maxLength: 4 }),
    renames: fc.array(fc.tuple(fc.constantFrom(...KINDS), fc.nat(), idArb), { maxLength: 5 }),
    moves: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
  })
  .map(({ base, labels, weights, fresh, renames, moves }) => {
    let p = base();
    for (const [i, locale, text] of labels) {
      const s = p.signals[i % p.signals.length]!;
      p = { ...p, signals: replaceAt(p.signals, i % p.signals.length, { ...s, label: { ...s.label, [locale]: text } }) };
    }
    for (const [c, m, w] of weights) {
      const sc = p.scorecards[c % p.scorecards.length]!;
      const measures = replaceAt(sc.measures, m % sc.measures.length, { ...sc.measures[m % sc.measures.length]!, weight: w });
      p = { ...p, scorecards: replaceAt(p.scorecards, c % p.scorecards.length, { ...sc, measures }) };
    }
    for (const [i, days] of fresh) {
      const { freshnessDays: _, ...s } = p.signals[i % p.signals.length]!;
      p = { ...p, signals: replaceAt(p.signals, i % p.signals.length, days === undefined ? s : { ...s, freshnessDays: days }) };
    }
    for (const [kind, i, to] of renames) {
      const ids = idsOf(p, kind);
      if (ids.length && !ids.includes(to)) p = renameId(p, kind, i % ids.length, to);
    }
    // Signals, templates and playbook rules may come in any order (bands, levels and stages may not).
    for (const [a, b] of moves) p = { ...p, signals: moveItem(p.signals, a % p.signals.length, b % p.signals.length) };
    return p;
  });

describe('any valid pack', () => {
  test('the generator makes valid packs only', () => {
    fc.assert(
      fc.property(packArb, (p) => {
        expect(draftProblems(p)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test('goes into the editor and comes back unchanged, through the model and through the JSON tab', () => {
    fc.assert(
      fc.property(packArb, (pack) => {
        const parsed = parseConfigPack(JSON.parse(JSON.stringify(pack)));
        if (!parsed.ok) throw new Error('generator made an invalid pack');
        const model = toModel(parsed.pack);
        expect(fromModel(model)).toEqual(parsed.pack);
        const back = draftFromJson(draftJson(model));
        expect(back.ok && back.draft).toEqual(parsed.pack);
        // The editor's copy is its own: an edit of the model never reaches the pack it came from.
        model.signals[0]!.label = { en: 'changed' };
        expect(parsed.pack.signals[0]!.label).not.toEqual({ en: 'changed' });
      }),
      { numRuns: 100 },
    );
  });

  test('an id renamed and renamed back is the same pack, and still valid in between', () => {
    fc.assert(
      fc.property(packArb, fc.constantFrom(...KINDS), fc.nat(), idArb, (pack, kind, i, to) => {
        const ids = idsOf(pack, kind);
        fc.pre(ids.length > 0 && !ids.includes(to));
        const index = i % ids.length;
        const there = renameId(pack, kind, index, to);
        expect(draftProblems(there)).toEqual([]);
        expect(renameId(there, kind, index, ids[index]!)).toEqual(pack);
      }),
      { numRuns: 200 },
    );
  });
});

type Edit =
  | { kind: 'label'; i: number; text: string }
  | { kind: 'weight'; m: number; w: number }
  | { kind: 'rename'; i: number; to: string }
  | { kind: 'move'; a: number; b: number }
  | { kind: 'seal' };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('label' as const), i: fc.nat(3), text: textArb }),
  fc.record({ kind: fc.constant('weight' as const), m: fc.nat(3), w: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ kind: fc.constant('rename' as const), i: fc.nat(), to: idArb }),
  fc.record({ kind: fc.constant('move' as const), a: fc.nat(), b: fc.nat() }),
  fc.constant({ kind: 'seal' as const }),
);

function apply(h: History<ConfigPack>, e: Edit): History<ConfigPack> {
  const p = h.present;
  switch (e.kind) {
    case 'label': {
      const i = e.i % p.signals.length;
      // Typing: the same field's keystrokes share a key, so they coalesce.
      return record(h, { ...p, signals: replaceAt(p.signals, i, { ...p.signals[i]!, label: { ...p.signals[i]!.label, en: e.text } }) }, 'label', `signals[${i}].label.en`);
    }
    case 'weight': {
      const sc = p.scorecards[0]!;
      const m = e.m % sc.measures.length;
      const measures = replaceAt(sc.measures, m, { ...sc.measures[m]!, weight: e.w });
      return record(h, { ...p, scorecards: replaceAt(p.scorecards, 0, { ...sc, measures }) }, 'weight', `scorecards[0].measures[${m}].weight`);
    }
    case 'rename':
      return record(h, renameId(p, 'signal', e.i % p.signals.length, e.to), 'rename');
    case 'move':
      return record(h, { ...p, signals: moveItem(p.signals, e.a % p.signals.length, e.b % p.signals.length) }, 'move');
    case 'seal':
      return seal(h);
  }
}

describe('undo and redo', () => {
  test('undo after any sequence of edits returns the start; redo returns the end', () => {
    fc.assert(
      fc.property(packArb, fc.array(editArb, { maxLength: 40 }), (start, edits) => {
        let h = startHistory(start);
        for (const e of edits) h = apply(h, e);
        const end = h.present;
        let steps = 0;
        while (canUndo(h)) {
          h = undo(h);
          steps++;
        }
        expect(h.present).toBe(start);
        while (canRedo(h)) h = redo(h);
        expect(h.present).toBe(end);
        // Coalesced keystrokes make fewer steps than edits, never more.
        expect(steps).toBeLessThanOrEqual(edits.length);
      }),
      { numRuns: 200 },
    );
  });
});
