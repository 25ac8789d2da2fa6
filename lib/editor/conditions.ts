import type { Condition, SignalDef } from '../engine/types';

// The condition editor's rules, the same as the pack check's (lib/engine/validate.ts checkCondition): which operators
// a signal's type takes, and what value they compare with. Changing the signal or the operator keeps the condition
// one the check accepts whenever it can.

export type Op = Condition['op'];

export const NUMERIC_OPS: readonly Op[] = ['>=', '>', '<=', '<', '==', '!=', 'present', 'missing'];
export const BOOLEAN_OPS: readonly Op[] = ['==', '!=', 'present', 'missing'];
export const PRESENCE_OPS: readonly Op[] = ['present', 'missing'];

export type ValueKind = 'number' | 'boolean' | 'none';

/** A signal compared as a number: numbers, ratings, and computed day counts (a computed signal is typed number). */
function isNumeric(s: SignalDef): boolean {
  return s.type === 'number' || s.type === 'rating' || s.source.kind === 'computed';
}

/** The operators a signal takes: a raw date only present/missing (compare a computed daysSince/daysUntil instead). */
export function opsFor(s: SignalDef | undefined): readonly Op[] {
  if (!s) return NUMERIC_OPS;
  if (isNumeric(s)) return NUMERIC_OPS;
  if (s.type === 'boolean') return BOOLEAN_OPS;
  return PRESENCE_OPS;
}

/** What the value field holds for this signal and operator. */
export function valueKind(s: SignalDef | undefined, op: Op): ValueKind {
  if (op === 'present' || op === 'missing') return 'none';
  if (s && s.type === 'boolean' && !isNumeric(s)) return 'boolean';
  return 'number';
}

function withValue(c: Condition, kind: ValueKind, fallback: number | boolean): Condition {
  const { value, ...rest } = c;
  if (kind === 'none') return rest;
  if (kind === 'boolean') return { ...rest, value: typeof value === 'boolean' ? value : (fallback as boolean) };
  return { ...rest, value: typeof value === 'number' ? value : (fallback as number) };
}

/** A new condition on the first signal that can be compared, else the first signal. */
export function newCondition(signals: readonly SignalDef[]): Condition {
  const s = signals.find((x) => isNumeric(x)) ?? signals[0];
  if (!s) return { signal: '', op: 'present' };
  return withSignal({ signal: s.id, op: '>=' }, s);
}

/** The condition moved to another signal: the operator is kept when the signal takes it, and the value follows the type. */
export function withSignal(c: Condition, s: SignalDef): Condition {
  const ops = opsFor(s);
  const op = ops.includes(c.op) ? c.op : ops[0]!;
  const kind = valueKind(s, op);
  // A boolean compared as a number (or the reverse) makes no sense: start from a plain value.
  const base: Condition = { signal: s.id, op, ...(c.value !== undefined ? { value: c.value } : {}) };
  if (kind === 'boolean' && typeof c.value !== 'boolean') delete base.value;
  if (kind === 'number' && typeof c.value !== 'number') delete base.value;
  return withValue(base, kind, kind === 'boolean' ? true : 0);
}

/** The condition with another operator; the value is dropped for present/missing and filled in when one is needed. */
export function withOp(c: Condition, op: Op, s: SignalDef | undefined): Condition {
  const kind = valueKind(s, op);
  return withValue({ ...c, op }, kind, kind === 'boolean' ? true : 0);
}

/**
 * A typed value from the field's text: a number for numeric kinds (null when the text is not a number yet, so the
 * caller keeps the last good value), `true`/`false` for booleans.
 */
export function parseConditionValue(raw: string, kind: ValueKind): number | boolean | null {
  if (kind === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : null;
  if (kind === 'none') return null;
  return parseNumber(raw);
}

/** A finite number from a field's text (full-width digits and a comma as thousands separator are read), else null. */
export function parseNumber(raw: string): number | null {
  const ascii = raw
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/,/g, '')
    .trim();
  if (ascii === '' || !/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(ascii)) return null;
  const n = Number(ascii);
  return Number.isFinite(n) ? n : null;
}
