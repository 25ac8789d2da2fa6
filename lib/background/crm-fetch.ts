import type { RecordRef } from '../crm/detect';
import type { CrmError, CrmResult } from '../crm/http.ts';
import { sidCookieFor } from '../crm/salesforce/session.ts';
import { dayOf } from '../db/health-days';
import type { AccountRow, SidecarDb, SignalRow } from '../db/schema';
import { associationSignals, signalIdsForCrm } from '../engine/index.ts';
import type { ConfigPack, Locale } from '../engine/types.ts';
import type { CrmClients } from './connections';
import { errorText } from '../i18n/errors.ts';
import { sidecarError, toSidecarError } from './crm-errors';
import type { CrmSync } from './crm-sync';
import { readCrmValue } from '../crm/values.ts';
import { publishedReadNames, readPublished } from '../publish/read.ts';
import type { CrmContact } from '../crm/people.ts';
import type { People } from './people';

// The owner's id is read with the record; the name comes from the owners list (HubSpot) or the User (Salesforce).
const HUBSPOT_BASE = ['name', 'domain', 'lifecyclestage', 'hubspot_owner_id'];
const SALESFORCE_BASE = ['Name', 'Website', 'Type', 'OwnerId'];
/** The scope HubSpot's owners list needs (the 2026-09 Crm Owners spec). */
export const OWNERS_SCOPE = 'crm.objects.owners.read';
/** How long an org's Account describe is trusted before it is read again. */
const DESCRIBE_TTL_MS = 30 * 60_000;

export interface FetchDeps {
  db: SidecarDb;
  now: () => Date;
  clients: CrmClients;
  locale: () => Locale;
  readCookie: (url: string, name: string) => Promise<unknown>;
  /** Owner names (HubSpot's owners list, cached); without it the header shows no owner name. */
  people?: Pick<People, 'hubspotOwners'>;
}

interface Fetched {
  name?: string;
  domain?: string;
  /** The owner's CRM id; '' when the record has none. Absent: not read. */
  ownerId?: string;
  owner?: string;
  ownerUnavailable?: { scope: string };
  /** The account's contacts; absent when they could not be read (the stored ones stay). */
  contacts?: CrmContact[];
  lifecycleStage?: string;
  properties: Record<string, string | null>;
  /** observedAt: when the value describes, for published usage data; absent, the value is as of this read. */
  signals: Array<{ signalId: string; value: SignalRow['value']; observedAt?: string }>;
  /** Fields the pack names that this org does not have. */
  missingFields?: string[];
  /** Signals left unread because the key lacks a scope their count needs (e.g. `tickets`): the rest was read. */
  unreadSignals?: Array<{ signalId: string; scope?: string }>;
}

function cleanDomain(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  return raw.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '') || undefined;
}

/**
 * Reads the record from its CRM and stores it: the account's fields and one
 * observation per signal per day (a refresh later the same day replaces it),
 * in one transaction, so a failure leaves the cache as it was.
 */
export function createCrmFetch(deps: FetchDeps): CrmSync & { warmHubspot(pack: ConfigPack, days?: number): Promise<{ companies: number; missing: number }> } {
  const { db, now, clients } = deps;

  async function check<T>(crm: 'hubspot' | 'salesforce', r: CrmResult<T>): Promise<T> {
    if (r.ok) return r.value;
    const err = toSidecarError(r.error, deps.locale());
    if (r.error.kind === 'auth' || r.error.kind === 'forbidden') await clients.authFailed(crm, err);
    throw err;
  }
  const soft = <T>(r: CrmResult<T>, errors: CrmError[]): T | null => {
    if (r.ok) return r.value;
    errors.push(r.error);
    return null;
  };

  // What CS Ops published (usage data, the score) comes with the record: HubSpot leaves out a property the portal lacks.
  const hubspotProperties = (pack: ConfigPack) => [...new Set([...HUBSPOT_BASE, ...signalIdsForCrm(pack, 'hubspot').map((m) => m.property), ...publishedReadNames(pack, 'hubspot')])];

  /** The published usage data in a record's fields: the pack's CSV signals, dated as CS Ops published them. */
  const published = (pack: ConfigPack, crm: 'hubspot' | 'salesforce', fields: Record<string, unknown>): Fetched['signals'] =>
    readPublished(pack, crm, fields, now().toISOString()).signals.map((x) => ({ signalId: x.signalId, value: x.value, observedAt: x.observedAt }));

  function fromHubspot(pack: ConfigPack, p: Record<string, string | null>): Fetched {
    const byId = new Map(pack.signals.map((s) => [s.id, s]));
    return {
      ...(p.name ? { name: p.name } : {}),
      ...(cleanDomain(p.domain) ? { domain: cleanDomain(p.domain)! } : {}),
      ...(p.lifecyclestage ? { lifecycleStage: p.lifecyclestage } : {}),
      properties: p,
      signals: [
        ...signalIdsForCrm(pack, 'hubspot').map((m) => ({ signalId: m.signalId, value: readCrmValue(byId.get(m.signalId)!.type, p[m.property]) })),
        ...published(pack, 'hubspot', p),
      ],
    };
  }

  /** Per org, the Account fields this user can see, kept a while: published fields are read only where they exist. */
  const salesforceFields = new Map<string, { names: Set<string>; at: number }>();
  async function visibleAccountFields(host: string, client: { accountFieldNames(): Promise<CrmResult<Set<string>>> }): Promise<Set<string> | null> {
    const kept = salesforceFields.get(host);
    if (kept && now().getTime() - kept.at < DESCRIBE_TTL_MS) return kept.names;
    const r = await client.accountFieldNames();
    // Without the describe, published fields are left out of this read (the record itself still reads).
    if (!r.ok) return null;
    salesforceFields.set(host, { names: r.value, at: now().getTime() });
    return r.value;
  }

  async function fetchHubspot(ref: RecordRef, pack: ConfigPack): Promise<Fetched> {
    // A page of another portal is neither read nor written with this connection.
    const client = await clients.hubspot(ref.portalId);
    if (!client) throw sidecarError('not-connected', 'connect.hubspot', undefined, deps.locale());
    const company = await check('hubspot', await client.getCompany(ref.recordId, hubspotProperties(pack)));
    const fetched: Fetched = { ...fromHubspot(pack, company.properties), ...(await hubspotOwner(company.properties.hubspot_owner_id ?? '')) };
    const signals = fetched.signals;
    // Counts are extras: a failed count leaves that signal unobserved rather than failing the refresh.
    // A 403 there is a scope this key was not given (tickets, most often): that field is named, and
    // the connection stays good, since the company itself was read.
    const errors: CrmError[] = [];
    const unreadSignals: NonNullable<Fetched['unreadSignals']> = [];
    for (const a of associationSignals(pack)) {
      const to = a.association === 'openTickets' ? 'tickets' : a.association === 'contacts' ? 'contacts' : null;
      if (!to) continue;
      const r = await client.countAssociations('companies', ref.recordId, to);
      if (!r.ok && r.error.kind === 'forbidden') {
        unreadSignals.push({ signalId: a.signalId, ...(r.error.scope ? { scope: r.error.scope } : {}) });
        continue;
      }
      const n = soft(r, errors);
      if (n !== null) signals.push({ signalId: a.signalId, value: n });
    }
    // Contacts for templates: a failure leaves the stored ones.
    const contacts = soft(await client.companyContacts(ref.recordId), errors);
    if (contacts) fetched.contacts = contacts;
    const auth = errors.find((e) => e.kind === 'auth' || e.kind === 'rate-limit');
    if (auth) await check('hubspot', { ok: false, error: auth });
    return unreadSignals.length ? { ...fetched, unreadSignals } : fetched;
  }

  /**
   * The owner's name from HubSpot's owners list. A key without
   * crm.objects.owners.read gets a 403 there: the header says so, the
   * connection stays good, and everything else is read.
   */
  async function hubspotOwner(ownerId: string): Promise<Pick<Fetched, 'ownerId' | 'owner' | 'ownerUnavailable'>> {
    if (!ownerId || !deps.people) return { ownerId };
    const read = await deps.people.hubspotOwners();
    if (!read) return { ownerId };
    if (!read.ok) return read.error.kind === 'forbidden' ? { ownerId, ownerUnavailable: { scope: read.error.scope ?? OWNERS_SCOPE } } : { ownerId };
    const owner = read.owners.get(ownerId)?.name;
    return { ownerId, ...(owner ? { owner } : {}) };
  }

  async function fetchSalesforce(ref: RecordRef, pack: ConfigPack): Promise<Fetched> {
    const sf = await clients.salesforce(ref.host);
    if (!sf) throw sidecarError('not-connected', 'connect.salesforce', undefined, deps.locale());
    const mapped = signalIdsForCrm(pack, 'salesforce');
    // Published fields are asked for only where the org has them (an org that never set up publishing is not an error).
    const visible = await visibleAccountFields(ref.host, sf.client);
    const publishedNames = visible ? publishedReadNames(pack, 'salesforce').filter((n) => visible.has(n)) : [];
    // An org without one of the pack's custom fields answers INVALID_FIELD for the whole read:
    // drop that field, read the rest, and say which fields the org lacks.
    let fields = [...new Set([...SALESFORCE_BASE, ...mapped.map((m) => m.property), ...publishedNames])];
    const missingFields: string[] = [];
    let read = await sf.client.getAccount(ref.recordId, fields);
    while (!read.ok && read.error.kind === 'validation' && fields.length > SALESFORCE_BASE.length) {
      const unknown = read.error.fields?.[0];
      if (!unknown || !fields.includes(unknown)) break;
      missingFields.push(unknown);
      fields = fields.filter((f) => f !== unknown);
      read = await sf.client.getAccount(ref.recordId, fields);
    }
    const account = (await check('salesforce', read)) as Record<string, unknown>;
    const byId = new Map(pack.signals.map((s) => [s.id, s]));
    const signals: Fetched['signals'] = [
      ...mapped.filter((m) => !missingFields.includes(m.property)).map((m) => ({ signalId: m.signalId, value: readCrmValue(byId.get(m.signalId)!.type, account[m.property]) })),
      ...published(pack, 'salesforce', account),
    ];
    const errors: CrmError[] = [];
    for (const a of associationSignals(pack)) {
      if (a.association !== 'openCases') continue;
      const n = soft(await sf.client.countOpenCases(ref.recordId), errors);
      if (n !== null) signals.push({ signalId: a.signalId, value: n });
    }
    const blocking = errors.find((e) => e.kind === 'auth' || e.kind === 'forbidden' || e.kind === 'rate-limit');
    if (blocking) await check('salesforce', { ok: false, error: blocking });
    const str = (k: string) => (typeof account[k] === 'string' ? (account[k] as string) : undefined);
    // The owner's name (User.Name) and the contacts: extras, a failure leaves what was stored.
    const extras: CrmError[] = [];
    const ownerId = str('OwnerId');
    const owners = ownerId ? soft(await sf.client.users([ownerId]), extras) : null;
    const owner = ownerId ? [...(owners?.values() ?? [])][0]?.name : undefined;
    const contacts = soft(await sf.client.accountContacts(ref.recordId), extras);
    const stop = extras.find((e) => e.kind === 'auth' || e.kind === 'rate-limit');
    if (stop) await check('salesforce', { ok: false, error: stop });
    const properties = Object.fromEntries(
      Object.entries(account)
        .filter(([k]) => k !== 'attributes')
        .map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]),
    );
    return {
      ...(str('Name') ? { name: str('Name')! } : {}),
      ...(cleanDomain(str('Website')) ? { domain: cleanDomain(str('Website'))! } : {}),
      ...(str('Type') ? { lifecycleStage: str('Type')! } : {}),
      ownerId: ownerId ?? '',
      ...(owner ? { owner } : {}),
      ...(contacts ? { contacts } : {}),
      properties,
      signals,
      ...(missingFields.length ? { missingFields } : {}),
    };
  }

  async function store(key: string, source: 'hubspot' | 'salesforce', f: Fetched): Promise<void> {
    const at = now();
    const iso = at.toISOString();
    const today = dayOf(at);
    await db.transaction('rw', [db.accounts, db.signals], async () => {
      const row = await db.accounts.get(key);
      if (!row) throw sidecarError('not-found', 'record.no-cache', undefined, deps.locale());
      const next: AccountRow = {
        ...row,
        ...(f.name ? { name: f.name } : {}),
        ...(f.domain ? { domain: f.domain } : {}),
        ...(f.ownerId !== undefined
          ? {
              ownerId: f.ownerId || undefined,
              // A name not read this time (offline owners list) is kept while the owner is the same.
              owner: f.owner ?? (f.ownerUnavailable || row.ownerId !== f.ownerId ? undefined : row.owner),
              ownerUnavailable: f.ownerUnavailable,
            }
          : {}),
        ...(f.contacts
          ? { contacts: f.contacts, contactId: f.contacts.some((c) => c.id === row.contactId) ? row.contactId : undefined }
          : {}),
        ...(f.lifecycleStage ? { lifecycleStage: f.lifecycleStage } : {}),
        properties: f.properties,
        fetchedAt: iso,
        sample: false,
      };
      await db.accounts.put(next);
      // One observation per signal per day from the CRM: today's earlier reads are replaced.
      // Published usage data is dated as published: the CRM's current value replaces what was read of it before.
      const dated = new Set(f.signals.filter((s) => s.observedAt).map((s) => s.signalId));
      await db.signals
        .where('subject')
        .equals(key)
        .filter((s) => s.source === source && (s.observedAt.slice(0, 10) === today || dated.has(s.signalId)))
        .delete();
      await db.signals.bulkPut(f.signals.map((s) => ({ subject: key, signalId: s.signalId, source, observedAt: s.observedAt ?? iso, value: s.value })));
    });
  }

  return {
    /**
     * Refresh every HubSpot company seen in the last `days` with batch reads
     * (100 a request), so the next visit paints fresh data without a per-record call.
     */
    async warmHubspot(pack: ConfigPack, days = 30): Promise<{ companies: number; missing: number }> {
      const client = await clients.hubspot();
      if (!client) return { companies: 0, missing: 0 };
      const since = new Date(now().getTime() - days * 86_400_000).toISOString();
      const rows = await db.accounts.where('lastSeenAt').above(since).filter((r) => r.crm === 'hubspot' && !r.resolvedTo).toArray();
      if (!rows.length) return { companies: 0, missing: 0 };
      const read = await check('hubspot', await client.batchReadCompanies(rows.map((r) => r.recordId), hubspotProperties(pack)));
      const byId = new Map(rows.map((r) => [r.recordId, r.key]));
      for (const company of read.results) {
        const key = byId.get(company.id);
        if (key) await store(key, 'hubspot', fromHubspot(pack, company.properties));
      }
      return { companies: read.results.length, missing: read.errors.length };
    },
    async isConnected(ref) {
      if (!(await clients.hasCredentials(ref.crm))) return false;
      if (ref.crm === 'hubspot') return true;
      // Salesforce by OAuth has a token of its own (a publisher's scheduled run needs no open tab).
      if ((await clients.salesforceMode()) === 'oauth') return true;
      // Salesforce by session: connected while this browser is signed in to the org.
      const which = sidCookieFor(ref.host);
      return !!which && !!(await deps.readCookie(which.url, which.name).catch(() => null));
    },
    async resolveAccount(ref) {
      if (ref.crm !== 'hubspot' || ref.objectType === 'company') return null;
      const client = await clients.hubspot(ref.portalId);
      if (!client) return null;
      const id = await check('hubspot', await client.primaryCompanyOf(ref.objectType === 'contact' ? 'contacts' : 'deals', ref.recordId));
      return id ? { ...ref, objectType: 'company', recordId: id } : null;
    },
    async refresh(ref, key, pack) {
      const fetched = ref.crm === 'hubspot' ? await fetchHubspot(ref, pack) : await fetchSalesforce(ref, pack);
      await store(key, ref.crm, fetched);
      const warnings: string[] = [];
      const locale = deps.locale();
      if (fetched.missingFields?.length) warnings.push(errorText('salesforce.missing-fields', { list: fetched.missingFields.join(', ') }, locale));
      for (const u of fetched.unreadSignals ?? []) {
        const label = pack.signals.find((s) => s.id === u.signalId)?.label;
        const name = (locale === 'ja' ? (label?.ja ?? label?.en) : (label?.en ?? label?.ja)) ?? u.signalId;
        warnings.push(u.scope ? errorText('hubspot.signal-unread.scope', { name, scope: u.scope }, locale) : errorText('hubspot.signal-unread', { name }, locale));
      }
      return warnings.length ? { warning: warnings.join(' ') } : {};
    },
  };
}
