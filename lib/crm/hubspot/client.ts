// HubSpot CRM API client for the background service worker. Every method
// returns a CrmResult; nothing throws for an HTTP outcome.
import * as z from 'zod';
import type { BatchReadInputSimplePublicObjectId } from '@hubspot/api-client/lib/codegen/crm/companies';
import type { SimplePublicObjectInputForCreate } from '@hubspot/api-client/lib/codegen/crm/objects/notes';
import { crmErrors, fail, ok, requestJson, writeOnce, type CrmResult, type HttpOptions, type HttpRequest, type RetryOptions } from '../http.ts';
import { classifyHubspot, readRateLimit, type HubspotRateLimit } from './errors.ts';
import { checkNoteLength, readClientId } from './note-body.ts';
import { AccountInfo, AssociationList, BatchRead, ObjectList, ObjectRead, type BatchError } from './schemas.ts';

export { withRetry, isRetryable, backoffDelay } from '../http.ts';
export { escapeHtml, noteBodyHtml, HUBSPOT_NOTE_MAX } from './note-body.ts';

export interface HubspotClientOptions {
  token: string;
  fetch: typeof fetch;
  baseUrl?: string;
  timeoutMs?: number;
  now?: () => number;
}

export type HubspotObject = ObjectRead;

export interface BatchReadResult {
  results: HubspotObject[];
  /** One entry per requested id that did not come back, with HubSpot's reason. */
  errors: Array<{ id: string; category: string; message: string }>;
}

export type NoteTarget = 'company' | 'contact' | 'deal';

export interface CreateNoteInput {
  bodyHtml: string;
  timestamp: Date | string | number;
  associations: Array<{ toObjectType: NoteTarget; toId: string }>;
}

export interface HubspotNote {
  id: string;
  bodyHtml: string;
  /** ISO time the note is filed under (hs_timestamp). */
  timestamp: string | null;
  ownerId: string | null;
  /** The Sidecar ID in the body, when Sidecar wrote the note. */
  clientId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** HubSpot-defined association type ids, note → object. */
export const NOTE_ASSOCIATION_TYPE: Record<NoteTarget, number> = { company: 190, contact: 202, deal: 214 };
/** The "Primary" company association type: contact → company 1, deal → company 5. */
export const PRIMARY_COMPANY_TYPE = { contacts: 1, deals: 5 } as const;

const BATCH_SIZE = 100;
const ASSOCIATION_PAGE = 500;
// A guard against a paging loop: 200 pages of 500 is far past any real record.
const MAX_PAGES = 200;
const NOTE_PROPERTIES = ['hs_note_body', 'hs_timestamp', 'hubspot_owner_id'];
const NUMERIC_ID = /^\d{1,20}$/;
const OBJECT_TYPE = /^(?:[a-z_]+|\d-\d+)$/;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function badId(id: string) {
  return fail(
    crmErrors.invalid('hubspot', {
      en: `"${id}" is not a HubSpot record id (it should be digits only). Open the record again.`,
      ja: `「${id}」は HubSpot のレコード ID ではありません（数字のみのはずです）。レコードを開き直してください。`,
    }),
  );
}

function toNote(o: HubspotObject): HubspotNote {
  const body = o.properties.hs_note_body ?? '';
  return {
    id: o.id,
    bodyHtml: body,
    timestamp: o.properties.hs_timestamp ?? null,
    ownerId: o.properties.hubspot_owner_id ?? null,
    clientId: readClientId(body),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

/** Which requested ids a batch error covers: `context.ids` when given, else every id that did not come back. */
function errorIds(e: BatchError, requested: string[], returned: Set<string>): string[] {
  const ids = e.context?.ids;
  return ids?.length ? ids : requested.filter((id) => !returned.has(id));
}

export function createHubspotClient(options: HubspotClientOptions) {
  const baseUrl = (options.baseUrl ?? 'https://api.hubapi.com').replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  let lastRateLimit: HubspotRateLimit | null = null;
  const http: HttpOptions = {
    crm: 'hubspot',
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
    classify: (res) => classifyHubspot(res, now()),
    onHeaders: (headers) => {
      lastRateLimit = readRateLimit(headers) ?? lastRateLimit;
    },
  };

  function call<S extends z.ZodType>(method: HttpRequest['method'], path: string, schema: S, json?: unknown) {
    return requestJson(http, { method, url: baseUrl + path, headers: { authorization: `Bearer ${options.token}` }, json }, schema);
  }

  async function get<S extends z.ZodType>(path: string, schema: S): Promise<CrmResult<z.output<S>>> {
    const r = await call('GET', path, schema);
    return r.ok ? ok(r.value.data) : r;
  }

  async function post<S extends z.ZodType>(path: string, json: unknown, schema: S): Promise<CrmResult<z.output<S>>> {
    const r = await call('POST', path, schema, json);
    return r.ok ? ok(r.value.data) : r;
  }

  async function batchRead(objectType: string, ids: string[], properties: string[]): Promise<CrmResult<BatchReadResult>> {
    const unique = [...new Set(ids)];
    for (const id of unique) if (!NUMERIC_ID.test(id)) return badId(id);
    const out: BatchReadResult = { results: [], errors: [] };
    for (const chunk of chunks(unique, BATCH_SIZE)) {
      const input: Pick<BatchReadInputSimplePublicObjectId, 'inputs' | 'properties'> = { properties, inputs: chunk.map((id) => ({ id })) };
      const r = await post(`/crm/v3/objects/${objectType}/batch/read`, input, BatchRead);
      if (!r.ok) return r;
      out.results.push(...r.value.results);
      const returned = new Set(r.value.results.map((o) => o.id));
      for (const e of r.value.errors ?? []) {
        for (const id of errorIds(e, chunk, returned)) out.errors.push({ id, category: e.category, message: e.message });
      }
    }
    return ok(out);
  }

  /** Every associated id, following `paging.next.after`. */
  async function associations(fromType: string, id: string, toType: string): Promise<CrmResult<AssociationList['results']>> {
    if (!NUMERIC_ID.test(id)) return badId(id);
    if (!OBJECT_TYPE.test(fromType) || !OBJECT_TYPE.test(toType)) return fail(crmErrors.validation('hubspot', `unknown object type ${fromType} or ${toType}`));
    const all: AssociationList['results'] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const q = new URLSearchParams({ limit: String(ASSOCIATION_PAGE) });
      if (after) q.set('after', after);
      const r = await get(`/crm/v4/objects/${fromType}/${id}/associations/${toType}?${q}`, AssociationList);
      if (!r.ok) return r;
      all.push(...r.value.results);
      after = r.value.paging?.next?.after;
      if (!after) return ok(all);
    }
    return fail(crmErrors.malformed('hubspot', 'association paging did not end'));
  }

  async function listCompanyNotes(companyId: string): Promise<CrmResult<HubspotNote[]>> {
    const linked = await associations('companies', companyId, 'notes');
    if (!linked.ok) return linked;
    const read = await batchRead('notes', linked.value.map((a) => a.toObjectId), NOTE_PROPERTIES);
    if (!read.ok) return read;
    // Missing ids here are notes deleted since the association list: skip them.
    const notes = read.value.results.map(toNote);
    notes.sort((a, b) => (b.timestamp ?? b.createdAt).localeCompare(a.timestamp ?? a.createdAt));
    return ok(notes);
  }

  async function findNoteByClientId(companyId: string, clientId: string): Promise<CrmResult<HubspotNote | null>> {
    const notes = await listCompanyNotes(companyId);
    if (!notes.ok) return notes;
    return ok(notes.value.find((n) => n.clientId === clientId) ?? null);
  }

  async function createNote(input: CreateNoteInput): Promise<CrmResult<HubspotNote>> {
    const body = checkNoteLength(input.bodyHtml);
    if (!body.ok) return body;
    for (const a of input.associations) if (!NUMERIC_ID.test(a.toId)) return badId(a.toId);
    const when = new Date(input.timestamp);
    if (Number.isNaN(when.getTime())) {
      return fail(crmErrors.invalid('hubspot', { en: `Internal error: "${String(input.timestamp)}" is not a time for the note.`, ja: `内部エラー：「${String(input.timestamp)}」はメモの日時として不正です。` }, ['hs_timestamp']));
    }
    const payload: Pick<SimplePublicObjectInputForCreate, 'properties'> & {
      associations: Array<{ to: { id: string }; types: Array<{ associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }> }>;
    } = {
      properties: { hs_timestamp: when.toISOString(), hs_note_body: body.value },
      associations: input.associations.map((a) => ({
        to: { id: a.toId },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_ASSOCIATION_TYPE[a.toObjectType] }],
      })),
    };
    const r = await post('/crm/v3/objects/notes', payload, ObjectRead);
    return r.ok ? ok(toNote(r.value)) : r;
  }

  return {
    /** The last X-HubSpot-RateLimit-* headers seen, for pacing bulk work. */
    rateLimit: (): HubspotRateLimit | null => lastRateLimit,

    /**
     * Check the token: the portal it belongs to, and that it may read
     * companies (a 403 names the missing scope).
     */
    async testConnection(): Promise<CrmResult<{ portalId: string; uiDomain?: string; timeZone?: string }>> {
      const info = await get('/account-info/v3/details', AccountInfo);
      if (!info.ok) return info;
      const probe = await get('/crm/v3/objects/companies?limit=1&properties=name', ObjectList);
      if (!probe.ok) return probe;
      return ok({ portalId: String(info.value.portalId), uiDomain: info.value.uiDomain, timeZone: info.value.timeZone });
    },

    async getCompany(id: string, properties: string[]): Promise<CrmResult<HubspotObject>> {
      if (!NUMERIC_ID.test(id)) return badId(id);
      const q = new URLSearchParams({ properties: properties.join(',') });
      return get(`/crm/v3/objects/companies/${id}?${q}`, ObjectRead);
    },

    /** Chunks of 100; a 207 answer's missing ids come back in `errors`, one per id. */
    batchReadCompanies: (ids: string[], properties: string[]) => batchRead('companies', ids, properties),

    async countAssociations(fromType: string, id: string, toType: string): Promise<CrmResult<number>> {
      const r = await associations(fromType, id, toType);
      return r.ok ? ok(new Set(r.value.map((a) => a.toObjectId)).size) : r;
    },

    /** The company a contact or deal belongs to: the one marked primary, else the first; null when none. */
    async primaryCompanyOf(fromType: 'contacts' | 'deals', id: string): Promise<CrmResult<string | null>> {
      const r = await associations(fromType, id, 'companies');
      if (!r.ok) return r;
      const primaryType = PRIMARY_COMPANY_TYPE[fromType];
      const primary = r.value.find((a) =>
        a.associationTypes.some((t) => (t.category === 'HUBSPOT_DEFINED' && t.typeId === primaryType) || t.label?.toLowerCase() === 'primary'),
      );
      return ok((primary ?? r.value[0])?.toObjectId ?? null);
    },

    createNote,

    /**
     * Create a note at most once: look for its Sidecar ID among the company's
     * notes first and after any unknown outcome, so a retry never duplicates it.
     */
    async createNoteOnce(input: CreateNoteInput, retry?: RetryOptions): Promise<CrmResult<HubspotNote>> {
      const clientId = readClientId(input.bodyHtml);
      const company = input.associations.find((a) => a.toObjectType === 'company');
      if (!clientId || !company) {
        return fail(crmErrors.invalid('hubspot', { en: 'Internal error: a note saved with retries needs a Sidecar ID and a company.', ja: '内部エラー：再試行付きで保存するメモには Sidecar ID と会社が必要です。' }));
      }
      return writeOnce({ find: () => findNoteByClientId(company.toId, clientId), create: () => createNote(input) }, retry);
    },

    async updateNote(id: string, bodyHtml: string): Promise<CrmResult<HubspotNote>> {
      if (!NUMERIC_ID.test(id)) return badId(id);
      const body = checkNoteLength(bodyHtml);
      if (!body.ok) return body;
      const r = await call('PATCH', `/crm/v3/objects/notes/${id}`, ObjectRead, { properties: { hs_note_body: body.value } });
      return r.ok ? ok(toNote(r.value.data)) : r;
    },

    /** The company's notes, newest first (v4 associations, then a batch read: the search index lags). */
    listCompanyNotes,

    /** The note carrying this Sidecar ID, or null. Reads the association list, not search, which lags by seconds. */
    findNoteByClientId,
  };
}

export type HubspotClient = ReturnType<typeof createHubspotClient>;
