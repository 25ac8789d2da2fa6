// Explanation strings repeat across accounts (the same rating, the same NPS, the same stage), so the compiled pack
// keeps small bounded memos of them. They are caches of pure functions: results never depend on what was cached.

const LIMIT = 512;

/** Stores a value `map` lacks. Callers look it up first and build it inline: no closure per call on the hot path. */
export function remember<K, V>(map: Map<K, V>, key: K, v: V): V {
  // Shared between evaluations, so nobody may change it in place.
  if (typeof v === 'object' && v !== null) Object.freeze(v);
  if (map.size >= LIMIT) map.clear();
  map.set(key, v);
  return v;
}
