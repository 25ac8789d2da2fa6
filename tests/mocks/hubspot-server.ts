// A mock of the parts of HubSpot's CRM API that Sidecar calls, with an
// in-memory store, Bearer auth, scope checks and fault injection.
// It answers only the date-based version 2026-09, as HubSpot's published specs
// for that version describe it (PublicApiSpecs/CRM/{Companies,Notes,Tickets,
// Associations,Crm Owners}/…/2026-09, PublicApiSpecs/Account/Account Info/…/2026-09):
// required request fields are checked, and a v1–v4 path is an unknown route
// (404), so a request the real API would refuse fails a test. Every request's
// path is in `state.requests.log`.
// Standalone: node --experimental-strip-types tests/mocks/hubspot-server.ts --port 0
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { bearer, cliArgs, isoNow, newCounters, serve, type Fault, type MockCore, type MockReply, type MockRequest, type StartedMock } from './shared.ts';

export type { Fault, MockRequest } from './shared.ts';

export type HubspotObjectType = 'companies' | 'contacts' | 'deals' | 'notes' | 'tickets';

/** The version this mock answers; any other version's path is a 404. */
export const MOCK_API_VERSION = '2026-09';

export interface StoredObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
}

export interface AssociationTypeSpec {
  category: 'HUBSPOT_DEFINED' | 'USER_DEFINED';
  typeId: number;
  label: string | null;
}

export interface StoredAssociation {
  fromType: HubspotObjectType;
  fromId: string;
  toType: HubspotObjectType;
  toId: string;
  types: AssociationTypeSpec[];
}

/** An owner as the 2026-09 PublicOwner describes it. */
export interface StoredOwner {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  userId?: number;
  type: 'PERSON' | 'QUEUE';
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface HubspotMockOptions {
  port?: number;
  token?: string;
  portalId?: number;
  /**
   * Granted scopes; every scope the mock knows when omitted (as a legacy
   * private app, which also holds `oauth`). A Service Key holds only the
   * scopes chosen for it: see SERVICE_KEY_SCOPES.
   */
  scopes?: string[];
  /** Load the demo records (default true). */
  seed?: boolean;
}

export interface HubspotMockState extends MockCore {
  token: string;
  portalId: number;
  scopes: Set<string>;
  objects: Record<HubspotObjectType, Map<string, StoredObject>>;
  associations: StoredAssociation[];
  /** The portal's owners (GET /crm/owners/2026-09, scope crm.objects.owners.read). */
  owners: StoredOwner[];
  /** Owners per page of the owners list; make it small to test paging. */
  ownersPageSize: number;
  addOwner(owner: { email?: string; firstName?: string; lastName?: string; archived?: boolean; id?: string }): string;
  /** Associations per input in one association batch read page; make it small to test paging. */
  associationPageSize: number;
  /**
   * The portal's own validation rules, enforced on writes from 2026-09 on
   * (conditional required properties): a create or update of `objectType`
   * without `property` is refused with a 400 VALIDATION_ERROR for that record.
   */
  validationRules: Array<{ objectType: HubspotObjectType; property: string }>;
  /**
   * The app's limits. The headers always report them; with `enforce` a request past the ten-second
   * window's `max` or the day's `daily` is answered 429 (TEN_SECONDLY_ROLLING, DAILY), as HubSpot does.
   */
  rateLimit: { max: number; intervalMs: number; daily: number; dailyUsed: number; enforce: boolean };
  /** The mock's clock for the rolling window (Date.now unless a test moves its own). */
  clock: () => number;
  /**
   * CRM search is eventually consistent: an object modified less than this long ago (ms) is not
   * found by search yet (0 by default). The list and record reads see it at once.
   */
  searchLagMs: number;
  /** Company property definitions (GET /crm/properties/2026-09/companies); batch update refuses a property not here. */
  properties: Map<string, PropertyDefinition>;
  /** Company property groups (GET/POST /crm/properties/2026-09/companies/groups); properties are created into one of these. */
  propertyGroups: Map<string, { name: string; label: string; displayOrder: number; archived: boolean }>;
  defineProperty(def: { name: string; type: PropertyDefinition['type']; fieldType?: string; groupName?: string; label?: string; readOnlyValue?: boolean }): void;
  /** A test's own refusal of one input of a batch update (a portal rule, a locked record): the error's category and message. */
  refuseUpdate: ((id: string, properties: Record<string, string>) => { category: string; message: string; propertyName?: string } | null) | null;
  /** Inputs per batch update request, as received (the job's batch sizes). */
  batchUpdateSizes: number[];
  /**
   * Each object's property history (`{type}:{id}` → property → values, oldest first), as HubSpot keeps it:
   * every write through the API adds a value; `propertiesWithHistory` reads it back newest first.
   */
  history: Map<string, Record<string, Array<{ value: string; timestamp: string; sourceType: string }>>>;
  /** Record a past value (a test's history before Sidecar looked). */
  addHistory(type: HubspotObjectType, id: string, property: string, value: string, timestamp: string): void;
  addObject(type: HubspotObjectType, properties: Record<string, string | null>): string;
  /** Associate both ways with HubSpot's paired type ids. */
  associate(fromType: HubspotObjectType, fromId: string, toType: HubspotObjectType, toId: string, typeIds: number[]): void;
  addContact(properties: Record<string, string | null>, companies: { primary?: string; others?: string[] }): string;
  addDeal(properties: Record<string, string | null>, companies: { primary?: string; others?: string[] }): string;
}

/** A property as the 2026-09 Properties spec's Property describes it (the fields the mock keeps). */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
  fieldType: string;
  groupName: string;
  description: string;
  options: unknown[];
  hubspotDefined?: boolean;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
}

/** HubSpot's own company properties the mock knows (a batch update may write them). */
const STANDARD_COMPANY_PROPERTIES: Array<[string, PropertyDefinition['type']]> = [
  ['name', 'string'], ['domain', 'string'], ['lifecyclestage', 'enumeration'], ['hubspot_owner_id', 'enumeration'], ['annualrevenue', 'number'], ['industry', 'enumeration'],
];

export interface HubspotMock extends StartedMock {
  state: HubspotMockState;
}

// HUBSPOT_DEFINED association types and their reverse. 1/5 are "Primary".
const TYPE_PAIRS: Array<[from: HubspotObjectType, to: HubspotObjectType, typeId: number, reverseId: number, label: string | null]> = [
  ['contacts', 'companies', 279, 280, null],
  ['contacts', 'companies', 1, 2, 'Primary'],
  ['deals', 'companies', 341, 342, null],
  ['deals', 'companies', 5, 6, 'Primary'],
  ['notes', 'companies', 190, 189, null],
  ['notes', 'contacts', 202, 201, null],
  ['notes', 'deals', 214, 213, null],
  ['tickets', 'companies', 339, 340, null],
];

function typeSpec(from: HubspotObjectType, to: HubspotObjectType, typeId: number): { spec: AssociationTypeSpec; reverse: AssociationTypeSpec } | null {
  for (const [f, t, id, rev, label] of TYPE_PAIRS) {
    if (f === from && t === to && id === typeId) return { spec: { category: 'HUBSPOT_DEFINED', typeId: id, label }, reverse: { category: 'HUBSPOT_DEFINED', typeId: rev, label } };
    if (f === to && t === from && rev === typeId) return { spec: { category: 'HUBSPOT_DEFINED', typeId: rev, label }, reverse: { category: 'HUBSPOT_DEFINED', typeId: id, label } };
  }
  return null;
}

// The scope each object's routes need, as the mock models them.
// The scope each object's routes need, as the 2026-09 specs list them
// (notes are under the contacts scopes; tickets have the one `tickets` scope).
const READ_SCOPE: Record<HubspotObjectType, string> = {
  companies: 'crm.objects.companies.read',
  contacts: 'crm.objects.contacts.read',
  deals: 'crm.objects.deals.read',
  notes: 'crm.objects.contacts.read',
  tickets: 'tickets',
};
const WRITE_SCOPE: Record<HubspotObjectType, string> = {
  companies: 'crm.objects.companies.write',
  contacts: 'crm.objects.contacts.write',
  deals: 'crm.objects.deals.write',
  notes: 'crm.objects.contacts.write',
  tickets: 'tickets',
};
/** The owners list (the 2026-09 Crm Owners spec's security). */
export const OWNERS_SCOPE = 'crm.objects.owners.read';
/** The account-info details need `oauth` (the spec's security for /account-info/2026-09/details). */
const ACCOUNT_INFO_SCOPE = 'oauth';
/** Creating company properties and groups (the 2026-09 Properties spec's security for POST). */
export const SCHEMA_WRITE_SCOPE = 'crm.schemas.companies.write';
const ALL_SCOPES = [...new Set([...Object.values(READ_SCOPE), ...Object.values(WRITE_SCOPE), ACCOUNT_INFO_SCOPE, OWNERS_SCOPE, SCHEMA_WRITE_SCOPE])];
/** What the README asks a Service Key to hold: the crm scopes, no `oauth`, no `tickets`. */
export const SERVICE_KEY_SCOPES = ['crm.objects.companies.read', 'crm.objects.contacts.read', 'crm.objects.deals.read', 'crm.objects.contacts.write'];
const OBJECT_TYPES = new Set<string>(['companies', 'contacts', 'deals', 'notes', 'tickets']);
const OBJECT_TYPE_ID: Record<HubspotObjectType, string> = { contacts: '0-1', companies: '0-2', deals: '0-3', tickets: '0-5', notes: '0-46' };
const NOTE_MAX = 65_536;
const BATCH_MAX = 100;

/** The spec's correlationId is a uuid. */
const correlationId = () => randomUUID();

/** The spec's Error: category, correlationId and message required; context, errors, links as it documents them. */
function error(status: number, category: string, message: string, extra: Record<string, unknown> = {}): MockReply {
  return { status, body: { status: 'error', message, correlationId: correlationId(), category, ...extra } };
}

/** A required request field missing or of the wrong type: 400, as a request validator on the spec would answer. */
function invalidInput(message: string): MockReply {
  return error(400, 'VALIDATION_ERROR', `Invalid input JSON: ${message}`, { errors: [{ message, in: 'body' }] });
}

function missingScope(scope: string): MockReply {
  return error(403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
    context: { missingScopes: [scope] },
    errors: [{ message: 'One or more of the following scopes are required.', context: { missingScopes: [scope] } }],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
  });
}

/** A write the portal's own validation rule refuses (2026-09 enforces them on API writes): 400 for that record. */
export function validationRuleRefusal(objectType: string, property: string): { status: 400; body: unknown } {
  return {
    status: 400,
    body: {
      status: 'error',
      category: 'VALIDATION_ERROR',
      message: `Property values were not valid: ${property} is required by a validation rule on ${objectType} in this account.`,
      correlationId: correlationId(),
      context: { invalidPropertyName: [property] },
      errors: [{ message: `${property} is required by a validation rule on ${objectType} in this account.`, in: 'body', context: { invalidPropertyName: [property] } }],
    },
  };
}

/** A rough stand-in for HubSpot's note sanitiser: scripts, comments and attributes go, text stays. */
export function sanitiseNoteHtml(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<([a-z][a-z0-9]*)\b[^>]*>/gi, (_m, tag: string) => `<${tag.toLowerCase()}>`);
}

function defaultFaultBody(status: number, req: MockRequest): unknown {
  switch (status) {
    case 400:
      return error(400, 'VALIDATION_ERROR', 'Property values were not valid', {
        context: { invalidPropertyName: ['name'] },
        errors: [{ message: 'Property values were not valid', context: { invalidPropertyName: ['name'] } }],
      }).body;
    case 409:
      return error(409, 'CONFLICT', 'Conflict: the object was changed by another request.').body;
    case 401:
      return error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.').body;
    case 403: {
      const type = /\/objects\/([a-z]+)/.exec(req.path)?.[1];
      return missingScope(type && OBJECT_TYPES.has(type) ? READ_SCOPE[type as HubspotObjectType] : 'crm.objects.companies.read').body;
    }
    case 404:
      return error(404, 'OBJECT_NOT_FOUND', 'Object not found.').body;
    case 429:
      return { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', correlationId: correlationId(), policyName: 'TEN_SECONDLY_ROLLING', groupName: 'publicapi:private-app:mock' };
    default:
      return error(status, 'INTERNAL_ERROR', 'An internal error occurred.').body;
  }
}

/**
 * A search filter on one object (PublicObjectSearchRequest's Filter): dates compare as instants
 * (HubSpot takes epoch milliseconds or ISO), numbers as numbers, anything else as text.
 */
function matches(o: StoredObject, f: { propertyName: string; operator: string; value?: string; values?: string[] }): boolean {
  // HubSpot's own properties (hs_lastmodifieddate, createdate) as the object's times when not set by hand.
  const own = readProperties(o, []);
  const v = (f.propertyName in own ? own[f.propertyName] : o.properties[f.propertyName]) ?? null;
  const asNumber = (x: string) => (/^-?\d+(\.\d+)?$/.test(x) ? Number(x) : Date.parse(x));
  const cmp = (x: string, y: string) => {
    const [a, b] = [asNumber(x), asNumber(y)];
    return Number.isNaN(a) || Number.isNaN(b) ? x.localeCompare(y) : a - b;
  };
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return v !== null && v !== '';
    case 'NOT_HAS_PROPERTY':
      return v === null || v === '';
    case 'EQ':
      return v !== null && f.value !== undefined && cmp(v, f.value) === 0;
    case 'NEQ':
      return v === null || f.value === undefined || cmp(v, f.value) !== 0;
    case 'IN':
      return v !== null && (f.values ?? []).some((x) => cmp(v, x) === 0);
    case 'GT':
      return v !== null && f.value !== undefined && cmp(v, f.value) > 0;
    case 'GTE':
      return v !== null && f.value !== undefined && cmp(v, f.value) >= 0;
    case 'LT':
      return v !== null && f.value !== undefined && cmp(v, f.value) < 0;
    case 'LTE':
      return v !== null && f.value !== undefined && cmp(v, f.value) <= 0;
    default:
      return false;
  }
}

function readProperties(o: StoredObject, wanted: string[]): Record<string, string | null> {
  const props: Record<string, string | null> = {
    hs_object_id: o.id,
    createdate: o.properties.createdate ?? o.createdAt,
    hs_lastmodifieddate: o.properties.hs_lastmodifieddate ?? o.updatedAt,
  };
  for (const p of wanted) props[p] = o.properties[p] ?? null;
  return props;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function stringProps(v: unknown): Record<string, string> | null {
  const r = asRecord(v);
  if (!r) return null;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(r)) {
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number') out[k] = String(val);
    else return null;
  }
  return out;
}

export async function startHubspotMock(opts: HubspotMockOptions = {}): Promise<HubspotMock> {
  let nextId = 1000;
  const state: HubspotMockState = {
    token: opts.token ?? 'hubspot-test-token',
    portalId: opts.portalId ?? 123456,
    scopes: new Set(opts.scopes ?? ALL_SCOPES),
    objects: { companies: new Map(), contacts: new Map(), deals: new Map(), notes: new Map(), tickets: new Map() },
    associations: [],
    owners: [],
    ownersPageSize: 100,
    addOwner(owner) {
      const id = owner.id ?? String(70_000_000 + state.owners.length + 1);
      const now = isoNow();
      state.owners.push({
        id,
        ...(owner.email ? { email: owner.email } : {}),
        ...(owner.firstName ? { firstName: owner.firstName } : {}),
        ...(owner.lastName ? { lastName: owner.lastName } : {}),
        userId: 9_000_000 + state.owners.length + 1,
        type: 'PERSON',
        archived: owner.archived ?? false,
        createdAt: now,
        updatedAt: now,
      });
      return id;
    },
    associationPageSize: 500,
    validationRules: [],
    rateLimit: { max: 190, intervalMs: 10_000, daily: 1_000_000, dailyUsed: 0, enforce: false },
    clock: () => Date.now(),
    searchLagMs: 0,
    properties: new Map(),
    propertyGroups: new Map([['companyinformation', { name: 'companyinformation', label: 'Company information', displayOrder: -1, archived: false }]]),
    defineProperty(def) {
      state.properties.set(def.name, {
        name: def.name,
        label: def.label ?? def.name,
        type: def.type,
        fieldType: def.fieldType ?? (def.type === 'number' ? 'number' : def.type === 'datetime' || def.type === 'date' ? 'date' : def.type === 'enumeration' ? 'select' : def.type === 'bool' ? 'booleancheckbox' : 'text'),
        groupName: def.groupName ?? 'companyinformation',
        description: '',
        options: [],
        modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: def.readOnlyValue ?? false },
      });
    },
    refuseUpdate: null,
    batchUpdateSizes: [],
    history: new Map(),
    addHistory(type, id, property, value, timestamp) {
      const key = `${type}:${id}`;
      const h = state.history.get(key) ?? {};
      (h[property] ??= []).push({ value, timestamp, sourceType: 'INTEGRATION' });
      h[property]!.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
      state.history.set(key, h);
    },
    faults: [],
    requests: newCounters(),
    addObject(type, properties) {
      const id = String(++nextId);
      const now = isoNow();
      state.objects[type].set(id, { id, properties: { ...properties }, createdAt: now, updatedAt: now });
      return id;
    },
    associate(fromType, fromId, toType, toId, typeIds) {
      for (const typeId of typeIds) {
        const pair = typeSpec(fromType, toType, typeId);
        if (!pair) throw new Error(`mock: no association type ${typeId} from ${fromType} to ${toType}`);
        addAssociation(fromType, fromId, toType, toId, pair.spec);
        addAssociation(toType, toId, fromType, fromId, pair.reverse);
      }
    },
    addContact(properties, companies) {
      const id = state.addObject('contacts', properties);
      if (companies.primary) state.associate('contacts', id, 'companies', companies.primary, [279, 1]);
      for (const c of companies.others ?? []) state.associate('contacts', id, 'companies', c, [279]);
      return id;
    },
    addDeal(properties, companies) {
      const id = state.addObject('deals', properties);
      for (const c of companies.others ?? []) state.associate('deals', id, 'companies', c, [341]);
      if (companies.primary) state.associate('deals', id, 'companies', companies.primary, [341, 5]);
      return id;
    },
  };

  for (const [name, type] of STANDARD_COMPANY_PROPERTIES) {
    state.defineProperty({ name, type });
    state.properties.get(name)!.hubspotDefined = true;
  }

  function addAssociation(fromType: HubspotObjectType, fromId: string, toType: HubspotObjectType, toId: string, spec: AssociationTypeSpec) {
    const existing = state.associations.find((a) => a.fromType === fromType && a.fromId === fromId && a.toType === toType && a.toId === toId);
    if (existing) {
      if (!existing.types.some((t) => t.typeId === spec.typeId)) existing.types.push(spec);
    } else {
      state.associations.push({ fromType, fromId, toType, toId, types: [spec] });
    }
  }

  if (opts.seed ?? true) {
    const grace = state.addOwner({ firstName: 'Grace', lastName: 'Hopper', email: 'grace@cs.example' });
    state.addOwner({ firstName: '花子', lastName: '佐藤', email: 'hanako.sato@cs.example' });
    const acme = state.addObject('companies', { name: 'Acme Corp', hubspot_owner_id: grace, domain: 'acme.example', annualrevenue: '1200000', lifecyclestage: 'customer' });
    const sample = state.addObject('companies', { name: '株式会社サンプル', domain: 'sample.example.jp', annualrevenue: '30000000', lifecyclestage: 'customer' });
    state.addContact({ firstname: 'Ada', lastname: 'Lovelace', email: 'ada@acme.example' }, { primary: acme, others: [sample] });
    state.addContact({ firstname: '花子', lastname: '山田', email: 'hanako@sample.example.jp' }, { primary: sample });
    state.addDeal({ dealname: 'Acme renewal 2026', amount: '1200000' }, { primary: acme });
  }

  // A rolling 10-second window, only for the headers: throttling is a fault.
  let windowStart = state.clock();
  let windowUsed = 0;
  /** With `rateLimit.enforce`: the 429 HubSpot answers once the window or the day is spent. */
  function throttled(): MockReply | null {
    if (!state.rateLimit.enforce) return null;
    // A test that swaps the clock starts a new window.
    if (state.clock() - windowStart >= state.rateLimit.intervalMs || state.clock() < windowStart) {
      windowStart = state.clock();
      windowUsed = 0;
    }
    const policy = state.rateLimit.dailyUsed >= state.rateLimit.daily ? 'DAILY' : windowUsed >= state.rateLimit.max ? 'TEN_SECONDLY_ROLLING' : null;
    if (!policy) return null;
    return {
      status: 429,
      body: { status: 'error', message: `You have reached your ${policy.toLowerCase()} limit.`, errorType: 'RATE_LIMIT', correlationId: correlationId(), policyName: policy, groupName: 'publicapi:private-app:mock' },
    };
  }

  function rateHeaders(): Record<string, string> {
    const now = state.clock();
    if (now - windowStart >= state.rateLimit.intervalMs || now < windowStart) {
      windowStart = now;
      windowUsed = 0;
    }
    windowUsed++;
    state.rateLimit.dailyUsed++;
    return {
      'x-hubspot-ratelimit-max': String(state.rateLimit.max),
      'x-hubspot-ratelimit-remaining': String(Math.max(0, state.rateLimit.max - windowUsed)),
      'x-hubspot-ratelimit-interval-milliseconds': String(state.rateLimit.intervalMs),
      'x-hubspot-ratelimit-daily': String(state.rateLimit.daily),
      'x-hubspot-ratelimit-daily-remaining': String(Math.max(0, state.rateLimit.daily - state.rateLimit.dailyUsed)),
    };
  }

  function need(...scopes: string[]): MockReply | null {
    const missing = scopes.find((scope) => !state.scopes.has(scope));
    return missing ? missingScope(missing) : null;
  }

  /**
   * propertiesWithHistory (2026-09: a list of ValueWithTimestamp per property, newest first): the
   * values written through the API, or the current value alone when none was.
   */
  function withHistory(type: HubspotObjectType, o: StoredObject, names: string[]) {
    const h = state.history.get(`${type}:${o.id}`) ?? {};
    const out: Record<string, Array<{ value: string; timestamp: string; sourceType: string }>> = {};
    for (const name of names) {
      const list = h[name]?.length ? h[name]! : o.properties[name] ? [{ value: o.properties[name]!, timestamp: o.updatedAt, sourceType: 'API' }] : [];
      out[name] = [...list].reverse();
    }
    return out;
  }

  /** Every API write of these properties is kept in the history. */
  function remember(type: HubspotObjectType, id: string, props: Record<string, string>) {
    const at = isoNow();
    for (const [name, value] of Object.entries(props)) state.addHistory(type, id, name, value, at);
  }

  /** SimplePublicObject (2026-09): with the record's page as `url`. */
  function publicObject(type: HubspotObjectType, o: StoredObject, wanted: string[]) {
    return {
      id: o.id,
      properties: readProperties(o, wanted),
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      archived: false,
      url: `https://app.hubspot.com/contacts/${state.portalId}/record/${OBJECT_TYPE_ID[type]}/${o.id}`,
    };
  }

  /** The portal's validation rules for a write of these properties; null when none refuses it. */
  function ruleRefusal(type: HubspotObjectType, props: Record<string, string>, existing?: StoredObject): MockReply | null {
    for (const rule of state.validationRules) {
      if (rule.objectType !== type) continue;
      const value = props[rule.property] ?? existing?.properties[rule.property];
      if (value === undefined || value === null || value === '') return validationRuleRefusal(type, rule.property);
    }
    return null;
  }

  /** POST /crm/objects/2026-09/{type}/batch/read: inputs, properties and propertiesWithHistory are all required. */
  /**
   * POST /crm/objects/2026-09/{type}/search (PublicObjectSearchRequest → CollectionResponseWithTotal…):
   * filter groups OR'd, their filters AND'd; up to 200 a page; no paging past 10,000 results, as HubSpot.
   */
  function search(type: HubspotObjectType, body: unknown): MockReply {
    const b = asRecord(body);
    if (!b || !Array.isArray(b.filterGroups) || !Array.isArray(b.properties) || !Array.isArray(b.sorts) || typeof b.limit !== 'number' || typeof b.after !== 'string') {
      return invalidInput('A search needs filterGroups, properties, sorts, limit and after');
    }
    if (b.limit > 200) return invalidInput('limit may be at most 200');
    if (b.filterGroups.length > 6) return invalidInput('At most 6 filter groups');
    const groups = b.filterGroups.map((g) => (asRecord(g)?.filters ?? []) as Array<{ propertyName: string; operator: string; value?: string; values?: string[] }>);
    const visibleBefore = state.clock() - state.searchLagMs;
    const all = [...state.objects[type].values()]
      .filter((o) => Date.parse(o.updatedAt) <= visibleBefore)
      .filter((o) => !groups.length || groups.some((filters) => filters.every((f) => matches(o, f))))
      .sort((x, y) => Number(x.id) - Number(y.id));
    const start = Number(b.after) || 0;
    if (start + b.limit > 10_000) return invalidInput('Search results past the first 10,000 cannot be paged');
    const next = start + b.limit < all.length ? String(start + b.limit) : undefined;
    return { status: 200, body: { total: all.length, results: all.slice(start, start + b.limit).map((o) => publicObject(type, o, b.properties as string[])), ...(next ? { paging: { next: { after: next } } } : {}) } };
  }

  function batchRead(type: HubspotObjectType, body: unknown): MockReply {
    const b = asRecord(body);
    if (!b) return invalidInput('the body must be an object');
    for (const field of ['inputs', 'properties', 'propertiesWithHistory'] as const) {
      if (!Array.isArray(b[field])) return invalidInput(`Required property '${field}' is missing`);
    }
    const inputs = b.inputs as unknown[];
    if (!isStringArray(b.properties) || !isStringArray(b.propertiesWithHistory)) return invalidInput('properties and propertiesWithHistory must be arrays of strings');
    if (!inputs.every((i) => typeof asRecord(i)?.id === 'string')) return invalidInput("each input needs an 'id' string");
    if (inputs.length > BATCH_MAX) return error(400, 'VALIDATION_ERROR', `Batch input limit exceeded: ${inputs.length} > ${BATCH_MAX}`);
    const properties = b.properties;
    const ids = inputs.map((i) => asRecord(i)!.id as string);
    const found = ids.map((id) => state.objects[type].get(id)).filter((o): o is StoredObject => o !== undefined);
    const missing = ids.filter((id) => !state.objects[type].has(id));
    const startedAt = isoNow();
    const results = found.map((o) => publicObject(type, o, properties));
    if (!missing.length) return { status: 200, body: { status: 'COMPLETE', results, startedAt, completedAt: isoNow() } };
    return {
      status: 207,
      body: {
        status: 'COMPLETE',
        results,
        numErrors: 1,
        errors: [
          {
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            message: `Could not get some ${type.replace(/s$/, '').toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
            context: { ids: missing },
            errors: [],
            links: {},
          },
        ],
        startedAt,
        completedAt: isoNow(),
      },
    };
  }

  /**
   * POST /crm/associations/2026-09/{from}/{to}/batch/read {inputs:[{id, after?}]}:
   * one result per input with associations, each paged on its own; `paging`
   * only when more remain. An input with none is left out.
   */
  function associationBatchRead(fromType: HubspotObjectType, toType: HubspotObjectType, body: unknown): MockReply {
    const inputs = asRecord(body)?.inputs;
    if (!Array.isArray(inputs)) return invalidInput("Required property 'inputs' is missing");
    if (!inputs.every((i) => typeof asRecord(i)?.id === 'string' && ['string', 'undefined'].includes(typeof asRecord(i)?.after))) {
      return invalidInput("each input needs an 'id' string and at most an 'after' string");
    }
    if (inputs.length > 1000) return error(400, 'VALIDATION_ERROR', `Batch input limit exceeded: ${inputs.length} > 1000`);
    const startedAt = isoNow();
    const results: unknown[] = [];
    for (const input of inputs) {
      const { id, after } = asRecord(input) as { id: string; after?: string };
      const all = state.associations.filter((a) => a.fromType === fromType && a.fromId === id && a.toType === toType);
      const start = Number(after ?? 0) || 0;
      const page = all.slice(start, start + state.associationPageSize);
      if (!page.length) continue;
      const next = start + state.associationPageSize < all.length ? String(start + state.associationPageSize) : undefined;
      results.push({
        from: { id },
        to: page.map((a) => ({ toObjectId: a.toId, associationTypes: a.types.map((t) => (t.label === null ? { category: t.category, typeId: t.typeId } : t)) })),
        ...(next ? { paging: { next: { after: next } } } : {}),
      });
    }
    return { status: 200, body: { status: 'COMPLETE', results, startedAt, completedAt: isoNow() } };
  }

  /** POST /crm/objects/2026-09/notes: properties and associations are both required. */
  function createNote(body: unknown): MockReply {
    const b = asRecord(body);
    if (!b || !('properties' in b)) return invalidInput("Required property 'properties' is missing");
    if (!Array.isArray(b.associations)) return invalidInput("Required property 'associations' is missing");
    const props = stringProps(b.properties);
    if (!props) return invalidInput('properties must be an object of strings');
    const bad = checkNoteProps(props, true) ?? ownerRefusal(props) ?? ruleRefusal('notes', props);
    if (bad) return bad;
    const links: Array<{ toType: HubspotObjectType; toId: string; typeId: number }> = [];
    for (const a of b.associations) {
      const to = asRecord(asRecord(a)?.to)?.id;
      const types = asRecord(a)?.types;
      if (typeof to !== 'string' || !Array.isArray(types)) return invalidInput("each association needs 'to.id' (a string) and 'types'");
      for (const t of types) {
        const category = asRecord(t)?.associationCategory;
        const typeId = asRecord(t)?.associationTypeId;
        if (typeof category !== 'string' || !Number.isInteger(typeId)) return invalidInput("each association type needs 'associationCategory' and an integer 'associationTypeId'");
        const target = TYPE_PAIRS.find(([f, , id]) => f === 'notes' && id === typeId);
        if (!target || category !== 'HUBSPOT_DEFINED') return error(400, 'VALIDATION_ERROR', `Invalid association type ${String(typeId)} for notes.`);
        if (!state.objects[target[1]].has(to)) return error(400, 'VALIDATION_ERROR', `One or more associations are invalid: ${target[1]} ${to} does not exist.`);
        links.push({ toType: target[1], toId: to, typeId: typeId as number });
      }
    }
    const id = state.addObject('notes', { ...props, hs_note_body: sanitiseNoteHtml(props.hs_note_body!) });
    for (const l of links) state.associate('notes', id, l.toType, l.toId, [l.typeId]);
    return { status: 201, body: publicObject('notes', state.objects.notes.get(id)!, Object.keys(props)) };
  }

  function checkNoteProps(props: Record<string, string>, creating: boolean): MockReply | null {
    if (creating && !props.hs_timestamp) {
      return error(400, 'VALIDATION_ERROR', 'Property values were not valid: hs_timestamp is required', {
        context: { invalidPropertyName: ['hs_timestamp'] },
        errors: [{ message: 'hs_timestamp is required', context: { invalidPropertyName: ['hs_timestamp'] } }],
      });
    }
    const note = props.hs_note_body;
    if (note !== undefined && note.length > NOTE_MAX) {
      return error(400, 'VALIDATION_ERROR', `Property values were not valid: hs_note_body is longer than ${NOTE_MAX} characters`, {
        context: { invalidPropertyName: ['hs_note_body'] },
        errors: [{ message: `Property "hs_note_body" value is too long`, context: { invalidPropertyName: ['hs_note_body'] } }],
      });
    }
    return null;
  }

  /** hubspot_owner_id must name one of the portal's owners. */
  function ownerRefusal(props: Record<string, string>): MockReply | null {
    const owner = props.hubspot_owner_id;
    if (owner === undefined || owner === '' || state.owners.some((o) => o.id === owner)) return null;
    return error(400, 'VALIDATION_ERROR', `Property values were not valid: ${owner} is not a valid owner id`, {
      context: { invalidPropertyName: ['hubspot_owner_id'] },
      errors: [{ message: `${owner} is not a valid owner id`, code: 'INVALID_OWNER_ID', context: { invalidPropertyName: ['hubspot_owner_id'] } }],
    });
  }

  /** A value the property's type cannot hold, as HubSpot words it; null when it fits. */
  function badValue(def: PropertyDefinition, value: string): string | null {
    if (value === '') return null;
    if (def.type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) return `${value} was not a valid number.`;
    if ((def.type === 'datetime' || def.type === 'date') && !/^\d+$/.test(value) && Number.isNaN(Date.parse(value))) return `${value} was not a valid date.`;
    if (def.type === 'bool' && !/^(true|false)$/.test(value)) return `${value} was not a valid boolean.`;
    return null;
  }

  /**
   * POST /crm/objects/2026-09/companies/batch/update {inputs:[{id, properties, objectWriteTraceId?}]}
   * (BatchInputSimplePublicObjectBatchInput: at most 100 inputs). Each input is applied or refused on
   * its own: 200 when all were written, else 207 with one StandardError per refused input, its
   * context naming the input (objectWriteTraceId, or ids for a missing record).
   */
  function batchUpdate(body: unknown): MockReply {
    const inputs = asRecord(body)?.inputs;
    if (!Array.isArray(inputs)) return invalidInput("Required property 'inputs' is missing");
    if (inputs.length > BATCH_MAX) return error(400, 'VALIDATION_ERROR', `Batch input limit exceeded: ${inputs.length} > ${BATCH_MAX}`);
    state.batchUpdateSizes.push(inputs.length);
    const startedAt = isoNow();
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (const raw of inputs) {
      const input = asRecord(raw);
      const props = stringProps(input?.properties);
      if (!input || typeof input.id !== 'string' || !props) return invalidInput("each input needs an 'id' string and 'properties' of strings");
      const trace = typeof input.objectWriteTraceId === 'string' ? input.objectWriteTraceId : null;
      const context = (extra: Record<string, string[]> = {}) => ({ ...(trace ? { objectWriteTraceId: [trace] } : {}), ...extra });
      const o = state.objects.companies.get(input.id);
      if (!o) {
        errors.push({ status: 'error', category: 'OBJECT_NOT_FOUND', message: `Object not found. objectId are usually numeric.`, context: context({ ids: [input.id] }), errors: [], links: {} });
        continue;
      }
      let refusal: { category: string; message: string; propertyName?: string } | null = null;
      for (const [name, value] of Object.entries(props)) {
        const def = state.properties.get(name);
        if (!def) refusal = { category: 'VALIDATION_ERROR', message: `Property values were not valid: Property "${name}" does not exist`, propertyName: name };
        else if (def.modificationMetadata.readOnlyValue) refusal = { category: 'VALIDATION_ERROR', message: `Property values were not valid: "${name}" is a read only property; its value cannot be set.`, propertyName: name };
        else {
          const bad = badValue(def, value);
          if (bad) refusal = { category: 'VALIDATION_ERROR', message: `Property values were not valid: ${bad}`, propertyName: name };
        }
        if (refusal) break;
      }
      refusal ??= state.refuseUpdate?.(input.id, props) ?? null;
      if (!refusal) {
        const rule = ruleRefusal('companies', props, o);
        if (rule) refusal = { category: 'VALIDATION_ERROR', message: String((rule.body as { message?: string }).message ?? 'validation rule') };
      }
      if (refusal) {
        const named: Record<string, string[]> = refusal.propertyName ? { invalidPropertyName: [refusal.propertyName] } : {};
        errors.push({ status: 'error', category: refusal.category, message: refusal.message, context: context(named), errors: [{ message: refusal.message, code: refusal.propertyName ? 'INVALID_PROPERTY' : refusal.category, context: named }], links: {} });
        continue;
      }
      Object.assign(o.properties, props);
      o.updatedAt = isoNow();
      remember('companies', o.id, props);
      results.push({ ...publicObject('companies', o, Object.keys(props)), ...(trace ? { objectWriteTraceId: trace } : {}) });
    }
    const answer = { status: 'COMPLETE', results, startedAt, completedAt: isoNow(), ...(errors.length ? { numErrors: errors.length, errors } : {}) };
    return { status: errors.length ? 207 : 200, body: answer };
  }

  function removeObject(type: HubspotObjectType, id: string) {
    state.objects[type].delete(id);
    state.associations = state.associations.filter((a) => !((a.fromType === type && a.fromId === id) || (a.toType === type && a.toId === id)));
  }

  /** A property as the spec's Property gives it (name, label, type, fieldType, groupName, description, options required). */
  function publicProperty(p: PropertyDefinition) {
    return { ...p, hidden: false, formField: false, displayOrder: -1, calculated: false, externalOptions: false, hasUniqueValue: false, archived: false, createdAt: isoNow(), updatedAt: isoNow() };
  }

  /** One PropertyCreate checked as the spec requires it; the stored property, or why not. */
  function checkPropertyCreate(input: unknown): { def: PropertyDefinition } | { category: string; message: string; name?: string } {
    const b = asRecord(input);
    if (!b) return { category: 'VALIDATION_ERROR', message: 'each input must be an object' };
    for (const field of ['name', 'label', 'type', 'fieldType', 'groupName'] as const) {
      if (typeof b[field] !== 'string' || !b[field]) return { category: 'VALIDATION_ERROR', message: `Required property '${field}' is missing`, ...(typeof b.name === 'string' ? { name: b.name } : {}) };
    }
    const name = b.name as string;
    if (!/^[a-z][a-z0-9_]*$/.test(name)) return { category: 'VALIDATION_ERROR', message: `Property name ${name} must be lowercase letters, digits and underscores`, name };
    const type = b.type as string;
    if (!['string', 'number', 'date', 'datetime', 'enumeration', 'bool', 'phone_number'].includes(type)) return { category: 'VALIDATION_ERROR', message: `Unknown type ${type}`, name };
    if (!state.propertyGroups.has(b.groupName as string)) return { category: 'VALIDATION_ERROR', message: `Property group ${String(b.groupName)} does not exist`, name };
    if (state.properties.has(name)) return { category: 'OBJECT_ALREADY_EXISTS', message: `A property named ${name} already exists.`, name };
    return {
      def: {
        name,
        label: b.label as string,
        type: type as PropertyDefinition['type'],
        fieldType: b.fieldType as string,
        groupName: b.groupName as string,
        description: typeof b.description === 'string' ? b.description : '',
        options: [],
        modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
      },
    };
  }

  /** /crm/properties/2026-09/companies/{groups[/{name}] | batch/create | ''}: definitions, with the schema scopes. */
  function propertyRoute(m: string, rest: string[], body: unknown): MockReply | null {
    const readable = () => (!state.scopes.has(READ_SCOPE.companies) && !state.scopes.has('crm.schemas.companies.read') ? missingScope('crm.schemas.companies.read') : null);
    if (rest[0] === 'groups' && rest.length === 1 && m === 'GET') return readable() ?? { status: 200, body: { results: [...state.propertyGroups.values()] } };
    if (rest[0] === 'groups' && rest.length === 2 && m === 'GET') {
      const g = state.propertyGroups.get(rest[1]!);
      return readable() ?? (g ? { status: 200, body: g } : error(404, 'OBJECT_NOT_FOUND', `No property group ${rest[1]}.`));
    }
    if (rest[0] === 'groups' && rest.length === 1 && m === 'POST') {
      const denied = need(SCHEMA_WRITE_SCOPE);
      if (denied) return denied;
      const b = asRecord(body);
      if (!b || typeof b.name !== 'string' || typeof b.label !== 'string') return invalidInput("Required properties 'name' and 'label' are missing");
      if (state.propertyGroups.has(b.name)) return error(409, 'OBJECT_ALREADY_EXISTS', `A property group named ${b.name} already exists.`, { context: { name: [b.name] } });
      const g = { name: b.name, label: b.label, displayOrder: typeof b.displayOrder === 'number' ? b.displayOrder : -1, archived: false };
      state.propertyGroups.set(b.name, g);
      return { status: 201, body: g };
    }
    if (rest[0] === 'batch' && rest[1] === 'create' && rest.length === 2 && m === 'POST') {
      const denied = need(SCHEMA_WRITE_SCOPE);
      if (denied) return denied;
      const b = asRecord(body);
      if (!b || !Array.isArray(b.inputs)) return invalidInput("Required property 'inputs' is missing");
      const startedAt = isoNow();
      const results: unknown[] = [];
      const errors: unknown[] = [];
      for (const input of b.inputs) {
        const c = checkPropertyCreate(input);
        if ('def' in c) {
          state.properties.set(c.def.name, c.def);
          results.push(publicProperty(c.def));
        } else {
          errors.push({ status: 'error', category: c.category, message: c.message, context: c.name ? { propertyName: [c.name] } : {}, errors: [], links: {} });
        }
      }
      // BatchResponseProperty: 200 when all went in, 207 with an error per refused input.
      return { status: errors.length ? 207 : 200, body: { status: 'COMPLETE', results, ...(errors.length ? { errors, numErrors: errors.length } : {}), startedAt, completedAt: isoNow() } };
    }
    if (rest.length === 1 && rest[0] !== 'groups' && rest[0] !== 'batch' && m === 'GET') {
      const p = state.properties.get(rest[0]!);
      return readable() ?? (p ? { status: 200, body: publicProperty(p) } : error(404, 'OBJECT_NOT_FOUND', `No property ${rest[0]}.`));
    }
    return null;
  }

  function handle(req: MockRequest): MockReply {
    const limited = throttled();
    if (limited) return limited;
    if (bearer(req) !== state.token) return error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.');
    const parts = req.path.split('/').filter(Boolean);
    const m = req.method;
    const V = MOCK_API_VERSION;
    if (m === 'GET' && req.path === `/account-info/${V}/details`) {
      return (
        need(ACCOUNT_INFO_SCOPE) ?? {
          status: 200,
          body: { portalId: state.portalId, accountType: 'STANDARD', timeZone: 'Asia/Tokyo', companyCurrency: 'JPY', additionalCurrencies: [], utcOffset: '+09:00', utcOffsetMilliseconds: 32_400_000, uiDomain: 'app.hubspot.com', dataHostingLocation: 'na1' },
        }
      );
    }
    // GET /crm/owners/2026-09?limit&after&email&archived: one page of owners, archived or not (default not).
    if (m === 'GET' && req.path === `/crm/owners/${V}`) {
      const denied = need(OWNERS_SCOPE);
      if (denied) return denied;
      const limit = Math.min(Number(req.query.get('limit') ?? 100) || 100, 500, state.ownersPageSize);
      const archived = req.query.get('archived') === 'true';
      const email = req.query.get('email');
      const all = state.owners.filter((o) => o.archived === archived && (!email || o.email?.toLowerCase() === email.toLowerCase()));
      const start = Number(req.query.get('after') ?? 0) || 0;
      const next = start + limit < all.length ? String(start + limit) : undefined;
      return { status: 200, body: { results: all.slice(start, start + limit), ...(next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}) } };
    }
    // /crm/objects/2026-09/{type}[/{id}|/batch/read]
    if (parts[0] === 'crm' && parts[1] === 'objects' && parts[2] === V && parts[3] && OBJECT_TYPES.has(parts[3])) {
      const type = parts[3] as HubspotObjectType;
      const wanted = (req.query.get('properties') ?? '').split(',').filter(Boolean);
      if (parts.length === 4 && m === 'GET') {
        const denied = need(READ_SCOPE[type]);
        if (denied) return denied;
        const limit = Math.min(Number(req.query.get('limit') ?? 10) || 10, 100);
        const all = [...state.objects[type].values()];
        const start = Number(req.query.get('after') ?? 0) || 0;
        const next = start + limit < all.length ? String(start + limit) : undefined;
        return { status: 200, body: { results: all.slice(start, start + limit).map((o) => publicObject(type, o, wanted)), ...(next ? { paging: { next: { after: next } } } : {}) } };
      }
      if (parts.length === 4 && m === 'POST' && type === 'notes') return need(WRITE_SCOPE.notes) ?? createNote(req.body);
      if (parts.length === 6 && parts[4] === 'batch' && parts[5] === 'read' && m === 'POST') return need(READ_SCOPE[type]) ?? batchRead(type, req.body);
      if (parts.length === 6 && parts[4] === 'batch' && parts[5] === 'update' && m === 'POST' && type === 'companies') return need(WRITE_SCOPE[type]) ?? batchUpdate(req.body);
      if (parts.length === 5 && parts[4] === 'search' && m === 'POST') return need(READ_SCOPE[type]) ?? search(type, req.body);
      if (parts.length === 5) {
        const id = parts[4]!;
        const o = state.objects[type].get(id);
        if (m === 'GET') {
          const denied = need(READ_SCOPE[type]);
          if (denied) return denied;
          if (!o) return error(404, 'OBJECT_NOT_FOUND', `No ${type} with id ${id}.`);
          const history = (req.query.get('propertiesWithHistory') ?? '').split(',').filter(Boolean);
          return { status: 200, body: { ...publicObject(type, o, wanted), ...(history.length ? { propertiesWithHistory: withHistory(type, o, history) } : {}) } };
        }
        if (m === 'PATCH') {
          const denied = need(WRITE_SCOPE[type]);
          if (denied) return denied;
          if (!o) return error(404, 'OBJECT_NOT_FOUND', `No ${type} with id ${id}.`);
          const b = asRecord(req.body);
          if (!b || !('properties' in b)) return invalidInput("Required property 'properties' is missing");
          const props = stringProps(b.properties);
          if (!props) return invalidInput('properties must be an object of strings');
          const bad = (type === 'notes' ? checkNoteProps(props, false) : null) ?? ruleRefusal(type, props, o);
          if (bad) return bad;
          if (type === 'notes' && props.hs_note_body !== undefined) props.hs_note_body = sanitiseNoteHtml(props.hs_note_body);
          Object.assign(o.properties, props);
          o.updatedAt = isoNow();
          return { status: 200, body: publicObject(type, o, Object.keys(props)) };
        }
        if (m === 'DELETE') {
          // Archive: 204 with no body.
          const denied = need(WRITE_SCOPE[type]);
          if (denied) return denied;
          if (!o) return error(404, 'OBJECT_NOT_FOUND', `No ${type} with id ${id}.`);
          removeObject(type, id);
          return { status: 204 };
        }
      }
    }
    // GET /crm/properties/2026-09/companies: CollectionResponsePropertyNoPaging (any companies scope reads it).
    if (m === 'GET' && req.path === `/crm/properties/${V}/companies`) {
      if (!state.scopes.has(READ_SCOPE.companies) && !state.scopes.has('crm.schemas.companies.read')) return missingScope('crm.schemas.companies.read');
      return { status: 200, body: { results: [...state.properties.values()].map((p) => ({ ...p, hidden: false, formField: false, displayOrder: -1 })) } };
    }
    // POST /crm/properties/2026-09/companies: one PropertyCreate → 201 Property, 409 when the name is taken.
    if (m === 'POST' && req.path === `/crm/properties/${V}/companies`) {
      const denied = need(SCHEMA_WRITE_SCOPE);
      if (denied) return denied;
      const c = checkPropertyCreate(req.body);
      if (!('def' in c)) return error(c.category === 'OBJECT_ALREADY_EXISTS' ? 409 : 400, c.category, c.message, c.name ? { context: { propertyName: [c.name] } } : {});
      state.properties.set(c.def.name, c.def);
      return { status: 201, body: publicProperty(c.def) };
    }
    if (parts[0] === 'crm' && parts[1] === 'properties' && parts[2] === V && parts[3] === 'companies' && parts.length >= 5) {
      const r = propertyRoute(m, parts.slice(4), req.body);
      if (r) return r;
    }
    // /crm/associations/2026-09/{from}/{to}/batch/read: the caller must be able to read both sides.
    if (parts[0] === 'crm' && parts[1] === 'associations' && parts[2] === V && parts.length === 7 && parts[5] === 'batch' && parts[6] === 'read' && m === 'POST') {
      const [from, to] = [parts[3]!, parts[4]!];
      if (!OBJECT_TYPES.has(from) || !OBJECT_TYPES.has(to)) return error(400, 'VALIDATION_ERROR', `Unknown object type ${from} or ${to}.`);
      return need(READ_SCOPE[from as HubspotObjectType], READ_SCOPE[to as HubspotObjectType]) ?? associationBatchRead(from as HubspotObjectType, to as HubspotObjectType, req.body);
    }
    return error(404, 'OBJECT_NOT_FOUND', `No route ${m} ${req.path} in the HubSpot mock (it answers version ${V} only).`);
  }

  const started = await serve({ port: opts.port, core: state, handle, faultBody: defaultFaultBody, commonHeaders: rateHeaders });
  return { ...started, state };
}

export type { Fault as HubspotFault };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = cliArgs(process.argv.slice(2));
  const mock = await startHubspotMock({ port: args.port, token: args.token });
  console.log(mock.url);
  console.error(`HubSpot mock: token "${mock.state.token}", portal ${mock.state.portalId}. Ctrl-C to stop.`);
}
