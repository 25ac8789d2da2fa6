// Where a Sidecar note goes in its CRM, what it says there, and the team's
// notes read back from the CRM. The CRM folders own every request
// (lib/crm/*/notes.ts behind CrmNotes); the outbox (outbox.ts) drives writes.
import { accountKey as keyOf, type RecordRef } from '../crm/detect';
import type { CrmError } from '../crm/http.ts';
import type { NoteRating } from '../crm/hubspot/note-body.ts';
import type { OutgoingNote } from '../crm/notes.ts';
import { toId18 } from '../crm/salesforce-id.ts';
import { mergeCrmNotes, type PullReport } from '../db/notes';
import type { AccountRow, NoteRow, SidecarDb } from '../db/schema';
import { ratingSignals } from '../engine/index.ts';
import type { ConfigPack, Locale } from '../engine/types.ts';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import type { CrmClients, NotePlace } from './connections';
import { toSidecarError } from './crm-errors';

export type CrmName = 'hubspot' | 'salesforce';

// ---------------------------------------------------------------------------
// Where a note goes

/** An account key split into its parts: `hubspot:{portal}:{companyId}` or `salesforce:{org}:{id18}`. */
export interface ParsedAccountKey {
  crm: CrmName;
  /** Portal id (HubSpot) or org (Salesforce). */
  scope: string;
  recordId: string;
}

export function parseAccountKey(key: string): ParsedAccountKey | null {
  const m = /^(hubspot|salesforce):(.+):([^:]+)$/.exec(key);
  if (!m) return null;
  return { crm: m[1] as CrmName, scope: m[2]!, recordId: m[3]! };
}

export function crmOfNote(note: Pick<NoteRow, 'accountKey'>): CrmName | null {
  return parseAccountKey(note.accountKey)?.crm ?? null;
}

const ORIGIN_TARGET: Record<string, 'contact' | 'deal' | undefined> = { contact: 'contact', deal: 'deal', contacts: 'contact', deals: 'deal' };

/**
 * Where the note belongs in its CRM. A note's account key names the company
 * (or Salesforce account) and the portal; a note written on a contact or deal
 * page before its company was known names the contact or deal, and the company
 * is found then.
 */
export function noteDestination(note: Pick<NoteRow, 'accountKey' | 'origin'>, account: AccountRow | undefined, resolved: AccountRow | undefined): NotePlace | null {
  const key = parseAccountKey(note.accountKey);
  if (!key) return null;
  if (key.crm === 'salesforce') {
    const accountId = toId18(account?.recordId ?? key.recordId);
    if (!accountId) return null;
    return { crm: 'salesforce', accountId, pageHost: account?.host ?? `${key.scope}.my.salesforce.com` };
  }
  const portalId = key.scope;
  const originTarget = ORIGIN_TARGET[note.origin.objectType];
  const also = originTarget ? { toObjectType: originTarget, toId: note.origin.recordId } : null;
  const keyNamesOrigin = originTarget !== undefined && key.recordId === note.origin.recordId;
  if (resolved) return { crm: 'hubspot', portalId, companyId: resolved.recordId, lookupCompanyOf: null, also };
  if (keyNamesOrigin) {
    return { crm: 'hubspot', portalId, companyId: null, lookupCompanyOf: { type: originTarget === 'deal' ? 'deals' : 'contacts', id: note.origin.recordId }, also };
  }
  return { crm: 'hubspot', portalId, companyId: key.recordId, lookupCompanyOf: null, also };
}

// ---------------------------------------------------------------------------
// What a note says

const CATALOG = { en, ja } as const;

export function touchpointLabel(touchpoint: NoteRow['touchpoint'], locale: Locale): string {
  return CATALOG[locale][`touchpoint.${touchpoint}`];
}

/** The note's ratings with the pack's labels and scale, in the pack's order; unknown ids keep their id. */
export function noteRatings(ratings: Record<string, number>, pack: ConfigPack, locale: Locale): NoteRating[] {
  const known = ratingSignals(pack, locale);
  const out: NoteRating[] = [];
  for (const r of known) {
    const value = ratings[r.id];
    if (value === undefined) continue;
    const source = pack.signals.find((x) => x.id === r.id)?.source;
    const max = source?.kind === 'rating' ? source.scale : r.points.length ? Math.max(...r.points.map((p) => p.value)) : 5;
    out.push({ id: r.id, label: r.label, value, max });
  }
  // A rating the current pack no longer defines is still the CSM's data: send it under its id.
  for (const [id, value] of Object.entries(ratings)) {
    if (!known.some((k) => k.id === id)) out.push({ id, label: id, value, max: 5 });
  }
  return out;
}

/** The calendar date of an instant in a time zone (the user's own, for Salesforce's ActivityDate). */
export function localDate(iso: string, timeZone: string | undefined): string {
  const d = new Date(iso);
  try {
    // en-CA formats as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  } catch {
    return d.toISOString().slice(0, 10);
  }
}

/** A stored note as its CRM is sent it. */
export function outgoingNote(note: Pick<NoteRow, 'id' | 'text' | 'ratings' | 'touchpoint' | 'createdAt'>, pack: ConfigPack, locale: Locale, timeZone?: string): OutgoingNote {
  return {
    clientId: note.id,
    text: note.text,
    ratings: noteRatings(note.ratings, pack, locale),
    touchpoint: touchpointLabel(note.touchpoint, locale),
    createdAt: note.createdAt,
    localDate: localDate(note.createdAt, timeZone),
    locale,
    pack: { id: pack.id, version: pack.version },
  };
}

// ---------------------------------------------------------------------------
// The team's notes, read from the CRM

export type { PullReport };

export interface PullDeps {
  db: SidecarDb;
  clients: CrmClients;
  now: () => Date;
  locale: () => Locale;
  /** HubSpot owner id → name (the owners list, cached), for authors the note itself names only by id. */
  ownerNames?: () => Promise<Map<string, string> | null>;
}


/**
 * Read the account's notes from its CRM and store them (see mergeCrmNotes in lib/db/notes.ts).
 * Nothing happens when the CRM is not connected. A failure throws a
 * SidecarError, after reporting a 401/403 to the connections; what was stored stays.
 */
/** An earlier Sidecar wrote ratings by label, in either language: the pack's rating signal with that label. */
export function ratingLabelLookup(pack: ConfigPack): (label: string) => string | undefined {
  const byLabel = new Map<string, string>();
  for (const s of pack.signals) if (s.source.kind === 'rating') for (const l of [s.label.ja, s.label.en]) if (l) byLabel.set(l.trim(), s.id);
  return (label) => byLabel.get(label.trim());
}

export async function pullCrmNotes(deps: PullDeps, ref: RecordRef, accountKey: string = keyOf(ref), pack?: ConfigPack): Promise<PullReport & { skipped?: 'not-connected' }> {
  const now = deps.now();
  const failWith = async (crm: CrmName, error: CrmError): Promise<never> => {
    const e = toSidecarError(error, deps.locale());
    if (error.kind === 'auth' || error.kind === 'forbidden') await deps.clients.authFailed(crm, e);
    throw e;
  };
  const place: NotePlace =
    ref.crm === 'hubspot'
      ? { crm: 'hubspot', portalId: ref.portalId ?? '', companyId: ref.recordId, lookupCompanyOf: null, also: null }
      : { crm: 'salesforce', pageHost: ref.host, accountId: toId18(ref.recordId) ?? ref.recordId };
  const notes = await deps.clients.notes(place);
  if (!notes) return { added: 0, updated: 0, reconciled: 0, removed: 0, skipped: 'not-connected' };
  if (!notes.ok) return failWith(ref.crm, notes.error);
  const listed = await notes.value.list();
  if (!listed.ok) return failWith(ref.crm, listed.error);
  const origin = ref.crm === 'hubspot' ? { objectType: 'company', recordId: ref.recordId } : { objectType: 'account', recordId: toId18(ref.recordId) ?? ref.recordId };
  // Authors named only by id (HubSpot's hubspot_owner_id) get their name from the owners list, when the key may read it.
  let remote = listed.value.notes;
  if (remote.some((n) => n.author && !n.author.name) && deps.ownerNames) {
    const names = await deps.ownerNames().catch(() => null);
    if (names) remote = remote.map((n) => (n.author && !n.author.name && names.has(n.author.id) ? { ...n, author: { id: n.author.id, name: names.get(n.author.id)! } } : n));
  }
  return mergeCrmNotes(deps.db, accountKey, origin, remote, listed.value.complete, now, pack ? ratingLabelLookup(pack) : undefined);
}
