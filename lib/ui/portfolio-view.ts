import type { FirstScreen } from '../messages/portfolio';
import type { BookFilters, SortKey } from '../portfolio/book';
import { VIEW_KEY } from './portfolio-boot';
import { peekBookSnapshot, SNAPSHOT_ROWS } from './portfolio-snapshot';

// The portfolio page's own view (filters and sort): kept in the page's own storage, which no CRM page
// can read (filters only, no customer data), and read before React mounts so that the first
// screenful can be asked for at once.

export { VIEW_KEY };

export const SORTS: ReadonlyArray<[SortKey, 'asc' | 'desc', 'sortScore' | 'sortRenewal' | 'sortLastTouch' | 'sortName' | 'sortLevel' | 'sortDataAge']> = [
  ['score', 'asc', 'sortScore'],
  ['renewal', 'asc', 'sortRenewal'],
  ['lastTouch', 'asc', 'sortLastTouch'],
  ['level', 'asc', 'sortLevel'],
  ['dataAge', 'asc', 'sortDataAge'],
  ['name', 'asc', 'sortName'],
];

/** The view as the page keeps it (the search is not kept: a reopened page starts without one). */
export const viewKeyOf = (filters: BookFilters, sort: number) => JSON.stringify({ filters: { ...filters, query: undefined }, sort });

/** The kept view; null on a first visit (nothing kept). Damaged text reads as the whole book by score. */
export function readKeptView(storage: Pick<Storage, 'getItem'>): { filters: BookFilters; sort: number } | null {
  const raw = storage.getItem(VIEW_KEY);
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as { filters?: BookFilters; sort?: number };
    const sort = typeof v.sort === 'number' && SORTS[v.sort] ? v.sort : 0;
    return { filters: v.filters && typeof v.filters === 'object' ? v.filters : {}, sort };
  } catch {
    return { filters: {}, sort: 0 };
  }
}

/** What the page asks the background for first: its view's first screenful. */
export function firstScreenOf(kept: { filters: BookFilters; sort: number } | null): FirstScreen {
  const [by, dir] = SORTS[kept?.sort ?? 0] ?? SORTS[0]!;
  return { filters: kept ? { ...kept.filters, query: undefined } : null, by, dir, limit: SNAPSHOT_ROWS };
}

/**
 * The last picture of the kept view, to paint before the background answers (a stopped background
 * takes a moment to start): null without a kept view or a picture of it.
 */
export function earlyBookSnapshot(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {
  const view = storage.getItem(VIEW_KEY);
  return view === null ? null : peekBookSnapshot(storage, view);
}
