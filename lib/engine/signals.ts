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
  if (s.isBoolean) {
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === 1 || raw === '1') return true;
    if (raw === 'false' || raw === 0 || raw === '0') return false;
    return null;
  }
  if (s.isDate) {
    const ms = typeof raw === 'string' ? parseIsoMs(raw) : typeof raw === 'number' ? raw : NaN;
    return Number.isFinite(ms) ? ms : null;
  }
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && raw.trim() !== '') n = Number(raw);
  else return null;
  if (!Number.isFinite(n)) return null;
  // Ratings outside the scale are input errors, not extreme opinions.
  if (s.isRating && (n < 1 || n > 5)) return null;
  // -0 would not survive JSON (it comes back as 0), so outputs are normalised to 0.
  return n === 0 ? 0 : n;
}

// Reads signal `i` from its raw input value and entry (collected in the scratch `raws` and `entries`) into its value
// and staleness. A stale entry stays in `entries`, with its observation time, so that `stale` can be listed in pack
// order afterwards.
function readEntry(c: CompiledPack, i: number, nowMs: number): void {
  const s = c.signals[i]!;
  const sc = c.scratch;
  const v = coerce(s, sc.raws[i]);
  sc.values[i] = v;
  let stale = false;
  if (v !== null && s.freshnessMs > 0) {
    const at = sc.entries[i]!.observedAt;
    let observed = NaN;
    if (typeof at === 'string') {
      // One fetch stamps every property with the same time, so consecutive entries usually share it.
      if (at !== sc.lastAt) {
        sc.lastAt = at;
        sc.lastMs = parseIsoMs(at);
      }
      observed = sc.lastMs;
    }
    if (!Number.isFinite(observed) || nowMs - observed > s.freshnessMs) {
      stale = true;
      sc.observed[i] = observed;
    }
  }
  sc.staleFlags[i] = stale;
}

export function resolveSignals(c: CompiledPack, account: AccountInput, nowMs: number): ResolvedSignals {
  // Only read before the next account is evaluated (evaluation is synchronous), so the arrays are reused.
  const { values, staleFlags, entries, raws, observed } = c.scratch;
  const input = account.signals ?? {};
  // Entries lie scattered in memory and reading each is a cache miss. Collecting them first and then fetching their
  // values in a loop that does nothing else lets the processor overlap those misses instead of waiting for each in
  // turn while it coerces the one before.
  if (Object.getPrototypeOf(input) === Object.prototype) {
    // Accounts carry different subsets of signals, so their objects have many hidden classes and a lookup by name
    // per signal goes megamorphic (slowest for the absent ones); walking the keys once lets V8 read each value
    // through the enumeration cache. Plain data objects (JSON, structured clones, literals, Object.fromEntries —
    // every producer of AccountInput) keep their entries in enumerable own keys, and what they inherit is never an
    // object with a usable `value`; only an entry hidden with Object.defineProperty would be missed here.
    for (const key in input) {
      const i = c.slotOf[key];
      if (i !== undefined) entries[i] = input[key];
    }
  } else {
    // Anything else may hold entries the walk cannot see (e.g. getters on a class), so read each signal by name.
    // Direct lookup is safe: a prototype member is never an object with a usable `value` (so it reads as null).
    for (const i of c.inputIdx) entries[i] = input[c.signals[i]!.id];
  }
  for (const i of c.inputIdx) {
    const entry = entries[i];
    raws[i] = entry !== null && typeof entry === 'object' ? entry.value : null;
  }
  for (const i of c.inputIdx) readEntry(c, i, nowMs);
  let staleCount = 0;
  for (const i of c.freshIdx) if (staleFlags[i]) staleCount++;
  // Sized up front, like `missing` in health.ts.
  const stale: StaleInput[] = new Array<StaleInput>(staleCount);
  staleCount = 0;
  for (const i of c.freshIdx) {
    if (!staleFlags[i]) continue;
    const s = c.signals[i]!;
    const obs = observed[i]!;
    stale[staleCount++] = {
      signalId: s.id,
      observedAt: entries[i]!.observedAt,
      ageDays: Number.isFinite(obs) ? Math.floor((nowMs - obs) / DAY_MS) : null,
      limitDays: s.freshnessMs / DAY_MS,
    };
  }
  // Do not keep the account alive through the scratch array (the walk may also have filled computed signals' slots).
  for (let i = 0; i < entries.length; i++) {
    entries[i] = undefined;
    raws[i] = null;
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
    const days = s.since ? Math.floor((nowMs - from) / DAY_MS) : Math.ceil((from - nowMs) / DAY_MS);
    values[i] = days === 0 ? 0 : days; // no -0 from Math.ceil(-0.5)
  }
  return { values, staleFlags, stale };
}
