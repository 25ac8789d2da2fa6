import { parseIsoMs } from './iso-date.ts';
import type { CompiledPack, CompiledSignal } from './compile.ts';
import type { Value } from './conditions.ts';
import type { AccountInput, StaleInput } from './types.ts';

export const DAY_MS = 86_400_000;

export interface ResolvedSignals {
  values: Value[];
  staleFlags: boolean[];
  stale: StaleInput[];
}

// CRM properties arrive as strings (HubSpot returns every property as one); read them by the signal's type.
function coerce(s: CompiledSignal, raw: unknown): Value {
  if (raw === null || raw === undefined) return null;
  switch (s.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 1 || raw === '1') return true;
      if (raw === 'false' || raw === 0 || raw === '0') return false;
      return null;
    case 'date': {
      const ms = typeof raw === 'string' ? parseIsoMs(raw) : typeof raw === 'number' ? raw : NaN;
      return Number.isFinite(ms) ? ms : null;
    }
    default: {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string' && raw.trim() !== '') n = Number(raw);
      else return null;
      if (!Number.isFinite(n)) return null;
      // Ratings outside the scale are input errors, not extreme opinions.
      if (s.type === 'rating' && (n < 1 || n > 5)) return null;
      // -0 would not survive JSON (it comes back as 0), so outputs are normalised to 0.
      return n === 0 ? 0 : n;
    }
  }
}

export function resolveSignals(c: CompiledPack, account: AccountInput, nowMs: number): ResolvedSignals {
  const n = c.signals.length;
  // Only read before the next account is evaluated (evaluation is synchronous), so the arrays are reused.
  const { values, staleFlags, entries, seen } = c.scratch;
  const stale: StaleInput[] = [];
  const input = account.signals ?? {};
  // Accounts carry different subsets of signals, so their objects have many hidden classes and a lookup by name
  // per signal goes megamorphic (slowest for the absent ones); walking the keys once lets V8 read each value through
  // the enumeration cache.
  for (const key in input) {
    const i = c.indexOf.get(key);
    if (i === undefined) continue;
    entries[i] = input[key];
    seen[i] = 1;
  }
  // The walk misses non-enumerable members, e.g. getters on a class. Plain objects (JSON, structured clones,
  // literals, Object.fromEntries) have none that could hold a signal, so only other objects are also read by name.
  // Direct lookup is safe: a prototype member is never an object with a usable `value` (so it reads as null).
  const plain = Object.getPrototypeOf(input) === Object.prototype;
  let lastAt: string | null = null;
  let lastMs = NaN;
  for (let i = 0; i < n; i++) {
    const s = c.signals[i]!;
    staleFlags[i] = false;
    if (s.computed) {
      values[i] = null;
      continue;
    }
    const entry = seen[i] === 1 ? entries[i] : plain ? undefined : input[s.id];
    // Cleared for the next account, and so that the scratch array does not keep this one alive.
    seen[i] = 0;
    entries[i] = undefined;
    const v = entry !== null && typeof entry === 'object' ? coerce(s, entry.value) : null;
    values[i] = v;
    if (v !== null && s.freshnessMs > 0 && entry) {
      const at = entry.observedAt;
      let observed = NaN;
      if (typeof at === 'string') {
        // One fetch stamps every property with the same time, so consecutive signals usually share it.
        if (at !== lastAt) {
          lastAt = at;
          lastMs = parseIsoMs(at);
        }
        observed = lastMs;
      }
      const age = nowMs - observed;
      if (!Number.isFinite(observed) || age > s.freshnessMs) {
        staleFlags[i] = true;
        stale.push({
          signalId: s.id,
          observedAt: entry.observedAt,
          ageDays: Number.isFinite(observed) ? Math.floor(age / DAY_MS) : null,
          limitDays: s.freshnessMs / DAY_MS,
        });
      }
    }
  }
  // Computed signals read dates resolved above; they carry the staleness of the date they come from.
  for (const i of c.computedIdx) {
    const s = c.signals[i]!;
    const from = values[s.fromIdx];
    staleFlags[i] = staleFlags[s.fromIdx] ?? false;
    if (typeof from !== 'number') {
      values[i] = null;
      continue;
    }
    const days = s.computed === 'daysSince' ? Math.floor((nowMs - from) / DAY_MS) : Math.ceil((from - nowMs) / DAY_MS);
    values[i] = days === 0 ? 0 : days; // no -0 from Math.ceil(-0.5)
  }
  return { values, staleFlags, stale };
}
