import type { Condition } from './types.ts';

export type Value = number | boolean | null;

// Operators as small integers: pack strings come from JSON or structuredClone and are not interned, so a switch on
// them would compare whole strings on every test.
const OP_CODE: Record<Condition['op'], number> = { present: 0, missing: 1, '==': 2, '!=': 3, '>=': 4, '>': 5, '<=': 6, '<': 7 };

/** A condition bound to a signal's slot in the per-account value array. */
export interface CompiledCondition {
  def: Condition;
  idx: number;
  op: Condition['op'];
  opCode: number;
  value: number | boolean | undefined;
}

export function compileCondition(def: Condition, indexOf: ReadonlyMap<string, number>): CompiledCondition {
  return { def, idx: indexOf.get(def.signal) ?? -1, op: def.op, opCode: OP_CODE[def.op], value: def.value };
}

// A missing value fails every comparison: an account is never "NPS ≤ 6" because NPS is unknown.
export function test(c: CompiledCondition, values: readonly Value[]): boolean {
  return testValue(c, c.idx >= 0 ? (values[c.idx] ?? null) : null);
}

/** `test` for callers that already hold the condition's value. */
export function testValue(c: CompiledCondition, v: Value): boolean {
  switch (c.opCode) {
    case 0:
      return v !== null;
    case 1:
      return v === null;
    case 2:
      return v !== null && v === c.value;
    case 3:
      return v !== null && v !== c.value;
  }
  if (typeof v !== 'number' || typeof c.value !== 'number') return false;
  switch (c.opCode) {
    case 4:
      return v >= c.value;
    case 5:
      return v > c.value;
    case 6:
      return v <= c.value;
    default:
      return v < c.value;
  }
}

export function testAll(cs: readonly CompiledCondition[], values: readonly Value[]): boolean {
  for (const c of cs) if (!test(c, values)) return false;
  return true;
}
