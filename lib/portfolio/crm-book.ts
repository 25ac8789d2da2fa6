// The book as the CRM holds it (issue 17), pure: which fields one read of the book asks for, and
// one CRM account as a portfolio row. No request per account: last touch comes from the CRM's own
// activity fields, the score, band, level and next action from the fields Sidecar publishes. A
// row read this way is a book row, not a sidebar evaluation: no trend, drivers, stage or touch model.
import type { ConfigPack } from '../engine/types.ts';
import { RESULT_FIELDS } from '../publish/fields.ts';
import type { BookRow } from './book.ts';

export type Crm = 'hubspot' | 'salesforce';

/**
 * The CRM's own "last activity" fields. HubSpot's company properties `notes_last_updated` (last
 * activity) and `notes_last_contacted` (last contacted); a property a portal lacks is ignored by the
 * list call. Salesforce's Account `LastActivityDate` (a date).
 */
export const LAST_TOUCH_FIELDS: Record<Crm, readonly string[]> = {
  hubspot: ['notes_last_updated', 'notes_last_contacted'],
  salesforce: ['LastActivityDate'],
};

const RESULTS = ['score', 'band', 'level', 'nextActionId', 'nextAction', 'packVersion', 'asOf'] as const;

/** The CRM field of the date the pack counts days to renewal from, when the pack reads it from the CRM. */
export function renewalField(pack: Pick<ConfigPack, 'signals' | 'lifecycle'>, crm: Crm): string | null {
  const renewal = pack.signals.find((s) => s.id === pack.lifecycle.renewal.signal);
  const source = renewal?.source;
  const dateSignal = source?.kind === 'computed' ? pack.signals.find((s) => s.id === source.from) : renewal;
  if (dateSignal?.source.kind !== 'crm') return null;
  return (crm === 'hubspot' ? dateSignal.source.hubspot : dateSignal.source.salesforce) ?? null;
}

/** Every field one read of the book asks for, besides the name and the book's own (filter, CSM). */
export function bookReadFields(pack: Pick<ConfigPack, 'signals' | 'lifecycle'>, crm: Crm): string[] {
  const renewal = renewalField(pack, crm);
  return [...new Set([...RESULTS.map((k) => RESULT_FIELDS[k][crm]), ...LAST_TOUCH_FIELDS[crm], ...(renewal ? [renewal] : [])])];
}

type Value = string | number | boolean | null | undefined;

/** A CRM date or date-time (ISO text, HubSpot's epoch milliseconds, a Salesforce date) as epoch ms; null when it is none. */
export function crmInstant(v: Value): number | null {
  if (v === null || v === undefined || v === '' || typeof v === 'boolean') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (/^\d{10,}$/.test(v)) return Number(v);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  return Number.isNaN(ms) ? null : ms;
}

const num = (v: Value): number | null => {
  if (v === null || v === undefined || v === '' || typeof v === 'boolean') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};
const str = (v: Value): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const DAY_MS = 86_400_000;

export interface CrmAccount {
  id: string;
  name: string | null;
  /** The book's CSM field's value (an owner or user id). */
  csm: string | null;
  /** The CSM's name when the CRM's read gave it. */
  csmName?: string | null;
  fields: Record<string, Value>;
}

export interface CrmRowContext {
  crm: Crm;
  pack: Pick<ConfigPack, 'signals' | 'lifecycle' | 'playbook' | 'bands'>;
  /** The account key's scope: the HubSpot portal, the Salesforce org (as accountKey makes it). */
  scope: string;
  /** The CRM record page's host: app.hubspot.com, or the org's Lightning host. */
  host: string;
  portalId?: string;
  now: Date;
  /** CSM id → name, when the CRM can say (HubSpot's owners list). */
  names?: ReadonlyMap<string, string>;
}

/** One account of the CRM's book as a portfolio row. */
export function bookRowFromCrm(a: CrmAccount, ctx: CrmRowContext): BookRow {
  const f = (key: (typeof RESULTS)[number]) => a.fields[RESULT_FIELDS[key][ctx.crm]];
  const score = num(f('score'));
  const bandId = str(f('band'));
  // A band the pack does not know (an older pack's, or typed by hand) is shown as no band rather than guessed.
  const band = bandId && ctx.pack.bands.some((b) => b.id === bandId) ? bandId : null;
  const actionId = str(f('nextActionId'));
  const actionText = str(f('nextAction'));
  const rule = actionId ? ctx.pack.playbook.find((r) => r.id === actionId) : undefined;
  const touched = LAST_TOUCH_FIELDS[ctx.crm].map((x) => crmInstant(a.fields[x])).filter((x): x is number => x !== null);
  const renewal = renewalField(ctx.pack, ctx.crm);
  const renewalAt = renewal ? crmInstant(a.fields[renewal]) : null;
  const asOf = crmInstant(f('asOf'));
  const url = ctx.crm === 'hubspot' ? `https://${ctx.host}/contacts/${ctx.portalId ?? ctx.scope}/record/0-2/${a.id}` : `https://${ctx.host}/lightning/r/Account/${a.id}/view`;
  return {
    key: `${ctx.crm}:${ctx.scope}:${a.id}`,
    crm: ctx.crm,
    name: a.name ?? a.id,
    url,
    score,
    band,
    level: Math.max(0, Math.trunc(num(f('level')) ?? 0)),
    stage: '',
    touchModel: '',
    nextAction: actionId || actionText ? { id: actionId ?? '', title: rule ? { ...rule.action.title } : { ja: actionText ?? '', en: actionText ?? '' }, dueDate: '' } : null,
    drivers: { up: null, down: null },
    renewalDays: renewalAt === null ? null : Math.ceil((renewalAt - ctx.now.getTime()) / DAY_MS),
    lastTouch: touched.length ? { at: new Date(Math.max(...touched)).toISOString() } : null,
    fetchedAt: asOf === null ? null : new Date(asOf).toISOString(),
    owner: a.csm ? (ctx.names?.get(a.csm) ?? a.csmName ?? null) : null,
    ownerId: a.csm,
    trend: [],
    staleInputs: 0,
    fromCrm: true,
  };
}

/**
 * The cache's rows with the CRM's book over them. An account Sidecar has evaluated keeps its
 * evaluation, and takes the book's CSM and the later of the two last touches; an account only the
 * CRM knows appears as its book row. Accounts cached but outside the CRM's book stay, marked.
 */
export function mergeBook(cached: readonly BookRow[], crm: readonly BookRow[], loaded: ReadonlySet<Crm>): BookRow[] {
  const byKey = new Map(crm.map((r) => [r.key, r]));
  const out: BookRow[] = [];
  for (const c of cached) {
    const r = byKey.get(c.key);
    if (!r) {
      out.push(loaded.has(c.crm) ? { ...c, outsideBook: true } : c);
      continue;
    }
    byKey.delete(c.key);
    const later = !c.lastTouch ? r.lastTouch : !r.lastTouch ? c.lastTouch : Date.parse(r.lastTouch.at) > Date.parse(c.lastTouch.at) ? r.lastTouch : c.lastTouch;
    out.push({ ...c, ownerId: r.ownerId, owner: r.owner ?? (r.ownerId === c.ownerId ? c.owner : null), lastTouch: later, renewalDays: c.renewalDays ?? r.renewalDays });
  }
  return [...out, ...byKey.values()];
}
