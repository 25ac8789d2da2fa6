// The CSM's book of business (issue 17), pure: one row per account Sidecar has evaluated, the
// filters, sorts and search the portfolio page offers, the counts per band and level at its top,
// and what changed since the CSM last looked at the portfolio.
import { companyNameKey, normaliseText } from '../import/normalise.ts';

export interface BookRow {
  key: string;
  crm: 'hubspot' | 'salesforce';
  name: string;
  /** The CRM record's page. */
  url: string;
  score: number | null;
  band: string | null;
  level: number;
  stage: string;
  touchModel: string;
  nextAction: { id: string; title: { ja?: string; en?: string }; dueDate: string } | null;
  /** The drivers weighing most each way, to say why a band moved: down when it fell, up when it rose. */
  drivers: { up: { ja?: string; en?: string } | null; down: { ja?: string; en?: string } | null };
  renewalDays: number | null;
  lastTouch: { at: string; by?: string } | null;
  /** When the CRM was last read for it. */
  fetchedAt: string | null;
  owner: string | null;
  ownerId: string | null;
  /** Up to 30 daily scores, oldest first. */
  trend: number[];
  staleInputs: number;
  /** Read from the CRM's book only (published fields), not evaluated by this browser. */
  fromCrm?: boolean;
  /** Cached here, but the CRM's book (as the pack defines it) does not hold it now. */
  outsideBook?: boolean;
}

export interface BookFilters {
  bands?: string[];
  stages?: string[];
  levels?: number[];
  touchModels?: string[];
  /** Renewal within this many days (past renewals excluded). */
  renewalWithinDays?: number;
  /** 'me' with `me` given: the CSM's own accounts; an owner id: theirs; absent: the whole book. */
  owner?: string;
  query?: string;
}

/**
 * The view a portfolio opens on: the one the CSM left (kept by the page), or on the first visit the
 * CSM's own book (the pack's CSM field = me) when the book holds any of it, else the whole book.
 */
export function openingFilters(kept: BookFilters | null, hasMine: boolean): BookFilters {
  if (kept) return kept;
  return hasMine ? { owner: 'me' } : {};
}

export type SortKey = 'score' | 'name' | 'renewal' | 'lastTouch' | 'dataAge' | 'level';

/** Full-width/half-width, case and company suffixes (株式会社, (株), Inc.) do not matter to a search. */
export function searchKey(raw: string): string {
  return companyNameKey(raw) || normaliseText(raw);
}

export interface PreparedRow extends BookRow {
  /** The name as searched (searchKey), computed once per row. */
  searchName: string;
}

const searchName = (name: string) => `${searchKey(name)} ${normaliseText(name)}`;

export function prepare(rows: readonly BookRow[]): PreparedRow[] {
  return rows.map((r) => ({ ...r, searchName: searchName(r.name) }));
}

/** Rows prepared once (the page, which filters again on every keystroke) or not (one filtering, in the background). */
export function filterBook<T extends BookRow & { searchName?: string }>(rows: readonly T[], f: BookFilters, me?: { ids: string[] }): T[] {
  const q = f.query?.trim() ? searchKey(f.query) : '';
  const owners = f.owner === 'me' ? new Set(me?.ids ?? []) : f.owner ? new Set([f.owner]) : null;
  return rows.filter(
    (r) =>
      (!f.bands?.length || (r.band !== null && f.bands.includes(r.band))) &&
      (!f.stages?.length || f.stages.includes(r.stage)) &&
      (!f.levels?.length || f.levels.includes(r.level)) &&
      (!f.touchModels?.length || f.touchModels.includes(r.touchModel)) &&
      (f.renewalWithinDays === undefined || (r.renewalDays !== null && r.renewalDays >= 0 && r.renewalDays <= f.renewalWithinDays)) &&
      (!owners || (r.ownerId !== null && owners.has(r.ownerId))) &&
      (!q || (r.searchName ?? searchName(r.name)).includes(q)),
  );
}

// One collator for every comparison: as String#localeCompare orders (the default locale), without
// the per-call cost that made sorting 10,000 rows by score (mostly ties, broken by name) slow.
const collator = new Intl.Collator();

/** Sorted copies; missing values last whichever the direction, the name breaking ties so the order is stable. */
export function sortBook<T extends BookRow>(rows: readonly T[], by: SortKey, dir: 'asc' | 'desc'): T[] {
  const value = (r: BookRow): number | string | null => {
    switch (by) {
      case 'score':
        return r.score;
      case 'name':
        return r.name;
      case 'renewal':
        return r.renewalDays;
      case 'lastTouch':
        return r.lastTouch ? Date.parse(r.lastTouch.at) : null;
      case 'dataAge':
        return r.fetchedAt ? Date.parse(r.fetchedAt) : null;
      case 'level':
        return r.level;
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  // Each row's value once (dates parsed once, not at every comparison).
  const keyed = rows.map((r) => ({ r, v: value(r) }));
  keyed.sort(({ r: a, v: va }, { r: b, v: vb }) => {
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      return (typeof va === 'string' ? collator.compare(va, String(vb)) : va - Number(vb)) * sign;
    }
    return collator.compare(a.name, b.name) || collator.compare(a.key, b.key);
  });
  return keyed.map((k) => k.r);
}

export interface BookCounts {
  bands: Record<string, number>;
  levels: Record<number, number>;
  total: number;
}

export function countBook(rows: readonly BookRow[]): BookCounts {
  const bands: Record<string, number> = {};
  const levels: Record<number, number> = {};
  for (const r of rows) {
    const b = r.band ?? 'insufficient-data';
    bands[b] = (bands[b] ?? 0) + 1;
    levels[r.level] = (levels[r.level] ?? 0) + 1;
  }
  return { bands, levels, total: rows.length };
}

/** What the CSM saw of an account at their last look at the portfolio. */
export interface SeenRow {
  band: string | null;
  level: number;
  action: string | null;
  /** The score then, to tell a fall from a rise. */
  score?: number | null;
}

export interface BookChange {
  key: string;
  name: string;
  /** The CRM record's page (the change list links there before the whole book is on the page). */
  url: string;
  band?: { from: string | null; to: string | null };
  level?: { from: number; to: number };
  action?: { from: string | null; to: string | null; title: { ja?: string; en?: string } | null };
  /** Why: the driver pulling the score down most when it fell, lifting it most when it rose. */
  driver: { ja?: string; en?: string } | null;
}

export const seenOf = (r: BookRow): SeenRow => ({ band: r.band, level: r.level, action: r.nextAction?.id ?? null, score: r.score });

/** Accounts whose band, level or next action moved since the last look; accounts new to the book are not changes. */
export function changesSince(seen: Readonly<Record<string, SeenRow>>, rows: readonly BookRow[]): BookChange[] {
  const out: BookChange[] = [];
  for (const r of rows) {
    const before = seen[r.key];
    if (!before) continue;
    const now = seenOf(r);
    const fell = before.score === undefined || before.score === null || r.score === null || r.score < before.score;
    const driver = fell ? (r.drivers.down ?? r.drivers.up) : (r.drivers.up ?? r.drivers.down);
    const change: BookChange = { key: r.key, name: r.name, url: r.url, driver };
    if (before.band !== now.band) change.band = { from: before.band, to: now.band };
    if (before.level !== now.level) change.level = { from: before.level, to: now.level };
    if (before.action !== now.action) change.action = { from: before.action, to: now.action, title: r.nextAction?.title ?? null };
    if (change.band || change.level || change.action) out.push(change);
  }
  return out.sort((a, b) => Number(!!b.band) - Number(!!a.band) || a.name.localeCompare(b.name));
}
