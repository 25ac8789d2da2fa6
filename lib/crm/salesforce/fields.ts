// Salesforce's side of CrmFields: the Account's field definitions (describe), the book as one SOQL
// query, and updates through sObject Collections (PATCH /composite/sobjects, allOrNone false, at
// most 200 records, one SaveResult per record in the order sent: REST API Developer Guide).
import * as z from 'zod';
import type { ResolvedBook } from '../../engine/book.ts';
import { paceSalesforce } from '../../publish/pacing.ts';
import type { AccountNow, RecordWrite } from '../../publish/plan.ts';
import { crmClock, type BookAccount, type ChangedBook, type CrmFields, type FieldDefinition, type ReadBookOptions, type RecordResult, type WriteFailureCode } from '../fields.ts';
import { crmErrors, fail, ok, type CrmResult } from '../http.ts';
import { toId18 } from '../salesforce-id.ts';
import type { SalesforceClient } from './client.ts';
import { QueryRecord } from './schemas.ts';
import { isSoqlField, soqlString } from './soql.ts';

export const SALESFORCE_COLLECTION_MAX = 200;
// Ids per IN (...): keeps the query URL well under 16 KB.
const IN_CHUNK = 100;

const DescribeField = z.looseObject({ name: z.string(), label: z.string().optional(), type: z.string(), updateable: z.boolean().optional(), length: z.number().optional() });
const Describe = z.looseObject({ fields: z.array(DescribeField) });
const OpenCase = z.looseObject({ AccountId: z.nullable(z.string()) });

/** One SaveResult: `id` is absent for a record that failed; `errors` say why. */
const SaveResult = z.object({
  id: z.string().nullable().optional(),
  success: z.boolean(),
  errors: z.array(z.looseObject({ statusCode: z.string(), message: z.string(), fields: z.array(z.string()).optional() })),
});
const SaveResults = z.array(SaveResult);

const TYPES: Record<string, FieldDefinition['type']> = {
  double: 'number', int: 'number', long: 'number', currency: 'number', percent: 'number',
  string: 'string', textarea: 'string', picklist: 'enumeration', datetime: 'datetime', date: 'date', boolean: 'bool', reference: 'string', id: 'string',
};

/** A Salesforce status code → Sidecar's code. */
export function salesforceFailure(statusCode: string): { code: WriteFailureCode; retryable: boolean } {
  switch (statusCode) {
    case 'UNABLE_TO_LOCK_ROW':
      return { code: 'locked', retryable: true };
    case 'REQUEST_LIMIT_EXCEEDED':
      return { code: 'rate-limit', retryable: true };
    case 'INSUFFICIENT_ACCESS_OR_READONLY':
    case 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY':
    case 'INVALID_FIELD_FOR_INSERT_UPDATE':
    case 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY':
      return { code: 'no-access', retryable: false };
    case 'ENTITY_IS_DELETED':
    case 'INVALID_CROSS_REFERENCE_KEY':
    case 'MALFORMED_ID':
    case 'NOT_FOUND':
    case 'INVALID_ID_FIELD':
      return { code: 'not-found', retryable: false };
    case 'INVALID_FIELD':
      return { code: 'no-field', retryable: false };
    case 'FIELD_CUSTOM_VALIDATION_EXCEPTION':
    case 'FIELD_INTEGRITY_EXCEPTION':
    case 'FIELD_FILTER_VALIDATION_EXCEPTION':
    case 'INVALID_TYPE_ON_FIELD_IN_RECORD':
    case 'STRING_TOO_LONG':
    case 'NUMBER_OUTSIDE_VALID_RANGE':
    case 'REQUIRED_FIELD_MISSING':
    case 'DUPLICATE_VALUE':
      return { code: 'validation', retryable: false };
    default:
      return { code: 'other', retryable: false };
  }
}

const UNQUOTED = new Set(['double', 'int', 'long', 'currency', 'percent', 'boolean']);

/** One filter value as a SOQL literal for a field of this type: numbers and booleans bare, the rest quoted. */
function literal(value: string, type: string | undefined): string | null {
  if (type && UNQUOTED.has(type)) {
    if (type === 'boolean') return /^(true|false)$/i.test(value) ? value.toLowerCase() : null;
    return /^-?\d+(\.\d+)?$/.test(value) ? value : null;
  }
  return soqlString(value);
}

export function createSalesforceFields(client: SalesforceClient): CrmFields {
  let described: Map<string, z.infer<typeof DescribeField>> | null = null;

  async function describe(): Promise<CrmResult<Map<string, z.infer<typeof DescribeField>>>> {
    if (described) return ok(described);
    const r = await client.request('GET', '/sobjects/Account/describe', Describe);
    if (!r.ok) return r;
    described = new Map(r.value.fields.map((f) => [f.name, f]));
    return ok(described);
  }

  async function readDefinitions(names: readonly string[]): Promise<CrmResult<Map<string, FieldDefinition>>> {
    described = null;
    const d = await describe();
    if (!d.ok) return d;
    const out = new Map<string, FieldDefinition>();
    for (const name of names) {
      const f = d.value.get(name);
      if (f) out.set(name, { name, crmType: f.type, type: TYPES[f.type] ?? 'other', writable: f.updateable !== false });
    }
    return ok(out);
  }

  async function listFields(): Promise<CrmResult<FieldDefinition[]>> {
    described = null;
    const d = await describe();
    if (!d.ok) return d;
    return ok([...d.value.values()].map((f) => ({ name: f.name, crmType: f.type, type: TYPES[f.type] ?? 'other', writable: f.updateable !== false, ...(f.label ? { label: f.label } : {}) })));
  }

  /** The book's WHERE clause, each value typed as its field is; a field the Account lacks is named. */
  async function where(book: ResolvedBook): Promise<CrmResult<string>> {
    if (!book.filter.length) return ok('');
    const d = await describe();
    if (!d.ok) return d;
    const parts: string[] = [];
    for (const f of book.filter) {
      const type = d.value.get(f.field)?.type;
      if (!isSoqlField(f.field) || (!f.field.includes('.') && !type)) return fail(crmErrors.validation('salesforce', `No such column '${f.field}' on entity 'Account'`, [f.field]));
      if (f.op === 'known') {
        parts.push(`${f.field} != null`);
        continue;
      }
      const values = (Array.isArray(f.value) ? f.value : [f.value]).map((v) => literal(v, type));
      if (values.some((v) => v === null)) return fail(crmErrors.validation('salesforce', `A value for ${f.field} does not suit its type ${type ?? ''}`, [f.field]));
      parts.push(f.op === 'in' ? `${f.field} IN (${values.join(', ')})` : `${f.field} ${f.op === 'eq' ? '=' : '!='} ${values[0]}`);
    }
    return ok(` WHERE ${parts.join(' AND ')}`);
  }

  const value = (row: Record<string, unknown>, path: string): string | number | boolean | null => {
    let v: unknown = row;
    for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  };

  async function readBook(book: ResolvedBook, fields: readonly string[], options: ReadBookOptions = {}): Promise<CrmResult<BookAccount[]>> {
    const bad = fields.find((f) => !isSoqlField(f));
    if (bad) return fail(crmErrors.invalid('salesforce', 'salesforce.bad-field', { field: bad }));
    const w = await where(book);
    if (!w.ok) return w;
    // The owner's name comes with the same query (a relationship field), so the portfolio can name each CSM.
    const ownerName = book.csmField === 'OwnerId';
    const select = [...new Set(['Id', 'Name', book.csmField, ...(ownerName ? ['Owner.Name'] : []), ...fields])];
    // The org's clock as the read begins: its last answer before the query (the describe, usually); the query's own when there was none.
    const began = crmClock(client.serverDate());
    const r = await client.queryAs(`SELECT ${select.join(', ')} FROM Account${w.value}`, QueryRecord);
    if (!r.ok) return r;
    options.onCrmClock?.(began ?? crmClock(client.serverDate()));
    // SOQL pages (nextRecordsUrl) are followed inside queryAs: the progress is reported once, at the end.
    options.onPage?.(r.value.records.length);
    return ok(r.value.records.map((row) => account(book, fields, row)));
  }

  function account(book: ResolvedBook, fields: readonly string[], row: Record<string, unknown>): BookAccount {
        const ownerName = book.csmField === 'OwnerId';
        const id = String(value(row, 'Id') ?? '');
        const csm = value(row, book.csmField);
        const csmName = ownerName ? value(row, 'Owner.Name') : null;
        return {
          id: toId18(id) ?? id,
          name: (value(row, 'Name') as string | null) ?? null,
          csm: csm === null ? null : String(csm),
          ...(typeof csmName === 'string' ? { csmName } : {}),
          fields: Object.fromEntries(fields.map((f) => [f, value(row, f)])),
        };
  }

  /**
   * The accounts modified after `since`: two SOQL queries on SystemModstamp (a dateTime literal,
   * unquoted, as the SOQL reference's date formats give it): the book's accounts among them (the
   * book's own WHERE), and every modified account's Id, so that one modified out of the book is
   * known to have left it. Never a query per account.
   */
  async function readChanged(book: ResolvedBook, fields: readonly string[], since: string, options: ReadBookOptions = {}): Promise<CrmResult<ChangedBook>> {
    const at = Date.parse(since);
    if (!Number.isFinite(at)) return fail(crmErrors.malformed('salesforce', `not an instant to read changes since: ${since}`));
    const bad = fields.find((f) => !isSoqlField(f));
    if (bad) return fail(crmErrors.invalid('salesforce', 'salesforce.bad-field', { field: bad }));
    const w = await where(book);
    if (!w.ok) return w;
    const began = crmClock(client.serverDate());
    // Whole seconds (the literal's format); rounding down only reads a record more.
    const stamp = `SystemModstamp > ${new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z')}`;
    const select = [...new Set(['Id', 'Name', book.csmField, ...(book.csmField === 'OwnerId' ? ['Owner.Name'] : []), ...fields])];
    const inBook = await client.queryAs(`SELECT ${select.join(', ')} FROM Account${w.value ? `${w.value} AND ${stamp}` : ` WHERE ${stamp}`}`, QueryRecord);
    if (!inBook.ok) return inBook;
    const modified = await client.queryAs(`SELECT Id FROM Account WHERE ${stamp}`, QueryRecord);
    if (!modified.ok) return modified;
    options.onCrmClock?.(began ?? crmClock(client.serverDate()));
    const accounts = inBook.value.records.map((row) => account(book, fields, row));
    options.onPage?.(accounts.length);
    const kept = new Set(accounts.map((a) => a.id));
    const left = modified.value.records.map((row) => String(value(row, 'Id') ?? '')).map((id) => toId18(id) ?? id).filter((id) => id && !kept.has(id));
    return ok({ accounts, left, tooMany: false });
  }

  async function readRecords(ids: readonly string[], fields: readonly string[]): Promise<CrmResult<AccountNow[]>> {
    const bad = fields.find((f) => !isSoqlField(f));
    if (bad) return fail(crmErrors.invalid('salesforce', 'salesforce.bad-field', { field: bad }));
    const wanted = [...new Set(ids.map((id) => toId18(id)).filter((id): id is string => !!id))];
    const out: AccountNow[] = [];
    for (let i = 0; i < wanted.length; i += IN_CHUNK) {
      const list = wanted.slice(i, i + IN_CHUNK).map(soqlString).join(', ');
      const r = await client.queryAs(`SELECT ${['Id', ...fields.filter((f) => f !== 'Id')].join(', ')} FROM Account WHERE Id IN (${list})`, QueryRecord);
      if (!r.ok) return r;
      for (const row of r.value.records) {
        const id = String(value(row, 'Id') ?? '');
        out.push({ id: toId18(id) ?? id, fields: Object.fromEntries(fields.map((f) => [f, value(row, f)])) });
      }
    }
    return ok(out);
  }

  async function writeBatch(records: readonly RecordWrite[]): Promise<CrmResult<RecordResult[]>> {
    if (records.length > SALESFORCE_COLLECTION_MAX) return fail(crmErrors.invalid('salesforce', 'publish.batch-too-large', { count: records.length, max: SALESFORCE_COLLECTION_MAX }));
    for (const x of records) {
      if (!toId18(x.id)) return fail(crmErrors.invalid('salesforce', 'salesforce.bad-id', { id: x.id }));
      const bad = Object.keys(x.fields).find((f) => !isSoqlField(f) || f.includes('.'));
      if (bad) return fail(crmErrors.invalid('salesforce', 'salesforce.bad-field', { field: bad }));
    }
    const body = { allOrNone: false, records: records.map((x) => ({ attributes: { type: 'Account' }, id: toId18(x.id)!, ...x.fields })) };
    const r = await client.request('PATCH', '/composite/sobjects', SaveResults, body);
    if (!r.ok) return r;
    if (r.value.length !== records.length) return fail(crmErrors.malformed('salesforce', `sObject Collections answered ${r.value.length} results for ${records.length} records`));
    return ok(
      r.value.map((res, i): RecordResult => {
        const id = records[i]!.id;
        if (res.success) return { id, ok: true };
        const first = res.errors[0];
        const { code, retryable } = salesforceFailure(first?.statusCode ?? '');
        const fields = [...new Set(res.errors.flatMap((e) => e.fields ?? []))];
        return { id, ok: false, code, retryable, message: res.errors.map((e) => e.message).join(' ') || 'no reason given', ...(first ? { crmCode: first.statusCode } : {}), ...(fields.length ? { fields } : {}) };
      }),
    );
  }

  /**
   * Open cases per account, as the sidebar counts them (IsClosed = false): one query over the org's
   * open cases, paged, counted here; its cost follows the open cases, not the accounts.
   */
  async function countAssociations(ids: readonly string[], association: 'openTickets' | 'contacts' | 'openCases'): Promise<CrmResult<Map<string, number>>> {
    if (association !== 'openCases') return ok(new Map());
    const wanted = new Map(ids.map((id) => [toId18(id) ?? id, 0]));
    const r = await client.queryAs('SELECT AccountId FROM Case WHERE IsClosed = false', OpenCase);
    if (!r.ok) return r;
    for (const c of r.value.records) {
      const id = c.AccountId ? (toId18(c.AccountId) ?? c.AccountId) : null;
      if (id !== null && wanted.has(id)) wanted.set(id, wanted.get(id)! + 1);
    }
    return ok(wanted);
  }

  return {
    countAssociations,
    crm: 'salesforce',
    readDefinitions,
    listFields,
    readBook,
    readChanged,
    readRecords,
    writeBatch,
    pace: (needed = 1) => paceSalesforce(client.apiUsage(), needed),
    windowLeft: () => null,
  };
}
