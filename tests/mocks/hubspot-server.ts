// A mock of the parts of HubSpot's CRM API that Sidecar calls, with an
// in-memory store, Bearer auth, scope checks and fault injection.
// Standalone: node --experimental-strip-types tests/mocks/hubspot-server.ts --port 0
import { pathToFileURL } from 'node:url';
import { bearer, cliArgs, isoNow, newCounters, serve, type Fault, type MockCore, type MockReply, type MockRequest, type StartedMock } from './shared.ts';

export type { Fault, MockRequest } from './shared.ts';

export type HubspotObjectType = 'companies' | 'contacts' | 'deals' | 'notes';

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

export interface HubspotMockOptions {
  port?: number;
  token?: string;
  portalId?: number;
  /** Granted scopes; every scope the mock knows when omitted. */
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
  /** v4 association page size (HubSpot: up to 500); make it small to test paging. */
  associationPageSize: number;
  rateLimit: { max: number; intervalMs: number; daily: number; dailyUsed: number };
  addObject(type: HubspotObjectType, properties: Record<string, string | null>): string;
  /** Associate both ways with HubSpot's paired type ids. */
  associate(fromType: HubspotObjectType, fromId: string, toType: HubspotObjectType, toId: string, typeIds: number[]): void;
  addContact(properties: Record<string, string | null>, companies: { primary?: string; others?: string[] }): string;
  addDeal(properties: Record<string, string | null>, companies: { primary?: string; others?: string[] }): string;
}

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
];

function typeSpec(from: HubspotObjectType, to: HubspotObjectType, typeId: number): { spec: AssociationTypeSpec; reverse: AssociationTypeSpec } | null {
  for (const [f, t, id, rev, label] of TYPE_PAIRS) {
    if (f === from && t === to && id === typeId) return { spec: { category: 'HUBSPOT_DEFINED', typeId: id, label }, reverse: { category: 'HUBSPOT_DEFINED', typeId: rev, label } };
    if (f === to && t === from && rev === typeId) return { spec: { category: 'HUBSPOT_DEFINED', typeId: rev, label }, reverse: { category: 'HUBSPOT_DEFINED', typeId: id, label } };
  }
  return null;
}

// The scope each object's routes need, as the mock models them.
const READ_SCOPE: Record<HubspotObjectType, string> = {
  companies: 'crm.objects.companies.read',
  contacts: 'crm.objects.contacts.read',
  deals: 'crm.objects.deals.read',
  notes: 'crm.objects.contacts.read',
};
const WRITE_SCOPE: Record<HubspotObjectType, string> = {
  companies: 'crm.objects.companies.write',
  contacts: 'crm.objects.contacts.write',
  deals: 'crm.objects.deals.write',
  notes: 'crm.objects.contacts.write',
};
const ALL_SCOPES = [...new Set([...Object.values(READ_SCOPE), ...Object.values(WRITE_SCOPE)])];
const OBJECT_TYPES = new Set<string>(['companies', 'contacts', 'deals', 'notes']);
const NOTE_MAX = 65_536;
const BATCH_MAX = 100;

const correlationId = () => `mock-${Math.random().toString(16).slice(2, 10)}`;

function error(status: number, category: string, message: string, extra: Record<string, unknown> = {}): MockReply {
  return { status, body: { status: 'error', message, correlationId: correlationId(), category, ...extra } };
}

function missingScope(scope: string): MockReply {
  return error(403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
    errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [scope] } }],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
  });
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
      return error(400, 'VALIDATION_ERROR', 'Property values were not valid', { errors: [{ message: 'Property values were not valid', context: { propertyName: ['name'] } }] }).body;
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

function readProperties(o: StoredObject, wanted: string[]): Record<string, string | null> {
  const props: Record<string, string | null> = {
    hs_object_id: o.id,
    createdate: o.properties.createdate ?? o.createdAt,
    hs_lastmodifieddate: o.properties.hs_lastmodifieddate ?? o.updatedAt,
  };
  for (const p of wanted) props[p] = o.properties[p] ?? null;
  return props;
}

function publicObject(o: StoredObject, wanted: string[]) {
  return { id: o.id, properties: readProperties(o, wanted), createdAt: o.createdAt, updatedAt: o.updatedAt, archived: false };
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

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
    objects: { companies: new Map(), contacts: new Map(), deals: new Map(), notes: new Map() },
    associations: [],
    associationPageSize: 500,
    rateLimit: { max: 190, intervalMs: 10_000, daily: 1_000_000, dailyUsed: 0 },
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

  function addAssociation(fromType: HubspotObjectType, fromId: string, toType: HubspotObjectType, toId: string, spec: AssociationTypeSpec) {
    const existing = state.associations.find((a) => a.fromType === fromType && a.fromId === fromId && a.toType === toType && a.toId === toId);
    if (existing) {
      if (!existing.types.some((t) => t.typeId === spec.typeId)) existing.types.push(spec);
    } else {
      state.associations.push({ fromType, fromId, toType, toId, types: [spec] });
    }
  }

  if (opts.seed ?? true) {
    const acme = state.addObject('companies', { name: 'Acme Corp', domain: 'acme.example', annualrevenue: '1200000', lifecyclestage: 'customer' });
    const sample = state.addObject('companies', { name: '株式会社サンプル', domain: 'sample.example.jp', annualrevenue: '30000000', lifecyclestage: 'customer' });
    state.addContact({ firstname: 'Ada', lastname: 'Lovelace', email: 'ada@acme.example' }, { primary: acme, others: [sample] });
    state.addContact({ firstname: '花子', lastname: '山田', email: 'hanako@sample.example.jp' }, { primary: sample });
    state.addDeal({ dealname: 'Acme renewal 2026', amount: '1200000' }, { primary: acme });
  }

  // A rolling 10-second window, only for the headers: throttling is a fault.
  let windowStart = Date.now();
  let windowUsed = 0;
  function rateHeaders(): Record<string, string> {
    const now = Date.now();
    if (now - windowStart >= state.rateLimit.intervalMs) {
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

  function need(scope: string): MockReply | null {
    return state.scopes.has(scope) ? null : missingScope(scope);
  }

  function batchRead(type: HubspotObjectType, body: unknown): MockReply {
    const b = asRecord(body);
    const inputs = Array.isArray(b?.inputs) ? b.inputs : null;
    const properties = Array.isArray(b?.properties) ? b.properties.filter((p): p is string => typeof p === 'string') : [];
    if (!inputs) return error(400, 'VALIDATION_ERROR', 'Invalid input JSON: inputs is required');
    if (inputs.length > BATCH_MAX) return error(400, 'VALIDATION_ERROR', `Batch input limit exceeded: ${inputs.length} > ${BATCH_MAX}`);
    const ids = inputs.map((i) => String(asRecord(i)?.id ?? ''));
    const found = ids.map((id) => state.objects[type].get(id)).filter((o): o is StoredObject => o !== undefined);
    const missing = ids.filter((id) => !state.objects[type].has(id));
    const startedAt = isoNow();
    const results = found.map((o) => publicObject(o, properties));
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
          },
        ],
        startedAt,
        completedAt: isoNow(),
      },
    };
  }

  function associationsOf(fromType: HubspotObjectType, id: string, toType: HubspotObjectType, query: URLSearchParams): MockReply {
    if (!state.objects[fromType].has(id)) return error(404, 'OBJECT_NOT_FOUND', `No ${fromType} with id ${id}.`);
    const all = state.associations.filter((a) => a.fromType === fromType && a.fromId === id && a.toType === toType);
    const limit = Math.min(Number(query.get('limit') ?? 500) || 500, state.associationPageSize);
    const start = Number(query.get('after') ?? 0) || 0;
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : undefined;
    return {
      status: 200,
      body: {
        results: page.map((a) => ({ toObjectId: Number(a.toId), associationTypes: a.types })),
        ...(next ? { paging: { next: { after: next, link: `/crm/v4/objects/${fromType}/${id}/associations/${toType}?after=${next}` } } } : {}),
      },
    };
  }

  function createNote(body: unknown): MockReply {
    const b = asRecord(body);
    const props = stringProps(b?.properties);
    if (!props) return error(400, 'VALIDATION_ERROR', 'Invalid input JSON: properties must be an object of strings');
    const bad = checkNoteProps(props, true);
    if (bad) return bad;
    const assocs = Array.isArray(b?.associations) ? b.associations : [];
    const links: Array<{ toType: HubspotObjectType; toId: string; typeId: number }> = [];
    for (const a of assocs) {
      const to = String(asRecord(asRecord(a)?.to)?.id ?? '');
      const types = asRecord(a)?.types;
      for (const t of Array.isArray(types) ? types : []) {
        const typeId = Number(asRecord(t)?.associationTypeId);
        const target = TYPE_PAIRS.find(([f, , id]) => f === 'notes' && id === typeId);
        if (!target || asRecord(t)?.associationCategory !== 'HUBSPOT_DEFINED') return error(400, 'VALIDATION_ERROR', `Invalid association type ${typeId} for notes.`);
        if (!state.objects[target[1]].has(to)) return error(400, 'VALIDATION_ERROR', `One or more associations are invalid: ${target[1]} ${to} does not exist.`);
        links.push({ toType: target[1], toId: to, typeId });
      }
    }
    const id = state.addObject('notes', { ...props, hs_note_body: sanitiseNoteHtml(props.hs_note_body!) });
    for (const l of links) state.associate('notes', id, l.toType, l.toId, [l.typeId]);
    return { status: 201, body: publicObject(state.objects.notes.get(id)!, Object.keys(props)) };
  }

  function checkNoteProps(props: Record<string, string>, creating: boolean): MockReply | null {
    if (creating && !props.hs_timestamp) {
      return error(400, 'VALIDATION_ERROR', 'Property values were not valid: hs_timestamp is required', { errors: [{ message: 'hs_timestamp is required', context: { propertyName: ['hs_timestamp'] } }] });
    }
    const note = props.hs_note_body;
    if (note !== undefined && note.length > NOTE_MAX) {
      return error(400, 'VALIDATION_ERROR', `Property values were not valid: hs_note_body is longer than ${NOTE_MAX} characters`, {
        errors: [{ message: `Property "hs_note_body" value is too long`, context: { propertyName: ['hs_note_body'] } }],
      });
    }
    return null;
  }

  function handle(req: MockRequest): MockReply {
    if (bearer(req) !== state.token) return error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.');
    const parts = req.path.split('/').filter(Boolean);
    const m = req.method;
    if (m === 'GET' && req.path === '/account-info/v3/details') {
      return { status: 200, body: { portalId: state.portalId, accountType: 'STANDARD', timeZone: 'Asia/Tokyo', companyCurrency: 'JPY', additionalCurrencies: [], utcOffset: '+09:00', utcOffsetMilliseconds: 32_400_000, uiDomain: 'app.hubspot.com', dataHostingLocation: 'na1' } };
    }
    // /crm/v3/objects/{type}[/{id}|/batch/read]
    if (parts[0] === 'crm' && parts[1] === 'v3' && parts[2] === 'objects' && parts[3] && OBJECT_TYPES.has(parts[3])) {
      const type = parts[3] as HubspotObjectType;
      const wanted = (req.query.get('properties') ?? '').split(',').filter(Boolean);
      if (parts.length === 4 && m === 'GET') {
        const denied = need(READ_SCOPE[type]);
        if (denied) return denied;
        const limit = Math.min(Number(req.query.get('limit') ?? 10) || 10, 100);
        const all = [...state.objects[type].values()];
        const start = Number(req.query.get('after') ?? 0) || 0;
        const next = start + limit < all.length ? String(start + limit) : undefined;
        return { status: 200, body: { results: all.slice(start, start + limit).map((o) => publicObject(o, wanted)), ...(next ? { paging: { next: { after: next } } } : {}) } };
      }
      if (parts.length === 4 && m === 'POST' && type === 'notes') return need(WRITE_SCOPE.notes) ?? createNote(req.body);
      if (parts.length === 6 && parts[4] === 'batch' && parts[5] === 'read' && m === 'POST') return need(READ_SCOPE[type]) ?? batchRead(type, req.body);
      if (parts.length === 5) {
        const id = parts[4]!;
        const o = state.objects[type].get(id);
        if (m === 'GET') {
          const denied = need(READ_SCOPE[type]);
          if (denied) return denied;
          return o ? { status: 200, body: publicObject(o, wanted) } : error(404, 'OBJECT_NOT_FOUND', `No ${type} with id ${id}.`);
        }
        if (m === 'PATCH') {
          const denied = need(WRITE_SCOPE[type]);
          if (denied) return denied;
          if (!o) return error(404, 'OBJECT_NOT_FOUND', `No ${type} with id ${id}.`);
          const props = stringProps(asRecord(req.body)?.properties);
          if (!props) return error(400, 'VALIDATION_ERROR', 'Invalid input JSON: properties must be an object of strings');
          const bad = type === 'notes' ? checkNoteProps(props, false) : null;
          if (bad) return bad;
          if (type === 'notes' && props.hs_note_body !== undefined) props.hs_note_body = sanitiseNoteHtml(props.hs_note_body);
          Object.assign(o.properties, props);
          o.updatedAt = isoNow();
          return { status: 200, body: publicObject(o, Object.keys(props)) };
        }
      }
    }
    // /crm/v4/objects/{from}/{id}/associations/{to}
    if (parts[0] === 'crm' && parts[1] === 'v4' && parts[2] === 'objects' && parts[5] === 'associations' && parts.length === 7 && m === 'GET') {
      const [from, id, to] = [parts[3]!, parts[4]!, parts[6]!];
      if (!OBJECT_TYPES.has(from) || !OBJECT_TYPES.has(to)) return error(400, 'VALIDATION_ERROR', `Unknown object type ${from} or ${to}.`);
      const denied = need(READ_SCOPE[from as HubspotObjectType]);
      if (denied) return denied;
      return associationsOf(from as HubspotObjectType, id, to as HubspotObjectType, req.query);
    }
    return error(404, 'OBJECT_NOT_FOUND', `No route ${m} ${req.path} in the HubSpot mock.`);
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
