import { compilePack, type CompiledPack } from '../engine/compile';
import { outranksBy, rankedRulesFor } from '../engine/playbook';
import { RESERVED_BAND_UNKNOWN } from '../engine/schema';
import type { ConfigPack } from '../engine/types';

// The playbook as a stage × band matrix for one maturity level, touch model and segment: in each cell, which rule an
// account there gets and why. The ranking is the engine's own (lib/engine/playbook.ts rankedRulesFor, outranksBy);
// nothing here re-implements it.

export interface MatrixFilters {
  maturity: number;
  touchModel: string;
  segment: string;
}

export interface MatrixStep {
  ruleId: string;
  /** The rule's index in pack.playbook. */
  index: number;
  /** The rule also needs signal conditions: an account gets it only when they hold, else the next step. */
  conditional: boolean;
}

export interface MatrixCell {
  stage: string;
  band: string;
  /** The ranked rules down to the first that has no signal conditions (it catches every account the others miss). */
  steps: MatrixStep[];
  /** Why the first step outranks the next rule that matches here; null when no other rule matches. */
  why: { over: string; by: 'priority' | 'specificity' | 'order' } | null;
  /** How many rules match the cell's situation. */
  matching: number;
}

export interface PlaybookMatrix {
  stages: string[];
  /** The pack's bands, worst first, then `unknown` (insufficient data). */
  bands: string[];
  /** rows[stage][band] */
  rows: MatrixCell[][];
}

/** Compiles the draft for the matrix; null when it cannot be (a draft mid-edit may be too broken to compile). */
export function compileDraft(pack: ConfigPack): CompiledPack | null {
  try {
    return compilePack(pack);
  } catch {
    return null;
  }
}

export function playbookMatrix(c: CompiledPack, f: MatrixFilters): PlaybookMatrix {
  const pack = c.pack;
  const stages = pack.lifecycle.stages.map((s) => s.id);
  const bands = [...pack.bands.map((b) => b.id), RESERVED_BAND_UNKNOWN];
  const rows = stages.map((stage) =>
    bands.map((band): MatrixCell => {
      const ranked = rankedRulesFor(c, { stage, band, touchModel: f.touchModel, segment: f.segment, maturity: f.maturity });
      const steps: MatrixStep[] = [];
      for (const r of ranked) {
        const conditional = r.signals.length > 0;
        steps.push({ ruleId: r.id, index: r.order, conditional });
        if (!conditional) break;
      }
      const [first, second] = ranked;
      return { stage, band, steps, why: first && second ? { over: second.id, by: outranksBy(first, second) } : null, matching: ranked.length };
    }),
  );
  return { stages, bands, rows };
}

/** The maturity values a filter offers: 0 (below Lv.1) to the highest level. */
export function maturityChoices(pack: ConfigPack): number[] {
  return [0, ...pack.maturity.levels.map((_, i) => i + 1)];
}
