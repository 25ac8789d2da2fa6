// A mock of the parts of the Salesforce REST API that Sidecar calls: sobject
// reads and writes, SOQL with paging, the OAuth token endpoint with PKCE and
// refresh-token rotation, token revocation, an in-memory org, Bearer auth and
// fault injection.
// Standalone: node --experimental-strip-types tests/mocks/salesforce-server.ts --port 0
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { toId18 } from '../../lib/crm/salesforce-id.ts';
import { bearer, cliArgs, isoNow, newCounters, serve, type MockCore, type MockReply, type MockRequest, type StartedMock } from './shared.ts';
import { compares, likeToRegExp, parseSoql, SoqlError, type SoqlCondition, type SoqlQuery, type SoqlValue } from './soql.ts';

export type { Fault, MockRequest } from './shared.ts';

export type SObjectType = 'Account' | 'AccountHistory' | 'Case' | 'ContentNote' | 'ContentDocumentLink' | 'Task' | 'User' | 'Contact' | 'AccountContactRelation' | 'PermissionSet' | 'FieldPermissions' | 'PermissionSetAssignment';
export type SRecord = Record<string, SoqlValue> & { Id: string };

export interface SalesforceMockOptions {
  port?: number;
  /** The session id / access token the mock accepts. */
  token?: string;
  apiVersion?: string;
  seed?: boolean;
  /** The signed-in user's name and e-mail (userinfo, CreatedById of what the API creates). */
  user?: { Name: string; Email: string };
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
}

export interface SalesforceMockState extends MockCore {
  /** Tokens the API accepts; the first is the `sid` of the signed-in user. */
  tokens: Set<string>;
  records: Record<SObjectType, Map<string, SRecord>>;
  /** Rows per query page (Salesforce: 2,000); make it small to test nextRecordsUrl. */
  queryBatchSize: number;
  apiUsage: { used: number; max: number };
  codes: Map<string, AuthCode>;
  /** Live refresh tokens. */
  refreshTokens: Set<string>;
  /**
   * The External Client App's "Enable Refresh Token Rotation": each refresh answer
   * carries a new refresh token and the one sent is spent (a second use is invalid_grant).
   */
  rotateRefreshTokens: boolean;
  /** What the token endpoint answers as instance_url; the mock's own URL unless set. */
  instanceUrl: string;
  /** Every token /services/oauth2/revoke revoked, in order. */
  revoked: string[];
  /** The org's session timeout passes: every access token the token endpoint issued stops working. */
  expireAccessTokens(): void;
  /** Insert a record; returns its 18-character id. */
  insert(type: SObjectType, fields: Record<string, SoqlValue>): string;
  /** What the authorize page would do after sign-in: remember the challenge, return a code. */
  issueCode(code: AuthCode): string;
  /** The decoded HTML of a ContentNote. */
  noteContent(id: string): string | null;
  /** False for an org without enhanced Notes: ContentNote and ContentDocumentLink do not exist there. */
  contentNotes: boolean;
  /**
   * Refuse every ContentDocumentLink insert with this error (some orgs refuse
   * ShareType "I" for notes), as a plain request or a Composite subrequest.
   */
  refuseLinks: { errorCode: string; message: string } | null;
  /** The User the tokens belong to: userinfo answers with it, and records the API creates get it as CreatedById. */
  currentUserId: string;
  /** Sessions of other users of the org (two CSMs in two browsers): a token here acts as its User. */
  sessions: Map<string, string>;
  /** False: /services/oauth2/userinfo refuses the token (403), as for an app granted only `api`; chatter/users/me still answers. */
  userinfo: boolean;
  /** Orgs without Contacts to Multiple Accounts have no AccountContactRelation (INVALID_TYPE). */
  contactRelations: boolean;
  /**
   * The Account's fields as describe lists them: the standard ones the mock knows and the custom
   * fields a test defines. sObject Collections refuses a field not here (INVALID_FIELD).
   */
  accountFields: Map<string, { type: string; updateable: boolean; length?: number; precision?: number; scale?: number; fls?: boolean }>;
  /**
   * The connected user has "Customize Application" (Tooling API CustomField create) and may manage
   * permission sets. False: those requests are refused with INSUFFICIENT_ACCESS_OR_READONLY.
   */
  canCustomize: boolean;
  /** The connected user has "View Setup and Configuration" (Tooling API queries, FieldPermissions). */
  canViewSetup: boolean;
  /** Tooling API CustomField creates, as received (FullName and Metadata). */
  toolingCreates: Array<{ FullName: string; Metadata: Record<string, unknown> }>;
  /** A test's own refusal of one record of an sObject Collections update (a validation rule, a lock, no access). */
  refuseRecord: ((id: string, fields: Record<string, SoqlValue>) => { statusCode: string; message: string; fields?: string[] } | null) | null;
  /** With true, a request past `apiUsage.max` is refused 403 REQUEST_LIMIT_EXCEEDED, as the org's daily limit is. */
  enforceApiLimit: boolean;
  /** Records per sObject Collections request, as received. */
  collectionSizes: number[];
  /** A Contact on `accountId` (its direct account, with the direct relation) related also to `others`. */
  addContact(fields: Record<string, SoqlValue>, accountId: string, others?: string[]): string;
}

export interface SalesforceMock extends StartedMock {
  state: SalesforceMockState;
}

// AccountHistory rows (AccountId, Field, OldValue, NewValue, CreatedDate) stand for field history tracking: a test inserts them.
const KEY_PREFIX: Record<SObjectType, string> = { Account: '001', AccountHistory: '017', Case: '500', ContentNote: '069', ContentDocumentLink: '06A', Task: '00T', User: '005', Contact: '003', AccountContactRelation: '07k', PermissionSet: '0PS', FieldPermissions: '01k', PermissionSetAssignment: '0Pa' };
// Setup objects: writing them needs "Customize Application" / permission-set management; reading them "View Setup".
const SETUP_TYPES = new Set<string>(['PermissionSet', 'FieldPermissions', 'PermissionSetAssignment']);
// Metadata API field types → the describe's type words.
const DESCRIBE_TYPE: Record<string, string> = { Number: 'double', Text: 'string', DateTime: 'datetime', Date: 'date', Checkbox: 'boolean', LongTextArea: 'textarea' };
// Relationship names → the id field that holds them and the type they point to.
const RELATIONS: Record<string, [idField: string, type: SObjectType]> = {
  Owner: ['OwnerId', 'User'],
  CreatedBy: ['CreatedById', 'User'],
  Contact: ['ContactId', 'Contact'],
  Account: ['AccountId', 'Account'],
};
// Record types that carry an owner (OwnerId defaults to the signed-in user on insert).
const OWNED = new Set<SObjectType>(['Account', 'Case', 'ContentNote', 'Task', 'Contact']);
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// Long text areas: SOQL can select them but not filter on them.
const UNFILTERABLE = new Set(['Task.Description', 'ContentNote.Content']);
// Types an org without enhanced Notes lacks.
const NOTE_TYPES = new Set(['ContentNote', 'ContentDocumentLink']);
// ContentNote Content accepts escaped text and a few tags only.
const NOTE_TAGS = new Set(['p', 'br', 'b', 'i', 'u', 'strike', 'ul', 'ol', 'li']);

function sfErrors(status: number, errorCode: string, message: string, fields: string[] = []): MockReply {
  return { status, body: [{ message, errorCode, fields }] };
}

function defaultFaultBody(status: number): unknown {
  switch (status) {
    case 400:
      return [{ message: 'Required fields are missing: [Title]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Title'] }];
    case 401:
      return [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
    case 403:
      return [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }];
    case 404:
      return [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
    default:
      return [{ message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567-890 (-1234567)', errorCode: 'UNKNOWN_EXCEPTION' }];
  }
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" })[e]!);
}

/** Why Salesforce would refuse this ContentNote HTML, or null. */
function noteContentProblem(html: string): string | null {
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)[^>]*>/g)) {
    if (!NOTE_TAGS.has(m[1]!.toLowerCase())) return `tag <${m[1]}>`;
  }
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/.test(html)) return 'unescaped &';
  return null;
}

function textPreview(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>|<\/p>/gi, '\n').replace(/<[^>]+>/g, '')).trim().slice(0, 255);
}

export async function startSalesforceMock(opts: SalesforceMockOptions = {}): Promise<SalesforceMock> {
  const version = opts.apiVersion ?? 'v67.0';
  const counters: Record<string, number> = {};
  const cursors = new Map<string, { type: string; rows: Array<Record<string, unknown>>; next: number }>();
  let url = '';
  // One grant per sign-in: its client, its current refresh token and the access tokens issued
  // under it (revoking the refresh token revokes those too). Keyed by grant id.
  interface Grant {
    clientId: string;
    refreshToken: string;
    accessTokens: Set<string>;
  }
  const grants = new Map<number, Grant>();
  let grantIds = 0;
  const grantOf = (refreshToken: string) => [...grants.values()].find((g) => g.refreshToken === refreshToken && state.refreshTokens.has(refreshToken));

  function newId(type: SObjectType): string {
    const n = (counters[type] = (counters[type] ?? 0) + 1);
    let tail = '';
    for (let v = n + 1_000; v > 0; v = Math.floor(v / 62)) tail = ALPHABET[v % 62] + tail;
    return toId18(`${KEY_PREFIX[type]}D0${tail.padStart(10, '0')}`)!;
  }

  const state: SalesforceMockState = {
    tokens: new Set([opts.token ?? 'salesforce-test-session']),
    records: { Account: new Map(), AccountHistory: new Map(), Case: new Map(), ContentNote: new Map(), ContentDocumentLink: new Map(), Task: new Map(), User: new Map(), Contact: new Map(), AccountContactRelation: new Map(), PermissionSet: new Map(), FieldPermissions: new Map(), PermissionSetAssignment: new Map() },
    canCustomize: true,
    canViewSetup: true,
    toolingCreates: [],
    currentUserId: '',
    sessions: new Map(),
    userinfo: true,
    contactRelations: true,
    addContact(fields, accountId, others = []) {
      const id = state.insert('Contact', { ...fields, AccountId: accountId });
      state.insert('AccountContactRelation', { AccountId: toId18(accountId), ContactId: id, IsDirect: true, IsActive: true, Roles: null });
      for (const other of others) state.insert('AccountContactRelation', { AccountId: toId18(other), ContactId: id, IsDirect: false, IsActive: true, Roles: null });
      return id;
    },
    accountFields: new Map([
      ['Id', { type: 'id', updateable: false }],
      ['Name', { type: 'string', updateable: true, length: 255 }],
      ['Type', { type: 'picklist', updateable: true, length: 255 }],
      ['OwnerId', { type: 'reference', updateable: true }],
      ['Website', { type: 'url', updateable: true, length: 255 }],
      ['AnnualRevenue', { type: 'currency', updateable: true }],
      ['Industry', { type: 'picklist', updateable: true, length: 255 }],
    ]),
    refuseRecord: null,
    enforceApiLimit: false,
    collectionSizes: [],
    queryBatchSize: 2_000,
    apiUsage: { used: 0, max: 15_000 },
    codes: new Map(),
    refreshTokens: new Set(),
    rotateRefreshTokens: false,
    instanceUrl: '',
    revoked: [],
    expireAccessTokens() {
      for (const grant of grants.values()) {
        for (const t of grant.accessTokens) state.tokens.delete(t);
        grant.accessTokens.clear();
      }
    },
    faults: [],
    requests: newCounters(),
    contentNotes: true,
    refuseLinks: null,
    insert(type, fields) {
      const given = typeof fields.Id === 'string' ? toId18(fields.Id) : null;
      const id = given ?? newId(type);
      const now = isoNow().replace('Z', '+0000');
      const by = state.currentUserId || null;
      state.records[type].set(id, { CreatedDate: now, LastModifiedDate: now, SystemModstamp: now, CreatedById: by, ...(OWNED.has(type) ? { OwnerId: by } : {}), ...fields, Id: id });
      return id;
    },
    issueCode(code) {
      const c = `aPrx${Math.random().toString(36).slice(2, 14)}`;
      state.codes.set(c, code);
      return c;
    },
    noteContent(id) {
      const n = state.records.ContentNote.get(toId18(id) ?? '');
      return n && typeof n.Content === 'string' ? Buffer.from(n.Content, 'base64').toString('utf8') : null;
    },
  };

  state.currentUserId = state.insert('User', { Name: opts.user?.Name ?? 'Mock User', Email: opts.user?.Email ?? 'mock.user@example.com', IsActive: true });

  if (opts.seed ?? true) {
    // The id Salesforce's own docs use for 15 → 18.
    const acme = state.insert('Account', { Id: '001D000000IRFma', Name: 'Acme Corp', Website: 'https://acme.example', AnnualRevenue: 1_200_000, Industry: 'Manufacturing' });
    state.insert('Account', { Name: '株式会社サンプル', Website: 'https://sample.example.jp', AnnualRevenue: 30_000_000, Industry: 'Technology' });
    state.insert('Account', { Name: "O'Reilly & Sons", Website: null, AnnualRevenue: null, Industry: null });
    state.insert('Case', { AccountId: acme, Subject: 'Cannot send invoices', IsClosed: false, Status: 'New' });
    state.insert('Case', { AccountId: acme, Subject: 'Login issue', IsClosed: false, Status: 'Working' });
    state.insert('Case', { AccountId: acme, Subject: 'Old question', IsClosed: true, Status: 'Closed' });
    state.addContact({ FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@acme.example', Title: 'CFO', LastActivityDate: '2026-10-01' }, acme);
  }

  // --- SOQL -----------------------------------------------------------------

  function lookup(type: string, row: SRecord, path: string): SoqlValue | undefined {
    const [head, ...rest] = path.split('.');
    if (!rest.length) return row[head!];
    if (type === 'ContentDocumentLink' && head === 'ContentDocument') {
      const doc = state.records.ContentNote.get(String(row.ContentDocumentId));
      return doc ? lookup('ContentNote', doc, rest.join('.')) : null;
    }
    const rel = RELATIONS[head!];
    if (rel) {
      const target = typeof row[rel[0]] === 'string' ? state.records[rel[1]].get(toId18(String(row[rel[0]])) ?? '') : undefined;
      return target ? lookup(rel[1], target, rest.join('.')) : null;
    }
    return undefined;
  }

  function equal(a: SoqlValue | undefined, b: SoqlValue): boolean {
    if (typeof a === 'string' && typeof b === 'string') {
      const ia = toId18(a);
      const ib = toId18(b);
      if (ia && ib) return ia === ib;
      return a.toLowerCase() === b.toLowerCase();
    }
    return (a ?? null) === b;
  }

  function test(type: string, row: SRecord, c: SoqlCondition): boolean {
    const v = lookup(type, row, c.field);
    switch (c.op) {
      case '=':
        return equal(v, c.value as SoqlValue);
      case '!=':
        return !equal(v, c.value as SoqlValue);
      case 'IN':
        return (c.value as SoqlValue[]).some((x) => equal(v, x));
      case 'LIKE':
        return typeof v === 'string' && typeof c.value === 'string' && likeToRegExp(c.value).test(v);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return compares(v, c.op, c.value as SoqlValue);
    }
  }

  function shape(type: string, row: SRecord, fields: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = { attributes: { type, url: `/services/data/${version}/sobjects/${type}/${row.Id}` } };
    for (const f of fields) {
      const parts = f.split('.');
      if (parts.length === 1) {
        out[f] = row[f] ?? null;
        continue;
      }
      const rel = parts[0]!;
      const relType = rel === 'ContentDocument' ? 'ContentDocument' : (RELATIONS[rel]?.[1] ?? rel);
      const nested = (asRecord(out[rel]) ?? { attributes: { type: relType } }) as Record<string, unknown>;
      nested[parts.slice(1).join('.')] = lookup(type, row, f) ?? null;
      out[rel] = nested;
    }
    return out;
  }

  function runQuery(q: SoqlQuery): { totalSize: number; rows: Array<Record<string, unknown>> } {
    if (!(q.from in state.records) || (!state.contentNotes && NOTE_TYPES.has(q.from)) || (!state.contactRelations && q.from === 'AccountContactRelation')) throw new SoqlError('INVALID_TYPE', `sObject type '${q.from}' is not supported.`);
    const type = q.from as SObjectType;
    if (SETUP_TYPES.has(type) && !state.canViewSetup) throw new SoqlError('INSUFFICIENT_ACCESS', `sObject type '${type}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`);
    for (const c of q.where) {
      if (UNFILTERABLE.has(`${type}.${c.field}`)) throw new SoqlError('INVALID_FIELD', `field '${c.field}' can not be filtered in a query call`);
    }
    if (type === 'ContentDocumentLink' && !q.where.some((c) => (c.field === 'LinkedEntityId' || c.field === 'ContentDocumentId') && (c.op === '=' || c.op === 'IN'))) {
      throw new SoqlError(
        'MALFORMED_QUERY',
        'Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id\'s using the IN operator.',
      );
    }
    let rows = [...state.records[type].values()].filter((r) => q.where.every((c) => test(type, r, c)));
    if (q.orderBy) {
      const { field, desc } = q.orderBy;
      rows.sort((a, b) => String(lookup(type, a, field) ?? '').localeCompare(String(lookup(type, b, field) ?? '')) * (desc ? -1 : 1));
    }
    if (q.limit !== undefined) rows = rows.slice(0, q.limit);
    if (q.count) return { totalSize: rows.length, rows: [] };
    return { totalSize: rows.length, rows: rows.map((r) => shape(type, r, q.fields)) };
  }

  function page(locator: string, rows: Array<Record<string, unknown>>, start: number, totalSize: number): MockReply {
    const end = start + state.queryBatchSize;
    const done = end >= rows.length;
    if (!done) cursors.set(locator, { type: '', rows, next: end });
    else cursors.delete(locator);
    return {
      status: 200,
      body: { totalSize, done, ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/query/${locator}-${end}` }), records: rows.slice(start, end) },
    };
  }

  function query(soql: string | null): MockReply {
    if (!soql) return sfErrors(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    try {
      const { totalSize, rows } = runQuery(parseSoql(soql));
      return page(`01gD0000000${Math.random().toString(36).slice(2, 6).toUpperCase()}`, rows, 0, totalSize);
    } catch (e) {
      if (e instanceof SoqlError) return sfErrors(400, e.errorCode, `\n${soql}\n^\nERROR at Row:1:Column:1\n${e.message}`);
      throw e;
    }
  }

  // --- sobjects ---------------------------------------------------------------

  function readRecord(type: SObjectType, rawId: string, fieldsParam: string | null): MockReply {
    const id = toId18(rawId);
    const row = id ? state.records[type].get(id) : undefined;
    if (!row) return sfErrors(404, 'NOT_FOUND', 'The requested resource does not exist');
    const fields = fieldsParam ? fieldsParam.split(',').map((f) => f.trim()).filter(Boolean) : Object.keys(row);
    // A field the describe lists exists even where every record leaves it empty (a real org answers null).
    const known = new Set([...state.records[type].values()].flatMap((r) => Object.keys(r)));
    if (type === 'Account') for (const name of state.accountFields.keys()) known.add(name);
    const unknown = fields.find((f) => !known.has(f));
    if (unknown) return sfErrors(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${type}`);
    return { status: 200, body: shape(type, row, fields.includes('Id') ? fields : ['Id', ...fields]) };
  }

  function created(id: string): MockReply {
    return { status: 201, body: { id, success: true, errors: [] } };
  }

  function createRecord(type: SObjectType, body: unknown): MockReply {
    const b = asRecord(body);
    if (!b) return sfErrors(400, 'JSON_PARSER_ERROR', 'The request body is not a JSON object');
    const fields: Record<string, SoqlValue> = {};
    for (const [k, v] of Object.entries(b)) {
      if (v !== null && typeof v === 'object') return sfErrors(400, 'JSON_PARSER_ERROR', `Cannot deserialize ${k}`);
      fields[k] = v as SoqlValue;
    }
    if (type === 'ContentNote') {
      const bad = checkNote(fields);
      if (bad) return bad;
      if (typeof fields.Title !== 'string' || !fields.Title) return sfErrors(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Title]', ['Title']);
      const html = Buffer.from(String(fields.Content ?? ''), 'base64').toString('utf8');
      return created(state.insert('ContentNote', { ...fields, FileType: 'SNOTE', TextPreview: textPreview(html) }));
    }
    if (type === 'ContentDocumentLink') {
      if (state.refuseLinks) return sfErrors(400, state.refuseLinks.errorCode, state.refuseLinks.message, ['ShareType']);
      const doc = toId18(String(fields.ContentDocumentId ?? ''));
      const entity = toId18(String(fields.LinkedEntityId ?? ''));
      if (!doc || !state.records.ContentNote.has(doc)) return sfErrors(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['ContentDocumentId']);
      if (!entity || !state.records.Account.has(entity)) return sfErrors(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['LinkedEntityId']);
      if ([...state.records.ContentDocumentLink.values()].some((l) => l.ContentDocumentId === doc && l.LinkedEntityId === entity)) {
        return sfErrors(400, 'DUPLICATE_VALUE', 'duplicate value found: the document is already linked to this entity', ['LinkedEntityId']);
      }
      return created(state.insert('ContentDocumentLink', { ...fields, ContentDocumentId: doc, LinkedEntityId: entity, ShareType: fields.ShareType ?? 'V' }));
    }
    if (type === 'Task') {
      const bad = checkTask(fields);
      if (bad) return bad;
      const what = fields.WhatId == null ? null : toId18(String(fields.WhatId));
      if (fields.WhatId != null && (!what || !state.records.Account.has(what))) return sfErrors(400, 'FIELD_INTEGRITY_EXCEPTION', 'Related To ID: id value of incorrect type', ['WhatId']);
      return created(state.insert('Task', { Status: 'Not Started', ...fields, WhatId: what }));
    }
    if (SETUP_TYPES.has(type)) return createSetupRecord(type, fields);
    return sfErrors(400, 'INVALID_TYPE', `The mock cannot create ${type}`);
  }

  const noSetupAccess = () => sfErrors(400, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');

  /** PermissionSet (unique Name), FieldPermissions (an existing Account field, once per set), PermissionSetAssignment (once per user and set). */
  function createSetupRecord(type: SObjectType, fields: Record<string, SoqlValue>): MockReply {
    if (!state.canCustomize) return noSetupAccess();
    const all = [...state.records[type].values()];
    if (type === 'PermissionSet') {
      if (typeof fields.Name !== 'string' || typeof fields.Label !== 'string') return sfErrors(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name, Label]', ['Name', 'Label']);
      if (all.some((r) => r.Name === fields.Name)) return sfErrors(400, 'DUPLICATE_VALUE', `duplicate value found: Name duplicates value on record`, ['Name']);
      return created(state.insert(type, fields));
    }
    if (type === 'FieldPermissions') {
      const parent = toId18(String(fields.ParentId ?? ''));
      if (!parent || !state.records.PermissionSet.has(parent)) return sfErrors(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['ParentId']);
      const field = String(fields.Field ?? '');
      if (fields.SobjectType !== 'Account' || !field.startsWith('Account.') || !state.accountFields.has(field.slice(8))) return sfErrors(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `bad value for restricted picklist field: ${field}`, ['Field']);
      if (fields.PermissionsEdit === true && fields.PermissionsRead !== true) return sfErrors(400, 'FIELD_INTEGRITY_EXCEPTION', 'Edit requires Read', ['PermissionsRead']);
      if (all.some((r) => r.ParentId === parent && r.Field === field)) return sfErrors(400, 'DUPLICATE_VALUE', 'duplicate value found: duplicates value on record', ['Field']);
      return created(state.insert(type, { ...fields, ParentId: parent, PermissionsRead: fields.PermissionsRead === true, PermissionsEdit: fields.PermissionsEdit === true }));
    }
    const assignee = toId18(String(fields.AssigneeId ?? ''));
    const set = toId18(String(fields.PermissionSetId ?? ''));
    if (!assignee || !state.records.User.has(assignee)) return sfErrors(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['AssigneeId']);
    if (!set || !state.records.PermissionSet.has(set)) return sfErrors(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['PermissionSetId']);
    if (all.some((r) => r.AssigneeId === assignee && r.PermissionSetId === set)) return sfErrors(400, 'DUPLICATE_VALUE', 'duplicate value found: Assignee duplicates value on record', ['AssigneeId']);
    return created(state.insert(type, { AssigneeId: assignee, PermissionSetId: set }));
  }

  /** POST /composite/sobjects: create up to 200 records, one SaveResult each (allOrNone false). */
  function collectionCreate(body: unknown): MockReply {
    const b = asRecord(body);
    const records = b && Array.isArray(b.records) ? (b.records as unknown[]) : null;
    if (!b || !records) return sfErrors(400, 'JSON_PARSER_ERROR', 'records is required');
    if (records.length > 200) return sfErrors(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
    const results = records.map((raw) => {
      const r = asRecord(raw);
      const type = asRecord(r?.attributes)?.type;
      if (!r || typeof type !== 'string' || !(type in state.records)) return { success: false, errors: [{ statusCode: 'INVALID_TYPE', message: 'attributes.type is required', fields: [] }] };
      const { attributes: _a, ...fields } = r;
      const reply = createRecord(type as SObjectType, fields);
      if (reply.status < 300) return { id: (reply.body as { id: string }).id, success: true, errors: [] };
      return { success: false, errors: (reply.body as Array<{ errorCode: string; message: string; fields?: string[] }>).map((e) => ({ statusCode: e.errorCode, message: e.message, fields: e.fields ?? [] })) };
    });
    return { status: 200, body: results };
  }

  /** POST /tooling/sobjects/CustomField {FullName: 'Account.X__c', Metadata}: the field, invisible until a permission set grants it. */
  function toolingCreateField(body: unknown): MockReply {
    if (!state.canCustomize) return noSetupAccess();
    const b = asRecord(body);
    const meta = asRecord(b?.Metadata);
    if (!b || typeof b.FullName !== 'string' || !meta) return sfErrors(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [FullName, Metadata]', ['FullName', 'Metadata']);
    const m = /^Account\.([A-Za-z][A-Za-z0-9_]{0,39})__c$/.exec(b.FullName);
    if (!m || m[1]!.includes('__') || m[1]!.endsWith('_')) return sfErrors(400, 'INVALID_FIELD', `Invalid FullName ${b.FullName}`, ['FullName']);
    const type = DESCRIBE_TYPE[String(meta.type)];
    if (!type || typeof meta.label !== 'string' || !meta.label) return sfErrors(400, 'FIELD_INTEGRITY_EXCEPTION', 'Metadata needs a label and a supported type', ['Metadata']);
    if (meta.type === 'Number' && (typeof meta.precision !== 'number' || typeof meta.scale !== 'number')) return sfErrors(400, 'FIELD_INTEGRITY_EXCEPTION', 'Number fields need precision and scale', ['Metadata']);
    if (meta.type === 'Text' && (typeof meta.length !== 'number' || meta.length < 1 || meta.length > 255)) return sfErrors(400, 'FIELD_INTEGRITY_EXCEPTION', 'Text fields need a length of 1 to 255', ['Metadata']);
    const name = `${m[1]}__c`;
    if (state.accountFields.has(name)) return sfErrors(400, 'DUPLICATE_DEVELOPER_NAME', `There's already a field named ${m[1]} on Account.`, ['FullName']);
    state.toolingCreates.push({ FullName: b.FullName, Metadata: meta });
    state.accountFields.set(name, { type, updateable: true, fls: true, ...(typeof meta.length === 'number' ? { length: meta.length } : {}), ...(typeof meta.precision === 'number' ? { precision: meta.precision, scale: Number(meta.scale) } : {}) });
    return { status: 201, body: { id: `00N${String(state.toolingCreates.length).padStart(12, '0')}`, success: true, errors: [], warnings: [], infos: [] } };
  }

  /** GET /tooling/query?q=SELECT DeveloperName FROM CustomField WHERE TableEnumOrId = 'Account': the org's custom Account fields, visible or not. */
  function toolingQuery(soql: string | null): MockReply {
    if (!state.canViewSetup) return noSetupAccess();
    if (!soql || !/^SELECT\s+DeveloperName\s+FROM\s+CustomField\s+WHERE\s+TableEnumOrId\s*=\s*'Account'$/i.test(soql.trim())) return sfErrors(400, 'MALFORMED_QUERY', 'The mock answers one Tooling query: custom fields of Account');
    const records = [...state.accountFields.keys()].filter((n) => n.endsWith('__c')).map((n) => ({ attributes: { type: 'CustomField' }, DeveloperName: n.slice(0, -3) }));
    return { status: 200, body: { size: records.length, totalSize: records.length, done: true, records, entityTypeName: 'CustomField' } };
  }

  function checkNote(fields: Record<string, SoqlValue>): MockReply | null {
    if (fields.Content === undefined) return null;
    const html = Buffer.from(String(fields.Content), 'base64').toString('utf8');
    const problem = noteContentProblem(html);
    return problem
      ? sfErrors(400, 'FIELD_INTEGRITY_EXCEPTION', `Note can't be saved because it contains HTML tags or unescaped characters that are not allowed in a Note (${problem}).`, ['Content'])
      : null;
  }

  function checkTask(fields: Record<string, SoqlValue>): MockReply | null {
    if (typeof fields.Subject === 'string' && fields.Subject.length > 255) return sfErrors(400, 'STRING_TOO_LONG', 'Subject: data value too large', ['Subject']);
    if (typeof fields.Description === 'string' && fields.Description.length > 32_000) return sfErrors(400, 'STRING_TOO_LONG', 'Comments: data value too large', ['Description']);
    return null;
  }

  function updateRecord(type: SObjectType, rawId: string, body: unknown): MockReply {
    const id = toId18(rawId);
    const row = id ? state.records[type].get(id) : undefined;
    if (!row) return sfErrors(404, 'NOT_FOUND', 'The requested resource does not exist');
    const b = asRecord(body);
    if (!b) return sfErrors(400, 'JSON_PARSER_ERROR', 'The request body is not a JSON object');
    const fields = b as Record<string, SoqlValue>;
    const bad = type === 'ContentNote' ? checkNote(fields) : type === 'Task' ? checkTask(fields) : null;
    if (bad) return bad;
    Object.assign(row, fields, { LastModifiedDate: isoNow().replace('Z', '+0000'), SystemModstamp: isoNow().replace('Z', '+0000') });
    if (type === 'ContentNote' && typeof fields.Content === 'string') row.TextPreview = textPreview(Buffer.from(fields.Content, 'base64').toString('utf8'));
    return { status: 204 };
  }

  function deleteRecord(type: SObjectType, rawId: string): MockReply {
    const id = toId18(rawId);
    if (!id || !state.records[type].delete(id)) return sfErrors(404, 'ENTITY_IS_DELETED', 'entity is deleted');
    if (type === 'ContentNote') for (const [k, l] of state.records.ContentDocumentLink) if (l.ContentDocumentId === id) state.records.ContentDocumentLink.delete(k);
    return { status: 204 };
  }

  /**
   * POST /composite as the REST API Developer Guide describes it: subrequests
   * in order, `@{ref.id}` references, and with allOrNone every write rolled
   * back when one fails (the others answer 400 PROCESSING_HALTED). The call
   * itself answers 200 either way.
   */
  function composite(body: unknown): MockReply {
    const b = asRecord(body);
    const list = b && Array.isArray(b.compositeRequest) ? (b.compositeRequest as unknown[]) : null;
    if (!b || !list) return sfErrors(400, 'JSON_PARSER_ERROR', 'compositeRequest is required');
    if (list.length > 25) return sfErrors(400, 'LIMIT_EXCEEDED', 'Maximum 25 subrequests');
    const allOrNone = b.allOrNone === true;
    const refs = new Map<string, string>();
    const created: Array<[SObjectType, string]> = [];
    const out: Array<{ body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }> = [];
    let failed = false;
    for (const raw of list) {
      const sub = asRecord(raw);
      const referenceId = sub && typeof sub.referenceId === 'string' ? sub.referenceId : '';
      const m = sub && typeof sub.url === 'string' ? new RegExp(`^/services/data/${version.replace('.', '\\.')}/sobjects/([A-Za-z]+)$`).exec(sub.url) : null;
      if (!sub || !referenceId || !m || sub.method !== 'POST') return sfErrors(400, 'INVALID_INPUT', 'The mock supports POST /sobjects/{type} subrequests with a referenceId');
      if (failed && allOrNone) {
        out.push({ body: [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }], httpHeaders: {}, httpStatusCode: 400, referenceId });
        continue;
      }
      const fields = JSON.parse(JSON.stringify(sub.body ?? {}).replace(/@\{([A-Za-z0-9_]+)\.id\}/g, (_x, ref: string) => refs.get(ref) ?? `@{${ref}.id}`)) as unknown;
      const type = m[1] as SObjectType;
      const reply = type in state.records && !(NOTE_TYPES.has(type) && !state.contentNotes) ? createRecord(type, fields) : sfErrors(404, 'NOT_FOUND', 'The requested resource does not exist');
      const ok = reply.status < 300;
      if (ok) {
        const id = String((reply.body as { id: string }).id);
        refs.set(referenceId, id);
        created.push([type, id]);
      } else failed = true;
      out.push({ body: reply.body, httpHeaders: ok ? { Location: `/services/data/${version}/sobjects/${type}/${String((reply.body as { id?: string }).id)}` } : {}, httpStatusCode: reply.status, referenceId });
    }
    if (failed && allOrNone) {
      for (const [type, id] of created) state.records[type].delete(id);
      for (let i = 0; i < out.length; i++) {
        if (out[i]!.httpStatusCode < 300) out[i] = { body: [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }], httpHeaders: {}, httpStatusCode: 400, referenceId: out[i]!.referenceId };
      }
    }
    return { status: 200, body: { compositeResponse: out } };
  }

  /** A value a field of this type cannot hold; null when it fits. */
  function badValue(type: string, length: number | undefined, v: SoqlValue): string | null {
    if (v === null) return null;
    if (['double', 'int', 'currency', 'percent'].includes(type) && typeof v !== 'number') return `Value for field must be a number: ${String(v)}`;
    if (type === 'boolean' && typeof v !== 'boolean') return `Value for field must be a boolean: ${String(v)}`;
    if (type === 'datetime' && (typeof v !== 'string' || Number.isNaN(Date.parse(v)))) return `Value for field must be a datetime: ${String(v)}`;
    if (typeof v === 'string' && length !== undefined && [...v].length > length) return 'data value too large';
    return null;
  }

  /**
   * PATCH /composite/sobjects (sObject Collections update): at most 200 records, each with
   * attributes.type and id; one SaveResult per record in order ({id, success, errors}; a failed
   * record has no id). A field the object lacks refuses the whole request (INVALID_FIELD). With
   * allOrNone a failure rolls every record back.
   */
  function collectionUpdate(body: unknown): MockReply {
    const b = asRecord(body);
    const records = b && Array.isArray(b.records) ? (b.records as unknown[]) : null;
    if (!b || !records) return sfErrors(400, 'JSON_PARSER_ERROR', 'records is required');
    if (records.length > 200) return sfErrors(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
    state.collectionSizes.push(records.length);
    const allOrNone = b.allOrNone === true;
    const parsed: Array<{ id: string; fields: Record<string, SoqlValue> }> = [];
    for (const raw of records) {
      const r = asRecord(raw);
      const type = asRecord(r?.attributes)?.type;
      if (!r || type !== 'Account') return sfErrors(400, 'INVALID_TYPE', 'Each record needs attributes.type (the mock updates Account only)');
      const fields: Record<string, SoqlValue> = {};
      for (const [k, v] of Object.entries(r)) {
        if (k === 'attributes' || k === 'id') continue;
        if (fieldAccess(k) === 'none') return sfErrors(400, 'INVALID_FIELD', `No such column '${k}' on sobject of type Account`);
        if (v !== null && typeof v === 'object') return sfErrors(400, 'JSON_PARSER_ERROR', `Cannot deserialize ${k}`);
        fields[k] = v as SoqlValue;
      }
      parsed.push({ id: typeof r.id === 'string' ? r.id : '', fields });
    }
    const before = new Map<string, SRecord>();
    const results = parsed.map(({ id: raw, fields }) => {
      const id = toId18(raw);
      const row = id ? state.records.Account.get(id) : undefined;
      const refuse = (statusCode: string, message: string, f: string[] = []) => ({ success: false, errors: [{ statusCode, message, fields: f }] });
      if (!id) return refuse('MALFORMED_ID', `Account ID: id value of incorrect type: ${raw}`, ['Id']);
      if (!row) return refuse('ENTITY_IS_DELETED', 'entity is deleted');
      for (const [k, v] of Object.entries(fields)) {
        const def = state.accountFields.get(k)!;
        if (fieldAccess(k) !== 'edit') return refuse('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${k}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [k]);
        const bad = badValue(def.type, def.length, v);
        if (bad) return refuse(bad === 'data value too large' ? 'STRING_TOO_LONG' : 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${k}: ${bad}`, [k]);
      }
      const refusal = state.refuseRecord?.(id, fields);
      if (refusal) return refuse(refusal.statusCode, refusal.message, refusal.fields ?? []);
      if (!before.has(id)) before.set(id, { ...row });
      Object.assign(row, fields, { LastModifiedDate: isoNow().replace('Z', '+0000'), SystemModstamp: isoNow().replace('Z', '+0000') });
      return { id, success: true, errors: [] as unknown[] };
    });
    if (allOrNone && results.some((r) => !r.success)) {
      for (const [id, row] of before) state.records.Account.set(id, row);
      return { status: 200, body: results.map((r) => (r.success ? { success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }] } : r)) };
    }
    return { status: 200, body: results };
  }

  /**
   * What the acting user may do with an Account field. A field created through the Tooling API
   * (fls) is invisible until a permission set assigned to the user grants it (FieldPermissions).
   */
  function fieldAccess(name: string): 'none' | 'read' | 'edit' {
    const f = state.accountFields.get(name);
    if (!f) return 'none';
    if (!f.fls) return f.updateable ? 'edit' : 'read';
    const sets = new Set([...state.records.PermissionSetAssignment.values()].filter((a) => a.AssigneeId === state.currentUserId).map((a) => a.PermissionSetId));
    const perms = [...state.records.FieldPermissions.values()].filter((p) => sets.has(p.ParentId) && p.Field === `Account.${name}`);
    if (perms.some((p) => p.PermissionsEdit === true)) return 'edit';
    return perms.some((p) => p.PermissionsRead === true) ? 'read' : 'none';
  }

  /** GET /sobjects/Account/describe: the fields the mock's Account has, as the acting user may see them. */
  function describeAccount(): MockReply {
    const fields = [...state.accountFields]
      .filter(([name]) => fieldAccess(name) !== 'none')
      .map(([name, f]) => ({ name, label: name, type: f.type, updateable: fieldAccess(name) === 'edit', custom: name.endsWith('__c'), length: f.length ?? 0, precision: f.precision ?? 0, scale: f.scale ?? 0, nillable: name !== 'Id' && name !== 'Name' }));
    return { status: 200, body: { name: 'Account', label: 'Account', custom: false, updateable: true, fields } };
  }

  // --- OAuth ------------------------------------------------------------------

  function oauthError(error: string, description: string): MockReply {
    return { status: 400, body: { error, error_description: description } };
  }

  function token(body: unknown): MockReply {
    const b = asRecord(body) ?? {};
    const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
    /** Access token under `grant`; with `newRefresh`, the grant's refresh token is replaced (a sign-in, or a rotation). */
    const issue = (grant: Grant, newRefresh: boolean): MockReply => {
      const access = `00DMOCK!${Math.random().toString(36).slice(2)}`;
      state.tokens.add(access);
      grant.accessTokens.add(access);
      const refresh = newRefresh ? `5Aep${Math.random().toString(36).slice(2)}` : undefined;
      if (refresh) {
        state.refreshTokens.delete(grant.refreshToken);
        grant.refreshToken = refresh;
        state.refreshTokens.add(refresh);
      }
      return {
        status: 200,
        body: {
          access_token: access,
          ...(refresh ? { refresh_token: refresh } : {}),
          instance_url: state.instanceUrl || url,
          id: `${url}/id/00DD0000000MOCK/005D0000001MOCK`,
          token_type: 'Bearer',
          issued_at: String(Date.now()),
          signature: 'bW9jaw==',
          scope: 'api refresh_token',
        },
      };
    };
    if (s('grant_type') === 'authorization_code') {
      const code = state.codes.get(s('code'));
      if (!code) return oauthError('invalid_grant', 'invalid authorization code');
      state.codes.delete(s('code'));
      if (code.clientId !== s('client_id')) return oauthError('invalid_client_id', 'client identifier invalid');
      if (code.redirectUri !== s('redirect_uri')) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
      const challenge = createHash('sha256').update(s('code_verifier')).digest('base64url');
      if (challenge !== code.challenge) return oauthError('invalid_grant', 'invalid code verifier');
      const grant: Grant = { clientId: code.clientId, refreshToken: '', accessTokens: new Set() };
      grants.set(++grantIds, grant);
      return issue(grant, true);
    }
    if (s('grant_type') === 'refresh_token') {
      const grant = grantOf(s('refresh_token'));
      if (!grant) return oauthError('invalid_grant', 'expired access/refresh token');
      if (grant.clientId !== s('client_id')) return oauthError('invalid_client_id', 'client identifier invalid');
      return issue(grant, state.rotateRefreshTokens);
    }
    return oauthError('unsupported_grant_type', 'grant type not supported');
  }

  /**
   * POST /services/oauth2/revoke, form `token=…`: a refresh token goes with every
   * access token issued under it; an access token goes alone. 200 with an empty
   * body, or 400 invalid_token.
   */
  function revoke(body: unknown): MockReply {
    const t = asRecord(body)?.token;
    if (typeof t !== 'string' || !t) return oauthError('invalid_request', 'token is required');
    const grant = grantOf(t);
    if (grant) {
      state.refreshTokens.delete(t);
      for (const a of grant.accessTokens) state.tokens.delete(a);
      grant.accessTokens.clear();
    } else if (!state.tokens.delete(t)) {
      return oauthError('invalid_token', 'the token was invalid');
    }
    state.revoked.push(t);
    return { status: 200 };
  }

  /** GET /services/oauth2/userinfo (OpenID Connect): the token's user. */
  function userinfo(): MockReply {
    if (!state.userinfo) return { status: 403, body: { error: 'insufficient_scope', error_description: 'The token was not granted the id or openid scope' } };
    const u = state.records.User.get(state.currentUserId)!;
    const [given, ...family] = String(u.Name).split(' ');
    return {
      status: 200,
      body: {
        sub: `${url}/id/00DD0000000MOCKEAA/${u.Id}`,
        user_id: u.Id,
        organization_id: '00DD0000000MOCKEAA',
        preferred_username: u.Email,
        nickname: given,
        name: u.Name,
        email: u.Email,
        email_verified: true,
        given_name: given,
        family_name: family.join(' '),
        zoneinfo: 'Asia/Tokyo',
        user_type: 'STANDARD',
      },
    };
  }

  // --- routing ----------------------------------------------------------------

  /** A request under another user's session acts as that user (CreatedById, userinfo), for this request only. */
  function handle(req: MockRequest): MockReply {
    const auth = bearer(req);
    const acting = auth ? state.sessions.get(auth) : undefined;
    if (!acting) return route(req);
    const before = state.currentUserId;
    state.currentUserId = acting;
    try {
      return route(req);
    } finally {
      state.currentUserId = before;
    }
  }

  function route(req: MockRequest): MockReply {
    if (req.method === 'POST' && req.path === '/services/oauth2/token') return token(req.body);
    if (req.method === 'POST' && req.path === '/services/oauth2/revoke') return revoke(req.body);
    const auth = bearer(req);
    if (!auth || !state.tokens.has(auth)) return sfErrors(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    if (state.enforceApiLimit && state.apiUsage.used >= state.apiUsage.max) return sfErrors(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    state.apiUsage.used++;
    if (req.method === 'GET' && req.path === '/services/oauth2/userinfo') return userinfo();
    const parts = req.path.split('/').filter(Boolean);
    if (parts[0] !== 'services' || parts[1] !== 'data') return sfErrors(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (parts.length === 2) return { status: 200, body: [{ label: "Spring '26", url: `/services/data/${version}`, version: version.slice(1) }] };
    if (parts[2] !== version) return sfErrors(404, 'NOT_FOUND', `The requested resource does not exist: version ${parts[2]}`);
    const [, , , kind, a, b] = parts;
    if (kind === 'query' && req.method === 'GET') {
      if (!a) return query(req.query.get('q'));
      const m = /^(.+)-(\d+)$/.exec(a);
      const cursor = m ? cursors.get(m[1]!) : undefined;
      if (!m || !cursor) return sfErrors(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return page(m[1]!, cursor.rows, Number(m[2]), cursor.rows.length);
    }
    if (kind === 'composite' && !a && req.method === 'POST') return composite(req.body);
    if (kind === 'composite' && a === 'sobjects' && !b && req.method === 'PATCH') return collectionUpdate(req.body);
    if (kind === 'composite' && a === 'sobjects' && !b && req.method === 'POST') return collectionCreate(req.body);
    if (kind === 'tooling' && a === 'sobjects' && b === 'CustomField' && !parts[6] && req.method === 'POST') return toolingCreateField(req.body);
    if (kind === 'tooling' && a === 'query' && !b && req.method === 'GET') return toolingQuery(req.query.get('q'));
    if (kind === 'sobjects' && a === 'Account' && b === 'describe' && req.method === 'GET') return describeAccount();
    if (kind === 'chatter' && a === 'users' && b === 'me' && req.method === 'GET') {
      const u = state.records.User.get(state.currentUserId)!;
      return { status: 200, body: { id: u.Id, name: u.Name, email: u.Email, firstName: String(u.Name).split(' ')[0], lastName: String(u.Name).split(' ').slice(1).join(' '), type: 'User' } };
    }
    // sObject Blob Get: a ContentNote's Content as the bytes it holds (not JSON, not base64).
    if (kind === 'sobjects' && a === 'ContentNote' && b && parts[6] === 'Content' && req.method === 'GET' && state.contentNotes) {
      const row = state.records.ContentNote.get(toId18(b) ?? b);
      if (!row) return sfErrors(404, 'NOT_FOUND', 'The requested resource does not exist');
      return { status: 200, body: Buffer.from(String(row.Content ?? ''), 'base64').toString('utf8'), headers: { 'content-type': 'application/octet-stream' } };
    }
    if (kind === 'sobjects' && a && a in state.records && !(NOTE_TYPES.has(a) && !state.contentNotes)) {
      const type = a as SObjectType;
      if (b && req.method === 'DELETE') return deleteRecord(type, b);
      if (!b && req.method === 'POST') return createRecord(type, req.body);
      if (b && req.method === 'GET') return readRecord(type, b, req.query.get('fields'));
      if (b && req.method === 'PATCH') return updateRecord(type, b, req.body);
    }
    return sfErrors(404, 'NOT_FOUND', `The requested resource does not exist (${req.method} ${req.path} in the Salesforce mock)`);
  }

  const started = await serve({
    port: opts.port,
    core: state,
    handle,
    faultBody: defaultFaultBody,
    commonHeaders: () => ({ 'sforce-limit-info': `api-usage=${state.apiUsage.used}/${state.apiUsage.max}` }),
  });
  url = started.url;
  return { ...started, state };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = cliArgs(process.argv.slice(2));
  const mock = await startSalesforceMock({ port: args.port, token: args.token });
  console.log(mock.url);
  console.error(`Salesforce mock: session "${[...mock.state.tokens][0]}". Ctrl-C to stop.`);
}
