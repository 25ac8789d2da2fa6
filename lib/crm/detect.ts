import { ACCOUNT_KEY_PREFIX, toId18 } from './salesforce-id';

export type CrmName = 'hubspot' | 'salesforce';
export type RecordObjectType = 'company' | 'contact' | 'deal' | 'account';

export interface RecordRef {
  crm: CrmName;
  host: string;
  portalId?: string;
  objectType: RecordObjectType;
  recordId: string;
}

// app.hubspot.com and every regional app-*.hubspot.com, nothing else.
const HUBSPOT_HOST = /^app(?:-[a-z0-9]+)?\.hubspot\.com$/;
const HUBSPOT_TYPE_IDS: Record<string, RecordObjectType> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal' };
const HUBSPOT_LEGACY: Record<string, RecordObjectType> = { contact: 'contact', company: 'company', deal: 'deal' };
const DIGITS = /^\d+$/;

/**
 * The partitions Salesforce puts in an org's My Domain host names (partitioned domains):
 * sandbox, Developer Edition (`develop`, also patch orgs partitioned before Winter '24),
 * patch, demo, scratch, and Trailhead Playgrounds (`trailblaze`). A production org has none.
 */
export const SALESFORCE_PARTITIONS = ['sandbox', 'develop', 'patch', 'demo', 'scratch', 'trailblaze'] as const;

// {MyDomain}[--{sandbox}][.{partition}].{lightning.force.com | my.salesforce.com | my.salesforce-setup.com}
const SALESFORCE_HOST = new RegExp(
  `^([a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+)?)((?:\\.(?:${SALESFORCE_PARTITIONS.join('|')}))?)\\.(lightning\\.force\\.com|my\\.salesforce\\.com|my\\.salesforce-setup\\.com)$`,
);
const SALESFORCE_KINDS = { 'lightning.force.com': 'lightning', 'my.salesforce.com': 'classic', 'my.salesforce-setup.com': 'setup' } as const;

export interface SalesforceHost {
  /** The org: My Domain plus partition (`acme`, `acme--uat.sandbox`, `acme.trailblaze`), shared by all its hosts. */
  org: string;
  /** Lightning pages, Classic pages (also the API host), or Setup (no record pages). */
  kind: (typeof SALESFORCE_KINDS)[keyof typeof SALESFORCE_KINDS];
}

/**
 * One grammar for Salesforce org hosts, shared by page detection (here) and the
 * API host mapping (salesforce/host.ts), so the two always agree on which hosts are orgs.
 */
export function parseSalesforceHost(host: string): SalesforceHost | null {
  const m = SALESFORCE_HOST.exec(host.toLowerCase());
  if (!m) return null;
  return { org: `${m[1]}${m[2] ?? ''}`, kind: SALESFORCE_KINDS[m[3] as keyof typeof SALESFORCE_KINDS] };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function detectHubspot(u: URL): RecordRef | null {
  const host = u.hostname.toLowerCase();
  if (!HUBSPOT_HOST.test(host)) return null;
  const [contacts, portalId, kind, a, b] = u.pathname.split('/').filter(Boolean);
  if (contacts !== 'contacts' || !portalId || !DIGITS.test(portalId) || !kind || !a) return null;
  if (kind === 'record') {
    const objectType = HUBSPOT_TYPE_IDS[a];
    if (!objectType || !b || !DIGITS.test(b)) return null;
    return { crm: 'hubspot', host, portalId, objectType, recordId: b };
  }
  const legacy = HUBSPOT_LEGACY[kind];
  if (!legacy || !DIGITS.test(a)) return null;
  return { crm: 'hubspot', host, portalId, objectType: legacy, recordId: a };
}

function accountId(raw: string | undefined): string | null {
  if (!raw || !raw.startsWith(ACCOUNT_KEY_PREFIX)) return null;
  return toId18(raw);
}

/** The Account id in a Lightning path such as /lightning/r/Account/{id}/view. */
function lightningAccount(path: string): string | null {
  const [lightning, r, x, y, z] = path.split('/').filter(Boolean);
  if (lightning !== 'lightning' || r !== 'r' || !x) return null;
  if (x === 'Account' && y && (z === 'view' || z === 'related' || z === 'edit')) return accountId(y);
  // /lightning/r/{id}/view: only an Account id names an Account.
  if (y === 'view' || y === 'related') return accountId(x);
  return null;
}

function detectSalesforce(u: URL): RecordRef | null {
  const host = u.hostname.toLowerCase();
  const h = parseSalesforceHost(host);
  if (!h || h.kind === 'setup') return null;
  const make = (id: string | null): RecordRef | null =>
    id ? { crm: 'salesforce', host, objectType: 'account', recordId: id } : null;

  if (h.kind === 'classic') {
    // Classic: the record id is the whole path.
    const parts = u.pathname.split('/').filter(Boolean);
    return parts.length === 1 ? make(accountId(parts[0])) : null;
  }
  const own = lightningAccount(u.pathname);
  if (own) return make(own);
  // Console apps focus a sub-tab; the workspace's parent record is in ?ws=.
  const ws = u.searchParams.get('ws');
  if (u.pathname.startsWith('/lightning/') && ws) return make(lightningAccount(ws.split('?')[0] ?? ''));
  if (u.pathname === '/one/one.app') {
    const [sObject, id, view] = u.hash.replace(/^#\/?/, '').split('/');
    if (sObject === 'sObject' && view?.startsWith('view')) return make(accountId(id));
  }
  return null;
}

/** Which CRM record, if any, a URL shows. Pure: safe on any string. */
export function detectRecord(url: string): RecordRef | null {
  const u = parseUrl(url);
  if (!u || u.protocol !== 'https:') return null;
  return detectHubspot(u) ?? detectSalesforce(u);
}

/** The org a Salesforce host belongs to (My Domain plus partition), shared by Lightning and Classic. */
export function salesforceOrg(host: string): string | null {
  return parseSalesforceHost(host)?.org ?? null;
}

/**
 * Whether a ref names a record on a CRM record page as `detectRecord` gives them: a HubSpot
 * app host with a portal, or a Salesforce Lightning or Classic org host with an Account. The
 * sidebar's URL and every record-scoped message are checked with it, so that no other host
 * string (a community site, a look-alike) ever reaches the cache or a CRM client.
 */
export function isRecordRef(ref: RecordRef): boolean {
  if (ref.crm === 'hubspot') return HUBSPOT_HOST.test(ref.host) && !!ref.portalId && ref.objectType !== 'account';
  if (ref.portalId !== undefined || ref.objectType !== 'account' || ref.host !== ref.host.toLowerCase()) return false;
  const h = parseSalesforceHost(ref.host);
  return !!h && h.kind !== 'setup';
}

/**
 * The cache key of the account a ref names. HubSpot accounts are companies in a
 * portal; Salesforce accounts live in an org, whichever host showed them.
 */
export function accountKey(ref: Pick<RecordRef, 'crm' | 'host' | 'portalId' | 'recordId'>): string {
  if (ref.crm === 'hubspot') return `hubspot:${ref.portalId}:${ref.recordId}`;
  return `salesforce:${salesforceOrg(ref.host) ?? ref.host}:${ref.recordId}`;
}

/** One string per record page's record: equal exactly when `sameRecord` is true. */
export function recordIdentity(ref: RecordRef): string {
  return [ref.crm, ref.host, ref.portalId ?? '', ref.objectType, ref.recordId].join('|');
}

export function sameRecord(a: RecordRef | null, b: RecordRef | null): boolean {
  if (!a || !b) return a === b;
  return a.crm === b.crm && a.host === b.host && a.portalId === b.portalId && a.objectType === b.objectType && a.recordId === b.recordId;
}
