// HubSpot's side of CrmFields: company property definitions, the book as a paged list of
// companies, and batch updates of Sidecar's properties (2026-09; shapes as HubSpot's published
// specs give them: PublicApiSpecs/CRM/Companies and Properties, 2026-09).
import * as z from 'zod';
import { inBook, type ResolvedBook } from '../../engine/book.ts';
import { paceHubspot, sidebarShareLeft } from '../../publish/pacing.ts';
import type { AccountNow, RecordWrite } from '../../publish/plan.ts';
import { crmClock, type BookAccount, type ChangedBook, type CrmFields, type FieldDefinition, type ReadBookOptions, type RecordResult, type WriteFailureCode } from '../fields.ts';
import { crmErrors, fail, ok, type CrmResult } from '../http.ts';
import { hubspotPaths } from './api-version.ts';
import type { HubspotClient } from './client.ts';
import { ObjectList } from './schemas.ts';

/** The CRM search: 200 a page, 10,000 results at most per query (CollectionResponseWithTotal…). */
const SEARCH_PAGE = 200;
const SEARCH_MAX = 10_000;
const SearchAnswer = ObjectList.extend({ total: z.number() });

export const HUBSPOT_BATCH_UPDATE_MAX = 100;
// A guard against a paging loop: 100 companies a page, 2,000 pages.
const MAX_PAGES = 2_000;
const NUMERIC_ID = /^\d{1,20}$/;

/** One property definition (the spec's Property: name, type, fieldType, groupName, label required). */
const PropertyDef = z.object({
  name: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string().optional(),
  label: z.string().optional(),
  modificationMetadata: z.object({ readOnlyValue: z.boolean().optional() }).partial().optional(),
});
const PropertyList = z.object({ results: z.array(PropertyDef) });

/** One error of a batch update (StandardError): which inputs it is about is in `context`. */
const UpdateError = z.object({
  status: z.string().optional(),
  category: z.string(),
  subCategory: z.unknown().optional(),
  message: z.string(),
  context: z.record(z.string(), z.array(z.string())).optional(),
  errors: z.array(z.object({ message: z.string().optional(), code: z.string().optional(), context: z.record(z.string(), z.array(z.string())).optional() })).optional(),
});

/** BatchResponseSimplePublicObject(WithErrors): 200 with every result, or 207 with the errors. */
const BatchUpdateAnswer = z.object({
  status: z.string(),
  results: z.array(z.object({ id: z.string(), objectWriteTraceId: z.string().optional() }).loose()),
  errors: z.array(UpdateError).optional(),
  numErrors: z.number().optional(),
});

const TYPES: Record<string, FieldDefinition['type']> = { number: 'number', string: 'string', datetime: 'datetime', date: 'date', bool: 'bool', enumeration: 'enumeration' };

/** A HubSpot error category → Sidecar's code. */
function codeOf(category: string, message: string): { code: WriteFailureCode; retryable: boolean } {
  if (category === 'OBJECT_NOT_FOUND') return { code: 'not-found', retryable: false };
  if (category === 'RATE_LIMITS' || category === 'RATE_LIMIT') return { code: 'rate-limit', retryable: true };
  if (/PROPERTY_DOESNT_EXIST|does not exist/i.test(`${category} ${message}`)) return { code: 'no-field', retryable: false };
  if (/READ_ONLY|read-only|not writable/i.test(`${category} ${message}`)) return { code: 'no-access', retryable: false };
  if (category === 'VALIDATION_ERROR') return { code: 'validation', retryable: false };
  if (category === 'CONFLICT' || category === 'LOCKED') return { code: 'locked', retryable: true };
  return { code: 'other', retryable: false };
}

/** Property names an error's context names (2026-09: invalidPropertyName; earlier: propertyName). */
function namedFields(e: z.infer<typeof UpdateError>): string[] | undefined {
  const names = [e.context, ...(e.errors ?? []).map((x) => x.context)].flatMap((c) => [...(c?.invalidPropertyName ?? []), ...(c?.propertyName ?? [])]);
  return names.length ? [...new Set(names)] : undefined;
}

export function createHubspotFields(client: HubspotClient): CrmFields {
  async function readDefinitions(names: readonly string[]): Promise<CrmResult<Map<string, FieldDefinition>>> {
    const r = await client.request('GET', hubspotPaths.properties('companies'), PropertyList);
    if (!r.ok) return r;
    const wanted = new Set(names);
    const out = new Map<string, FieldDefinition>();
    for (const p of r.value.data.results) {
      if (!wanted.has(p.name)) continue;
      out.set(p.name, { name: p.name, crmType: p.type, type: TYPES[p.type] ?? 'other', writable: !p.modificationMetadata?.readOnlyValue });
    }
    return ok(out);
  }

  async function listFields(): Promise<CrmResult<FieldDefinition[]>> {
    const r = await client.request('GET', hubspotPaths.properties('companies'), PropertyList);
    if (!r.ok) return r;
    return ok(
      r.value.data.results.map((p) => ({ name: p.name, crmType: p.type, type: TYPES[p.type] ?? 'other', writable: !p.modificationMetadata?.readOnlyValue, ...(p.label ? { label: p.label } : {}) })),
    );
  }

  async function readBook(book: ResolvedBook, fields: readonly string[], options: ReadBookOptions = {}): Promise<CrmResult<BookAccount[]>> {
    const properties = [...new Set(['name', book.csmField, ...book.filter.map((f) => f.field), ...fields])];
    const out: BookAccount[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const q = new URLSearchParams({ limit: '100', properties: properties.join(','), ...(after ? { after } : {}) });
      const r = await client.request('GET', `${hubspotPaths.objects('companies')}?${q}`, ObjectList);
      if (!r.ok) return r;
      if (page === 0) options.onCrmClock?.(crmClock(r.value.headers.get('date')));
      for (const o of r.value.data.results) {
        if (!inBook(book, o.properties)) continue;
        out.push({ id: o.id, name: o.properties.name ?? null, csm: o.properties[book.csmField] ?? null, fields: Object.fromEntries(fields.map((f) => [f, o.properties[f] ?? null])) });
      }
      options.onPage?.(out.length);
      after = r.value.data.paging?.next?.after;
      if (!after) return ok(out);
      // Reading a large book is paced like the writes: the team's sidebars keep their share of the window.
      const pace = paceHubspot(client.rateLimit(), 1);
      if (pace.kind === 'go' && pace.waitMs > 0 && options.sleep) await options.sleep(pace.waitMs);
    }
    return fail(crmErrors.malformed('hubspot', 'company paging did not end'));
  }

  /**
   * The companies modified after `since`, through the CRM search (POST /crm/objects/2026-09/companies/search,
   * hs_lastmodifieddate GT, 200 a page). Search is eventually consistent: the caller goes back a
   * margin before its mark (lib/portfolio/incremental.ts). It pages through at most 10,000 results:
   * beyond that it says tooMany, and the caller reads the whole book.
   */
  async function readChanged(book: ResolvedBook, fields: readonly string[], since: string, options: ReadBookOptions = {}): Promise<CrmResult<ChangedBook>> {
    const at = Date.parse(since);
    if (!Number.isFinite(at)) return fail(crmErrors.malformed('hubspot', `not an instant to read changes since: ${since}`));
    const properties = [...new Set(['name', book.csmField, ...book.filter.map((f) => f.field), ...fields])];
    const accounts: BookAccount[] = [];
    const left: string[] = [];
    let after = '0';
    for (let page = 0; page < SEARCH_MAX / SEARCH_PAGE; page++) {
      const body = { filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GT', value: String(at) }] }], properties, limit: SEARCH_PAGE, after, sorts: [] };
      const r = await client.request('POST', `${hubspotPaths.objects('companies')}/search`, SearchAnswer, body);
      if (!r.ok) return r;
      if (page === 0) options.onCrmClock?.(crmClock(r.value.headers.get('date')));
      if (r.value.data.total > SEARCH_MAX) return ok({ accounts: [], left: [], tooMany: true });
      for (const o of r.value.data.results) {
        if (!inBook(book, o.properties)) {
          left.push(o.id);
          continue;
        }
        accounts.push({ id: o.id, name: o.properties.name ?? null, csm: o.properties[book.csmField] ?? null, fields: Object.fromEntries(fields.map((f) => [f, o.properties[f] ?? null])) });
      }
      options.onPage?.(accounts.length);
      const next = r.value.data.paging?.next?.after;
      if (!next) return ok({ accounts, left, tooMany: false });
      after = next;
      const pace = paceHubspot(client.rateLimit(), 1);
      if (pace.kind === 'go' && pace.waitMs > 0 && options.sleep) await options.sleep(pace.waitMs);
    }
    return ok({ accounts: [], left: [], tooMany: true });
  }

  async function readRecords(ids: readonly string[], fields: readonly string[]): Promise<CrmResult<AccountNow[]>> {
    const r = await client.batchReadCompanies([...ids], [...fields]);
    if (!r.ok) return r;
    return ok(r.value.results.map((o) => ({ id: o.id, fields: Object.fromEntries(fields.map((f) => [f, o.properties[f] ?? null])) })));
  }

  async function writeBatch(records: readonly RecordWrite[]): Promise<CrmResult<RecordResult[]>> {
    if (records.length > HUBSPOT_BATCH_UPDATE_MAX) return fail(crmErrors.invalid('hubspot', 'publish.batch-too-large', { count: records.length, max: HUBSPOT_BATCH_UPDATE_MAX }));
    const bad = records.find((x) => !NUMERIC_ID.test(x.id));
    if (bad) return fail(crmErrors.invalid('hubspot', 'hubspot.bad-id', { id: bad.id }));
    // Every property value is a string on the wire; the record id is each input's trace id, so a 207's errors name their inputs.
    const inputs = records.map((x) => ({
      id: x.id,
      objectWriteTraceId: x.id,
      properties: Object.fromEntries(Object.entries(x.fields).map(([k, v]) => [k, v === null ? '' : String(v)])),
    }));
    const r = await client.request('POST', hubspotPaths.batchUpdate('companies'), BatchUpdateAnswer, { inputs });
    if (!r.ok) return r;
    const answer = r.value.data;
    const done = new Set(answer.results.map((x) => x.objectWriteTraceId ?? x.id));
    const failed = new Map<string, RecordResult>();
    for (const e of answer.errors ?? []) {
      const named = [...(e.context?.objectWriteTraceId ?? []), ...(e.context?.ids ?? [])];
      // An error that names no input is about every input that did not come back.
      const ids = named.length ? named : records.map((x) => x.id).filter((id) => !done.has(id));
      const { code, retryable } = codeOf(e.category, e.message);
      const fields = namedFields(e);
      const crmCode = e.errors?.find((x) => x.code)?.code ?? e.category;
      for (const id of ids) if (!failed.has(id)) failed.set(id, { id, ok: false, code, retryable, message: e.message, crmCode, ...(fields ? { fields } : {}) });
    }
    return ok(
      records.map((x): RecordResult => {
        const f = failed.get(x.id);
        if (f) return f;
        if (done.has(x.id)) return { id: x.id, ok: true };
        // Neither a result nor an error: the answer does not say; count it as not written.
        return { id: x.id, ok: false, code: 'other', retryable: true, message: 'HubSpot returned neither a result nor an error for this record' };
      }),
    );
  }

  /** Sidebars count a company's associated tickets and contacts the same way (client.countAssociations). */
  async function countAssociations(ids: readonly string[], association: 'openTickets' | 'contacts' | 'openCases'): Promise<CrmResult<Map<string, number>>> {
    const to = association === 'openTickets' ? 'tickets' : association === 'contacts' ? 'contacts' : null;
    if (!to) return ok(new Map());
    return client.countAssociationsOf('companies', ids, to);
  }

  return {
    countAssociations,
    crm: 'hubspot',
    readDefinitions,
    listFields,
    readBook,
    readChanged,
    readRecords,
    writeBatch,
    pace: (needed = 1) => paceHubspot(client.rateLimit(), needed),
    windowLeft: () => sidebarShareLeft(client.rateLimit()),
  };
}

