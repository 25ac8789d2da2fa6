// The team's ratings of one account (issue 15): every CSM's notes carry ratings in Sidecar's
// block, and every Sidecar combines them the same way, so two CSMs on one record see one score.
// By default the latest rating per signal from anyone counts; a pack may ask for the mean of
// the last N days instead, over each rater's latest rating in that window, so one CSM who
// rates often does not outweigh a teammate who rated once.

export type RatingCombine = { kind: 'latest' } | { kind: 'mean'; days: number };

export interface RatingSignal {
  id: string;
  combine?: RatingCombine;
  freshnessDays?: number;
}

/** A note's ratings, with who wrote it. Notes edited by hand in the CRM carry none (their block is ignored). */
export interface RatedNote {
  ratings: Record<string, number>;
  createdAt: string;
  /** The CRM's author name (never typed text); absent for the CSM's own notes not yet read back. */
  author?: string;
  authorId?: string;
  own: boolean;
}

export interface Rater {
  /** The CRM author's name; absent when the CRM has none for them. */
  name?: string;
  own: boolean;
  value: number;
  at: string;
  /** Older than the signal's freshness. */
  stale: boolean;
}

export interface TeamRating {
  value: number;
  /** The newest rating that counts: when the value was last observed. */
  observedAt: string;
  mode: RatingCombine['kind'];
  /** Whose ratings make the value, newest first: one for "latest", each rater's latest for "mean". */
  raters: Rater[];
  /** For "mean": the window in days; no rating fell in it when `raters` holds the latest only. */
  days?: number;
  /** For "mean": no rating in the window, so the latest one stands in (and is listed as stale). */
  outsideWindow?: boolean;
}

const DAY_MS = 86_400_000;

/** Who a rating belongs to: the CRM author's id, else the name; the CSM's own notes are "me". */
function raterKey(n: RatedNote): string {
  if (n.own) return 'me';
  if (n.authorId) return `id:${n.authorId}`;
  if (n.author) return `name:${n.author}`;
  return 'unknown';
}

function rater(n: RatedNote, value: number, signal: RatingSignal, nowMs: number): Rater {
  const age = nowMs - Date.parse(n.createdAt);
  const stale = signal.freshnessDays !== undefined && age > signal.freshnessDays * DAY_MS;
  return { ...(n.author ? { name: n.author } : {}), own: n.own, value, at: n.createdAt, stale };
}

/** Two decimals: a mean of 1–5 ratings, kept stable across machines. */
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The team's rating per rating signal, from every note on the account. Signals nobody rated are absent. */
export function teamRatings(signals: readonly RatingSignal[], notes: readonly RatedNote[], nowMs: number): Record<string, TeamRating> {
  // Newest first; on the same instant the CSM's own note wins, then the author key, so the order never depends on storage.
  const sorted = [...notes].sort((a, b) => (a.createdAt === b.createdAt ? (a.own === b.own ? raterKey(a).localeCompare(raterKey(b)) : a.own ? -1 : 1) : a.createdAt < b.createdAt ? 1 : -1));
  const out: Record<string, TeamRating> = {};
  for (const signal of signals) {
    const rated = sorted.filter((n) => typeof n.ratings[signal.id] === 'number' && Number.isFinite(n.ratings[signal.id]));
    const newest = rated[0];
    if (!newest) continue;
    const latest = (): TeamRating => ({
      value: newest.ratings[signal.id]!,
      observedAt: newest.createdAt,
      mode: 'latest',
      raters: [rater(newest, newest.ratings[signal.id]!, signal, nowMs)],
    });
    const combine = signal.combine ?? { kind: 'latest' };
    if (combine.kind === 'latest') {
      out[signal.id] = latest();
      continue;
    }
    const from = nowMs - combine.days * DAY_MS;
    const seen = new Set<string>();
    const inWindow: Rater[] = [];
    for (const n of rated) {
      if (Date.parse(n.createdAt) < from) break;
      const key = raterKey(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inWindow.push(rater(n, n.ratings[signal.id]!, signal, nowMs));
    }
    if (inWindow.length === 0) {
      out[signal.id] = { ...latest(), mode: 'mean', days: combine.days, outsideWindow: true };
      continue;
    }
    const mean = inWindow.reduce((sum, r) => sum + r.value, 0) / inWindow.length;
    out[signal.id] = { value: round2(mean), observedAt: inWindow[0]!.at, mode: 'mean', days: combine.days, raters: inWindow };
  }
  return out;
}
