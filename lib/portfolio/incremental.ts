// Loading the book incrementally (issue 17), pure: after a full read of the book, the next load asks
// the CRM only for the accounts modified since the last successful load, and merges them into the
// book it holds. What that cannot see decides when a full read is due again:
// - an account deleted (or merged away) in the CRM is not "modified": it would stay in the book;
// - an account that left the book while nothing on it changed (HubSpot: the book's filter is on
//   the company itself, so leaving it IS a change; Salesforce the same) is caught, but one that left
//   because the book's definition changed is not: the pack's book or the pack itself changing forces
//   a full read;
// so a full read also happens every 24 hours. A load that did not end leaves the mark where it was:
// the next one reads again from there.
//
// The "since" mark is the CRM's own clock: the Date header of the first answer of the load, taken
// BEFORE any record is read, never the browser's clock (which may be minutes off the CRM's) and
// never the newest modification seen (a record modified during the load, after its page was read,
// has an older stamp than records read later, and would be missed). Each incremental query goes back
// a margin before the mark: HubSpot's search is eventually consistent (a record modified just
// before the mark may not be searchable yet) and a Salesforce transaction open at the mark commits
// with an earlier SystemModstamp. Reading a record twice is harmless: the merge is by id.
import type { BookRow } from './book.ts';
import type { Crm } from './crm-book.ts';

/** What the last successful load of one CRM's book leaves for the next. */
export interface BookMark {
  /** The CRM's clock when the load began (its first answer's Date header), ISO. */
  crmStart: string;
  /** The book definition and pack the load read with (bookSignature). */
  signature: string;
  /** The browser's clock at the last FULL read: the 24-hour rule is coarse, a skew does not matter to it. */
  fullAt: string;
}

export const FULL_EVERY_MS = 24 * 3_600_000;
/** How far before the mark each incremental query goes. */
export const SINCE_MARGIN_MS: Record<Crm, number> = { hubspot: 5 * 60_000, salesforce: 60_000 };

export type LoadPlan = { kind: 'full'; reason: 'first' | 'definition' | 'daily' | 'no-clock' } | { kind: 'since'; since: string };

/** The book's definition and the pack, as one string: a change of either means a full read. */
export function bookSignature(book: unknown, pack: { id: string; version: string }): string {
  return `${pack.id}@${pack.version}:${JSON.stringify(book)}`;
}

/** A full read, or one since the mark (less the margin). `now` is the browser's clock, used for the 24-hour rule only. */
export function planLoad(crm: Crm, mark: BookMark | null, signature: string, now: Date): LoadPlan {
  if (!mark) return { kind: 'full', reason: 'first' };
  if (mark.signature !== signature) return { kind: 'full', reason: 'definition' };
  const fullAt = Date.parse(mark.fullAt);
  // A full read in the browser's future (its clock was set back) counts as due.
  if (!Number.isFinite(fullAt) || now.getTime() - fullAt >= FULL_EVERY_MS || fullAt > now.getTime() + 60_000) return { kind: 'full', reason: 'daily' };
  const start = Date.parse(mark.crmStart);
  if (!Number.isFinite(start)) return { kind: 'full', reason: 'no-clock' };
  return { kind: 'since', since: new Date(start - SINCE_MARGIN_MS[crm]).toISOString() };
}

/**
 * The book after an incremental read: each account modified since the mark replaces its row (or
 * joins the book); an account modified and now outside the book leaves it. The order is the
 * previous book's, new accounts after.
 */
export function mergeChanged(previous: readonly BookRow[], changed: readonly BookRow[], left: ReadonlySet<string>): BookRow[] {
  const byKey = new Map(changed.map((r) => [r.key, r]));
  const out: BookRow[] = [];
  for (const r of previous) {
    if (left.has(r.key)) continue;
    const next = byKey.get(r.key);
    out.push(next ?? r);
    byKey.delete(r.key);
  }
  for (const r of byKey.values()) if (!left.has(r.key)) out.push(r);
  return out;
}
