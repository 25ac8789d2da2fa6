// The portfolio's data (issue 17): every account Sidecar has evaluated, from the cache alone (no
// request per account), as book rows; and what changed since the CSM last looked at the portfolio.
import { dayOf } from '../db/health-days';
import type { AccountRow, SidecarDb } from '../db/schema';
import type { ConfigPack, Evaluation } from '../engine/types.ts';
import { changesSince, countBook, seenOf, type BookChange, type BookCounts, type BookRow, type SeenRow } from '../portfolio/book.ts';

const SEEN_ID = 'portfolio';
const TREND_DAYS = 30;
const DAY_MS = 86_400_000;

export interface PortfolioView {
  rows: BookRow[];
  counts: BookCounts;
  changes: BookChange[];
  /** When the CSM last looked at the portfolio (null the first time). */
  lastLookedAt: string | null;
  /** The CSM's own ids in each CRM, for "my accounts". */
  me: { ids: string[] };
}

/** The CRM record's own page for an account. */
export function recordUrl(row: Pick<AccountRow, 'crm' | 'host' | 'portalId' | 'recordId'>): string {
  if (row.crm === 'hubspot') return `https://${row.host}/contacts/${row.portalId ?? ''}/record/0-2/${row.recordId}`;
  return `https://${row.host}/lightning/r/Account/${row.recordId}/view`;
}

function evaluationOf(row: AccountRow): Evaluation | null {
  const e = row.lastEvaluation as Evaluation | undefined;
  // Stored by this background (record-view.ts); an older or damaged row is left out, not guessed at.
  return e && typeof e === 'object' && e.health && e.maturity ? e : null;
}

/** Days to the renewal date the pack's renewal signal counts from, read from the account's CRM properties. */
function renewalDays(pack: ConfigPack, row: AccountRow, now: Date): number | null {
  const renewal = pack.signals.find((s) => s.id === pack.lifecycle.renewal.signal);
  const source = renewal?.source;
  const dateSignal = source?.kind === 'computed' ? pack.signals.find((s) => s.id === source.from) : renewal;
  if (dateSignal?.source.kind !== 'crm') return null;
  const field = row.crm === 'hubspot' ? dateSignal.source.hubspot : dateSignal.source.salesforce;
  const raw = field ? row.properties[field] : null;
  const at = raw ? Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw) : Number.NaN;
  return Number.isNaN(at) ? null : Math.ceil((at - now.getTime()) / DAY_MS);
}

export function createPortfolio(deps: { db: SidecarDb; now: () => Date; pack: () => Promise<ConfigPack> }) {
  const { db, now } = deps;

  async function rows(): Promise<BookRow[]> {
    const pack = await deps.pack();
    const at = now();
    const from = dayOf(new Date(at.getTime() - (TREND_DAYS - 1) * DAY_MS));
    const [accounts, notes, days] = await Promise.all([
      db.accounts.toArray(),
      db.notes.toArray(),
      db.healthDays.filter((d) => d.day >= from).toArray(),
    ]);
    const lastTouch = new Map<string, { at: string; by?: string }>();
    for (const n of notes) {
      if (n.deletedAt) continue;
      const had = lastTouch.get(n.accountKey);
      if (!had || n.createdAt > had.at) lastTouch.set(n.accountKey, { at: n.createdAt, ...(n.author ? { by: n.author } : {}) });
    }
    const trends = new Map<string, Array<{ day: string; score: number }>>();
    for (const d of days) {
      if (d.score === null) continue;
      const list = trends.get(d.accountKey) ?? [];
      list.push({ day: d.day, score: d.score });
      trends.set(d.accountKey, list);
    }
    const out: BookRow[] = [];
    for (const a of accounts) {
      // A contact or deal page's row stands for its company, which has its own row; samples are not customers.
      if (a.resolvedTo || a.sample) continue;
      const e = evaluationOf(a);
      if (!e) continue;
      const up = [...e.health.drivers.up].sort((x, y) => y.impact - x.impact)[0];
      const down = [...e.health.drivers.down].sort((x, y) => x.impact - y.impact)[0];
      out.push({
        key: a.key,
        crm: a.crm,
        name: a.name ?? a.recordId,
        url: recordUrl(a),
        score: e.health.score,
        band: e.health.band,
        level: e.maturity.level,
        stage: e.health.context.stage,
        touchModel: e.health.context.touchModel,
        nextAction: e.nextAction ? { id: e.nextAction.best.ruleId, title: e.nextAction.best.title, dueDate: e.nextAction.best.dueDate } : null,
        drivers: { up: up ? up.text : null, down: down ? down.text : null },
        renewalDays: renewalDays(pack, a, at),
        lastTouch: lastTouch.get(a.key) ?? null,
        fetchedAt: a.fetchedAt ?? null,
        owner: a.owner ?? null,
        ownerId: a.ownerId ?? null,
        trend: (trends.get(a.key) ?? []).sort((x, y) => x.day.localeCompare(y.day)).map((t) => t.score),
        staleInputs: e.health.stale.length,
      });
    }
    return out;
  }

  return {
    async view(): Promise<PortfolioView> {
      const [book, seenRow, hubspot, salesforce] = await Promise.all([rows(), db.syncState.get(SEEN_ID), db.connections.get('hubspot'), db.connections.get('salesforce')]);
      const seen: Record<string, SeenRow> = seenRow?.seen ?? {};
      return {
        rows: book,
        counts: countBook(book),
        changes: changesSince(seen, book),
        lastLookedAt: seenRow?.lastSuccessAt ?? null,
        me: { ids: [hubspot?.me?.id, salesforce?.me?.id].filter((x): x is string => !!x) },
      };
    },
    /** The CSM has looked: the next "what changed" counts from what the book shows now. */
    async markSeen(): Promise<void> {
      const book = await rows();
      await db.syncState.put({ id: SEEN_ID, lastSuccessAt: now().toISOString(), seen: Object.fromEntries(book.map((r) => [r.key, seenOf(r)])) });
    },
  };
}
export type Portfolio = ReturnType<typeof createPortfolio>;
