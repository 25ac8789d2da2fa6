// Small immutable edits the sections share: lists (add, remove, move) and the weights' shares.
// Each returns a new array; the input is never changed.
export { sharesOf100 } from '../packs/map.ts';

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Move one item from `from` to `to` (both clamped to the list); the others keep their order. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const [item] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item!);
  return out;
}

/** An id not yet in `taken`: `base`, else `base-2`, `base-3`… (ids must start with a letter; the base does). */
export function freshId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A number typed in a field: blank or unreadable is NaN, which the check names at the field's path (it goes out as null). */
export function numberFrom(text: string): number {
  const t = text.trim().replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return t === '' ? Number.NaN : Number(t);
}
