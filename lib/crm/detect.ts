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

// Production, sandbox, Developer Edition and scratch orgs, Lightning and Classic.
const SALESFORCE_HOST = /^([a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+)?)(\.(?:sandbox|develop|scratch))?\.(lightning\.force\.com|my\.salesforce\.com)$/;

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
  const m = SALESFORCE_HOST.exec(host);
  if (!m) return null;
  const make = (id: string | null): RecordRef | null =>
    id ? { crm: 'salesforce', host, objectType: 'account', recordId: id } : null;

  if (m[3] === 'my.salesforce.com') {
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

/** The org a Salesforce host belongs to (My Domain plus edition), shared by Lightning and Classic. */
export function salesforceOrg(host: string): string | null {
  const m = SALESFORCE_HOST.exec(host.toLowerCase());
  return m ? `${m[1]}${m[2] ?? ''}` : null;
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
