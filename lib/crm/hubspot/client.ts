// HubSpot CRM API client for the background service worker. Every method
// returns a CrmResult; nothing throws for an HTTP outcome.
import * as z from 'zod';
import type { BatchReadInputSimplePublicObjectId } from '@hubspot/api-client/lib/codegen/crm/companies';
import type { SimplePublicObjectInput, SimplePublicObjectInputForCreate } from '@hubspot/api-client/lib/codegen/crm/objects/notes';
import type { BatchInputPublicFetchAssociationsBatchRequest } from '@hubspot/api-client/lib/codegen/crm/associations/v4';
import { crmErrors, fail, ok, requestJson, writeOnce, type CrmResult, type HttpOptions, type HttpRequest, type RetryOptions } from '../http.ts';
import { classifyHubspot, readRateLimit, type HubspotRateLimit } from './errors.ts';
import { checkNoteLength, isClientId, readClientId } from './note-body.ts';
import { hubspotPaths } from './api-version.ts';
import { AccountInfo, AssociationBatchRead, BatchRead, ObjectList, ObjectRead, OwnerList, type AssociatedObject, type BatchError } from './schemas.ts';
import { orderContacts, personName, type CrmContact, type CrmPerson } from '../people.ts';

export { withRetry, isRetryable, backoffDelay } from '../http.ts';
export { escapeHtml, noteBodyHtml, HUBSPOT_NOTE_MAX } from './note-body.ts';
export { HUBSPOT_API_VERSION } from './api-version.ts';

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
  /** The note's own Sidecar ID, passed in: never read back from the body, which holds what a person typed. */
  clientId: string;
  bodyHtml: string;
  timestamp: Date | string | number;
  associations: Array<{ toObjectType: NoteTarget; toId: string }>;
  /** The CSM's own owner id (hubspot_owner_id): who HubSpot records as the note's author. */
  ownerId?: string;
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

/** Contact properties read for templates and ordering (the last engagement first, then the last contact). */
export const CONTACT_PROPERTIES = ['firstname', 'lastname', 'email', 'jobtitle', 'hs_last_sales_activity_timestamp', 'notes_last_contacted'];

/** A HubSpot owner as Sidecar uses it: the person, and whether HubSpot lists them as archived. */
export interface HubspotOwner extends CrmPerson {
  archived: boolean;
}

/** HubSpot-defined association type ids, note → object. */
export const NOTE_ASSOCIATION_TYPE: Record<NoteTarget, number> = { company: 190, contact: 202, deal: 214 };
/** The "Primary" company association type: contact → company 1, deal → company 5. */
export const PRIMARY_COMPANY_TYPE = { contacts: 1, deals: 5 } as const;

const BATCH_SIZE = 100;
// A guard against a paging loop: 200 pages is far past any real record.
const MAX_PAGES = 200;
/** Records per association batch read: HubSpot documents 1,000 inputs a request (the spec gives no maxItems). */
const ASSOCIATION_BATCH_MAX = 1_000;
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
    crmErrors.invalid('hubspot', 'hubspot.bad-id', { id }),
  );
}

/** `https://{host}/contacts/{portalId}/record/…`, the record URL a 2026-09 object carries → its portal and host. */
function portalFromRecordUrl(url: string | undefined): { portalId: string; uiDomain: string } | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    const m = /^\/contacts\/(\d{1,20})\//.exec(u.pathname);
    return u.protocol === 'https:' && /(^|\.)hubspot\.com$/.test(u.hostname) && m ? { portalId: m[1]!, uiDomain: u.hostname } : null;
  } catch {
    return null;
  }
}

/** A note carrying this note's Sidecar ID but saying something else: never taken as this note. */
function notOurs(remoteId: string) {
  return crmErrors.invalid('hubspot', 'hubspot.note-conflict', { remoteId });
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
      // The 2026-09 spec requires propertiesWithHistory: an empty list asks for no history.
      const input: BatchReadInputSimplePublicObjectId = { properties, propertiesWithHistory: [], inputs: chunk.map((id) => ({ id })) };
      const r = await post(hubspotPaths.batchRead(objectType), input, BatchRead);
      if (!r.ok) return r;
      out.results.push(...r.value.results);
      const returned = new Set(r.value.results.map((o) => o.id));
      for (const e of r.value.errors ?? []) {
        for (const id of errorIds(e, chunk, returned)) out.errors.push({ id, category: e.category, message: e.message });
      }
    }
    return ok(out);
  }

  /**
   * Every associated id, following `paging.next.after`. The date-based API has
   * no per-record association list: a batch read of one input, whose `after`
   * asks for the next page. An id with no associations (or no such record)
   * comes back with no result, i.e. none.
   */
  async function associations(fromType: string, id: string, toType: string): Promise<CrmResult<AssociatedObject[]>> {
    if (!NUMERIC_ID.test(id)) return badId(id);
    if (!OBJECT_TYPE.test(fromType) || !OBJECT_TYPE.test(toType)) return fail(crmErrors.validation('hubspot', `unknown object type ${fromType} or ${toType}`));
    const all: AssociatedObject[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const input: BatchInputPublicFetchAssociationsBatchRequest = { inputs: [after ? { id, after } : { id }] };
      const r = await post(hubspotPaths.associationsBatchRead(fromType, toType), input, AssociationBatchRead);
      if (!r.ok) return r;
      const mine = r.value.results.filter((x) => x.from.id === id);
      for (const x of mine) all.push(...x.to);
      after = mine.find((x) => x.paging?.next?.after)?.paging?.next?.after;
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

  /**
   * The company's note that Sidecar wrote for this client id: its own marker
   * (the body's last line) names it. Should a copy of the marker have been
   * planted in another note, the one filed at the note's own time wins, then
   * the oldest: a copy can only be made after the original exists.
   */
  async function findNoteByClientId(companyId: string, clientId: string, filedAt?: Date | string | number): Promise<CrmResult<HubspotNote | null>> {
    const notes = await listCompanyNotes(companyId);
    if (!notes.ok) return notes;
    const mine = notes.value.filter((n) => n.clientId === clientId);
    const at = filedAt === undefined ? null : new Date(filedAt).getTime();
    // HubSpot keeps hs_timestamp as sent; a second's slack covers a portal that rounds it.
    const onTime = at === null ? [] : mine.filter((n) => n.timestamp !== null && Math.abs(Date.parse(n.timestamp) - at) < 1000);
    const pick = (list: HubspotNote[]) => [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || Number(a.id) - Number(b.id))[0] ?? null;
    return ok(pick(at === null ? mine : onTime));
  }

  async function createNote(input: CreateNoteInput): Promise<CrmResult<HubspotNote>> {
    const body = checkNoteLength(input.bodyHtml);
    if (!body.ok) return body;
    for (const a of input.associations) if (!NUMERIC_ID.test(a.toId)) return badId(a.toId);
    if (input.ownerId !== undefined && !NUMERIC_ID.test(input.ownerId)) return badId(input.ownerId);
    const when = new Date(input.timestamp);
    if (Number.isNaN(when.getTime())) {
      return fail(crmErrors.invalid('hubspot', 'hubspot.bad-time', { value: String(input.timestamp) }, ['hs_timestamp']));
    }
    // The 2026-09 spec requires both properties and associations on a create.
    const payload: Required<Pick<SimplePublicObjectInputForCreate, 'properties'>> & {
      associations: Array<{ to: { id: string }; types: Array<{ associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }> }>;
    } = {
      properties: { hs_timestamp: when.toISOString(), hs_note_body: body.value, ...(input.ownerId ? { hubspot_owner_id: input.ownerId } : {}) },
      associations: input.associations.map((a) => ({
        to: { id: a.toId },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_ASSOCIATION_TYPE[a.toObjectType] }],
      })),
    };
    const r = await post(hubspotPaths.objects('notes'), payload, ObjectRead);
    return r.ok ? ok(toNote(r.value)) : r;
  }

  /**
   * Every owner of the portal, active and archived (a teammate who left still
   * wrote notes), following `paging.next.after`. Needs crm.objects.owners.read:
   * a 403 names that scope. With `email`, only the owners with that address.
   */
  async function listOwners(email?: string): Promise<CrmResult<HubspotOwner[]>> {
    const out: HubspotOwner[] = [];
    for (const archived of [false, true]) {
      let after: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const q = new URLSearchParams({ limit: '100', archived: String(archived), ...(email ? { email } : {}), ...(after ? { after } : {}) });
        const r = await get(`${hubspotPaths.owners()}?${q}`, OwnerList);
        if (!r.ok) return r;
        for (const o of r.value.results) {
          const name = personName(o.firstName, o.lastName, o.email);
          out.push({ id: o.id, name: name ?? o.id, ...(o.email ? { email: o.email } : {}), archived: o.archived });
        }
        after = r.value.paging?.next?.after;
        if (!after) break;
      }
    }
    return ok(out);
  }

  /**
   * The company's contacts for templates: the association list (its "Primary"
   * label says the company is the contact's primary one), then a batch read of
   * the names; primary first, then the most recently engaged.
   */
  async function companyContacts(companyId: string): Promise<CrmResult<CrmContact[]>> {
    const linked = await associations('companies', companyId, 'contacts');
    if (!linked.ok) return linked;
    const primary = new Set(
      linked.value.filter((a) => a.associationTypes.some((t) => (t.category === 'HUBSPOT_DEFINED' && t.typeId === 2) || t.label?.toLowerCase() === 'primary')).map((a) => a.toObjectId),
    );
    const ids = [...new Set(linked.value.map((a) => a.toObjectId))];
    if (!ids.length) return ok([]);
    const read = await batchRead('contacts', ids, CONTACT_PROPERTIES);
    if (!read.ok) return read;
    const contacts = read.value.results.map((o): CrmContact => {
      const p = o.properties;
      const engaged = [p.hs_last_sales_activity_timestamp, p.notes_last_contacted].filter((x): x is string => !!x).sort().pop();
      return {
        id: o.id,
        ...(p.firstname ? { firstName: p.firstname } : {}),
        ...(p.lastname ? { lastName: p.lastname } : {}),
        ...(p.email ? { email: p.email } : {}),
        ...(p.jobtitle ? { title: p.jobtitle } : {}),
        primary: primary.has(o.id),
        ...(engaged ? { lastEngagedAt: engaged } : {}),
      };
    });
    return ok(orderContacts(contacts));
  }

  return {
    /** One request on this connection, for this folder's own modules (fields.ts): the status, headers and checked body. */
    request: call,

    /** The last X-HubSpot-RateLimit-* headers seen, for pacing bulk work. */
    rateLimit: (): HubspotRateLimit | null => lastRateLimit,

    /**
     * Check a Service Key or private-app token: that it may read companies (a
     * 403 names the missing scope), and the portal it belongs to. The portal
     * comes from a company's record URL when there is one, else from the
     * account details, which the spec puts under the `oauth` scope: a key
     * without it still connects, with the portal left unnamed.
     */
    async testConnection(): Promise<CrmResult<{ portalId?: string; uiDomain?: string; timeZone?: string }>> {
      const q = new URLSearchParams({ limit: '1', properties: 'name' });
      const probe = await get(`${hubspotPaths.objects('companies')}?${q}`, ObjectList);
      if (!probe.ok) return probe;
      const fromUrl = portalFromRecordUrl(probe.value.results[0]?.url);
      if (fromUrl) return ok(fromUrl);
      const info = await get(hubspotPaths.accountDetails(), AccountInfo);
      if (!info.ok) return info.error.kind === 'forbidden' ? ok({}) : info;
      return ok({ portalId: String(info.value.portalId), uiDomain: info.value.uiDomain, timeZone: info.value.timeZone });
    },

    async getCompany(id: string, properties: string[]): Promise<CrmResult<HubspotObject>> {
      if (!NUMERIC_ID.test(id)) return badId(id);
      const q = new URLSearchParams({ properties: properties.join(',') });
      return get(`${hubspotPaths.object('companies', id)}?${q}`, ObjectRead);
    },

    /** Chunks of 100; a 207 answer's missing ids come back in `errors`, one per id. */
    batchReadCompanies: (ids: string[], properties: string[]) => batchRead('companies', ids, properties),

    async countAssociations(fromType: string, id: string, toType: string): Promise<CrmResult<number>> {
      const r = await associations(fromType, id, toType);
      return r.ok ? ok(new Set(r.value.map((a) => a.toObjectId)).size) : r;
    },

    /**
     * How many objects of `toType` each of these records is associated with, 1,000 records a request
     * (the batch read's limit); a record with more than a page follows its own paging. Records with
     * none count 0.
     */
    async countAssociationsOf(fromType: string, ids: readonly string[], toType: string): Promise<CrmResult<Map<string, number>>> {
      if (!OBJECT_TYPE.test(fromType) || !OBJECT_TYPE.test(toType)) return fail(crmErrors.validation('hubspot', `unknown object type ${fromType} or ${toType}`));
      const bad = ids.find((id) => !NUMERIC_ID.test(id));
      if (bad) return badId(bad);
      const seen = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
      for (let i = 0; i < ids.length; i += ASSOCIATION_BATCH_MAX) {
        let inputs: Array<{ id: string; after?: string }> = ids.slice(i, i + ASSOCIATION_BATCH_MAX).map((id) => ({ id }));
        for (let page = 0; inputs.length && page < MAX_PAGES; page++) {
          const r = await post(hubspotPaths.associationsBatchRead(fromType, toType), { inputs } satisfies BatchInputPublicFetchAssociationsBatchRequest, AssociationBatchRead);
          if (!r.ok) return r;
          const next: typeof inputs = [];
          for (const x of r.value.results) {
            const set = seen.get(x.from.id);
            if (!set) continue;
            for (const to of x.to) set.add(to.toObjectId);
            const after = x.paging?.next?.after;
            if (after) next.push({ id: x.from.id, after });
          }
          inputs = next;
        }
      }
      return ok(new Map([...seen].map(([id, set]) => [id, set.size])));
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
    async createNoteOnce(input: CreateNoteInput, retry?: RetryOptions & { lookFirst?: boolean; accept?: (found: HubspotNote) => boolean }): Promise<CrmResult<HubspotNote>> {
      const clientId = input.clientId;
      const company = input.associations.find((a) => a.toObjectType === 'company');
      if (!isClientId(clientId) || readClientId(input.bodyHtml) !== clientId || !company) {
        return fail(crmErrors.invalid('hubspot', 'hubspot.no-client-id'));
      }
      const find = async (): Promise<CrmResult<HubspotNote | null>> => {
        const found = await findNoteByClientId(company.toId, clientId, input.timestamp);
        if (!found.ok || !found.value || !retry?.accept || retry.accept(found.value)) return found;
        return fail(notOurs(found.value.id));
      };
      return writeOnce({ find, create: () => createNote(input) }, retry);
    },

    async updateNote(id: string, bodyHtml: string): Promise<CrmResult<HubspotNote>> {
      if (!NUMERIC_ID.test(id)) return badId(id);
      const body = checkNoteLength(bodyHtml);
      if (!body.ok) return body;
      const input: SimplePublicObjectInput = { properties: { hs_note_body: body.value } };
      const r = await call('PATCH', hubspotPaths.object('notes', id), ObjectRead, input);
      return r.ok ? ok(toNote(r.value.data)) : r;
    },

    /** Archive a note. One already gone (404) counts as deleted: HubSpot answers 404 only for an id it does not hold. */
    async deleteNote(id: string): Promise<CrmResult<void>> {
      if (!NUMERIC_ID.test(id)) return badId(id);
      const r = await call('DELETE', hubspotPaths.object('notes', id), z.unknown());
      return r.ok || r.error.kind === 'not-found' ? ok(undefined) : fail(r.error);
    },

    /** The company's notes, newest first (an association batch read, then a batch read: the search index lags). */
    listCompanyNotes,

    listOwners,
    companyContacts,

    /** The note carrying this Sidecar ID, or null. Reads the association list, not search, which lags by seconds. */
    findNoteByClientId,
  };
}

export type HubspotClient = ReturnType<typeof createHubspotClient>;
