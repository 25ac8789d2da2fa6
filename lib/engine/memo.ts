import type { Value } from './conditions.ts';

// Explanation strings repeat across accounts (the same rating, the same NPS, the same stage), so the compiled pack
// keeps small bounded memos of them. They are caches of pure functions: results never depend on what was cached.

const LIMIT = 512;

/** Keys below this that are whole numbers live in an array; the rest in a map. */
const DENSE = 1024;

/**
 * A memo keyed by a signal value. Most values are small counts, percentages, days or ratings: those index an array,
 * which is cheaper than hashing them into a Map on every lookup.
 */
export class ValueMemo<V extends object> {
  private readonly dense: Array<V | undefined> = [];
  private readonly other = new Map<Value, V>();

  get(key: Value): V | undefined {
    if (typeof key === 'number' && key >= 0 && key < DENSE && Number.isInteger(key)) return this.dense[key];
    return this.other.get(key);
  }

  /** Stores and freezes `v` (it is shared between evaluations) and returns it. */
  set(key: Value, v: V): V {
    Object.freeze(v);
    if (typeof key === 'number' && key >= 0 && key < DENSE && Number.isInteger(key)) this.dense[key] = v;
    else {
      if (this.other.size >= LIMIT) this.other.clear();
      this.other.set(key, v);
    }
    return v;
  }
}
