import type { Condition } from './types.ts';

export type Value = number | boolean | null;

/** A condition bound to a signal's slot in the per-account value array. */
export interface CompiledCondition {
  def: Condition;
  idx: number;
  op: Condition['op'];
  value: number | boolean | undefined;
}

export function compileCondition(def: Condition, indexOf: ReadonlyMap<string, number>): CompiledCondition {
  return { def, idx: indexOf.get(def.signal) ?? -1, op: def.op, value: def.value };
}

// A missing value fails every comparison: an account is never "NPS ≤ 6" because NPS is unknown.
export function test(c: CompiledCondition, values: readonly Value[]): boolean {
  return testValue(c, c.idx >= 0 ? (values[c.idx] ?? null) : null);
}

/** `test` for callers that already hold the condition's value. */
export function testValue(c: CompiledCondition, v: Value): boolean {
  switch (c.op) {
    case 'present':
      return v !== null;
    case 'missing':
      return v === null;
    case '==':
      return v !== null && v === c.value;
    case '!=':
      return v !== null && v !== c.value;
  }
  if (typeof v !== 'number' || typeof c.value !== 'number') return false;
  switch (c.op) {
    case '>=':
      return v >= c.value;
    case '>':
      return v > c.value;
    case '<=':
      return v <= c.value;
    case '<':
      return v < c.value;
  }
}

export function testAll(cs: readonly CompiledCondition[], values: readonly Value[]): boolean {
  for (const c of cs) if (!test(c, values)) return false;
  return true;
}
