// Salesforce REST client for the background service worker. The session comes
// from a callback on every request, so a refreshed cookie or token is picked
// up without rebuilding the client.
import * as z from 'zod';
import { toId18 } from '../salesforce-id.ts';
import { crmErrors, fail, ok, requestJson, writeOnce, type CrmResult, type HttpOptions, type HttpRequest, type RetryOptions } from '../http.ts';
import { readClientId } from '../hubspot/note-body.ts';
import { classifySalesforce, readApiUsage, type SalesforceApiUsage } from './errors.ts';
import { apiBaseUrl } from './host.ts';
import { base64Utf8, contentNoteHtml, isClientId, taskDescription, TASK_DESCRIPTION_MAX, titleWithMarker, type SalesforceNoteContent } from './note-content.ts';
import { ContentNoteRow, CreateResult, LinkRow, NoContent, QueryRecord, queryPage, SObject, TaskRow } from './schemas.ts';
import { isSoqlField, soqlContains, soqlString } from './soql.ts';

export { apiHostFor } from './host.ts';
export { soqlString } from './soql.ts';

export interface SalesforceSession {
  instanceUrl: string;
  accessToken: string;
}

export interface SalesforceClientOptions {
  getSession: () => Promise<SalesforceSession>;
  fetch: typeof fetch;
  apiVersion?: string;
  timeoutMs?: number;
  now?: () => number;
}

export type NoteMode = 'ContentNote' | 'Task';

export interface CreateNoteInput extends SalesforceNoteContent {
  accountId: string;
  mode: NoteMode;
  /** The Task's ActivityDate; today when omitted. */
  date?: Date;
}

export interface UpdateNoteInput extends SalesforceNoteContent {
  id: string;
  mode: NoteMode;
}

export interface SalesforceNote {
  id: string;
  mode: NoteMode;
  title: string | null;
  /** TextPreview for a ContentNote, Description for a Task. */
  text: string | null;
  clientId: string | null;
  createdAt: string;
  updatedAt: string;
  /** False for a ContentNote that exists but is not yet linked to the account (a lost link step). */
  linked: boolean;
}

// Enough ids per IN (...) to keep the query URL well under 16 KB.
const IN_CHUNK = 100;
// A guard against a paging loop; the REST API pages by 2,000.
const MAX_QUERY_RECORDS = 50_000;
const MARKER_LIKE = soqlContains('Sidecar ID:');

function badId(id: string) {
  return fail(
    crmErrors.invalid('salesforce', {
      en: `"${id}" is not a Salesforce record id (15 or 18 letters and digits). Open the record again.`,
      ja: `「${id}」は Salesforce のレコード ID（英数字 15 桁または 18 桁）ではありません。レコードを開き直してください。`,
    }),
  );
}

function internal(en: string, ja: string) {
  return fail(crmErrors.invalid('salesforce', { en: `Internal error: ${en}`, ja: `内部エラー：${ja}` }));
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function createSalesforceClient(options: SalesforceClientOptions) {
  const version = options.apiVersion ?? 'v67.0';
  const now = options.now ?? Date.now;
  let lastUsage: SalesforceApiUsage | null = null;
  const http: HttpOptions = {
    crm: 'salesforce',
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
    classify: (res) => classifySalesforce(res, now()),
    onHeaders: (headers) => {
      lastUsage = readApiUsage(headers) ?? lastUsage;
    },
  };

  /** `path` starts with /services/data/…; `rel` is relative to /services/data/{version}. */
  async function call<S extends z.ZodType>(method: HttpRequest['method'], path: string, schema: S, json?: unknown): Promise<CrmResult<z.output<S>>> {
    let session: SalesforceSession;
    try {
      session = await options.getSession();
    } catch (e) {
      return fail(crmErrors.auth('salesforce', e instanceof Error ? e.message : String(e)));
    }
    let base: string;
    try {
      base = apiBaseUrl(session.instanceUrl);
    } catch {
      return fail(crmErrors.auth('salesforce', `not a URL: ${session.instanceUrl}`));
    }
    const r = await requestJson(http, { method, url: base + path, headers: { authorization: `Bearer ${session.accessToken}` }, json }, schema);
    return r.ok ? ok(r.value.data) : r;
  }

  const rest = <S extends z.ZodType>(method: HttpRequest['method'], rel: string, schema: S, json?: unknown) =>
    call(method, `/services/data/${version}${rel}`, schema, json);

  async function queryAs<S extends z.ZodType>(soql: string, record: S): Promise<CrmResult<{ totalSize: number; records: Array<z.output<S>> }>> {
    const page = queryPage(record);
    let r = await rest('GET', `/query?${new URLSearchParams({ q: soql })}`, page);
    if (!r.ok) return r;
    const records: Array<z.output<S>> = [...r.value.records];
    const totalSize = r.value.totalSize;
    while (!r.value.done && r.value.nextRecordsUrl) {
      const next: string = r.value.nextRecordsUrl;
      // Only ever follow a path on the same instance: the token goes with it.
      if (!next.startsWith('/services/data/')) return fail(crmErrors.malformed('salesforce', `unexpected nextRecordsUrl ${next}`));
      if (records.length >= MAX_QUERY_RECORDS) return fail(crmErrors.malformed('salesforce', 'query paging did not end'));
      r = await call('GET', next, page);
      if (!r.ok) return r;
      records.push(...r.value.records);
    }
    return ok({ totalSize, records });
  }

  async function createdId(rel: string, json: unknown): Promise<CrmResult<string>> {
    const r = await rest('POST', rel, CreateResult, json);
    if (!r.ok) return r;
    if (!r.value.success) return fail(crmErrors.validation('salesforce', r.value.errors.map((e) => e.message ?? e.statusCode ?? '').join('; ')));
    return ok(r.value.id);
  }

  async function linkToAccount(documentId: string, accountId: string): Promise<CrmResult<string>> {
    return createdId('/sobjects/ContentDocumentLink', { ContentDocumentId: documentId, LinkedEntityId: accountId, ShareType: 'I' });
  }

  async function contentNotesById(ids: string[], linked: boolean): Promise<CrmResult<SalesforceNote[]>> {
    const out: SalesforceNote[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const list = ids.slice(i, i + IN_CHUNK).map(soqlString).join(', ');
      const r = await queryAs(`SELECT Id, Title, TextPreview, CreatedDate, LastModifiedDate FROM ContentNote WHERE Id IN (${list})`, ContentNoteRow);
      if (!r.ok) return r;
      for (const n of r.value.records) {
        out.push({ id: n.Id, mode: 'ContentNote', title: n.Title, text: n.TextPreview, clientId: readClientId(n.Title), createdAt: n.CreatedDate, updatedAt: n.LastModifiedDate, linked });
      }
    }
    return ok(out);
  }

  function taskNote(t: z.output<typeof TaskRow>): SalesforceNote {
    return { id: t.Id, mode: 'Task', title: t.Subject, text: t.Description, clientId: readClientId(t.Subject), createdAt: t.CreatedDate, updatedAt: t.LastModifiedDate, linked: true };
  }

  const TASK_FIELDS = 'Id, Subject, Description, ActivityDate, CreatedDate, LastModifiedDate';

  async function findNoteByClientId(accountId: string, clientId: string): Promise<CrmResult<SalesforceNote | null>> {
    const account = toId18(accountId);
    if (!account) return badId(accountId);
    if (!isClientId(clientId)) return internal('not a Sidecar ID.', 'Sidecar ID ではありません。');
    const marker = soqlContains(`Sidecar ID: ${clientId}`);
    const tasks = await queryAs(`SELECT ${TASK_FIELDS} FROM Task WHERE WhatId = ${soqlString(account)} AND Subject LIKE ${marker} LIMIT 1`, TaskRow);
    if (!tasks.ok) return tasks;
    if (tasks.value.records[0]) return ok(taskNote(tasks.value.records[0]));
    const links = await queryAs(`SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = ${soqlString(account)} AND ContentDocument.Title LIKE ${marker}`, LinkRow);
    if (!links.ok) return links;
    if (links.value.records[0]) {
      const notes = await contentNotesById([links.value.records[0].ContentDocumentId], true);
      if (!notes.ok) return notes;
      if (notes.value[0]) return ok(notes.value[0]);
    }
    // A ContentNote whose create answer was lost has no link yet; its owner can still see it.
    const orphan = await queryAs(`SELECT Id, Title, TextPreview, CreatedDate, LastModifiedDate FROM ContentNote WHERE Title LIKE ${marker} LIMIT 1`, ContentNoteRow);
    if (!orphan.ok) return orphan;
    const o = orphan.value.records[0];
    return ok(o ? { id: o.Id, mode: 'ContentNote', title: o.Title, text: o.TextPreview, clientId: readClientId(o.Title), createdAt: o.CreatedDate, updatedAt: o.LastModifiedDate, linked: false } : null);
  }

  async function createNote(input: CreateNoteInput): Promise<CrmResult<{ id: string; mode: NoteMode }>> {
    const account = toId18(input.accountId);
    if (!account) return badId(input.accountId);
    if (!isClientId(input.clientId)) return internal('the note has no valid Sidecar ID.', 'メモに有効な Sidecar ID がありません。');
    const title = titleWithMarker(input.title, input.clientId);
    if (input.mode === 'Task') {
      const description = taskDescription(input);
      if (description.length > TASK_DESCRIPTION_MAX) return tooLong(description.length);
      const id = await createdId('/sobjects/Task', {
        WhatId: account,
        Subject: title,
        Description: description,
        Status: 'Completed',
        ActivityDate: isoDate(input.date ?? new Date(now())),
      });
      return id.ok ? ok({ id: id.value, mode: 'Task' }) : id;
    }
    // ContentNote's id is its ContentDocument's id, which is what the link names.
    const id = await createdId('/sobjects/ContentNote', { Title: title, Content: base64Utf8(contentNoteHtml(input)) });
    if (!id.ok) return id;
    const link = await linkToAccount(id.value, account);
    return link.ok ? ok({ id: id.value, mode: 'ContentNote' }) : link;
  }

  function tooLong(length: number) {
    return fail(
      crmErrors.invalid(
        'salesforce',
        {
          en: `The note is too long for a Salesforce task: ${length.toLocaleString('en-US')} characters, the limit is ${TASK_DESCRIPTION_MAX.toLocaleString('en-US')}. Shorten it and save again.`,
          ja: `メモが Salesforce の ToDo の上限を超えています（${length.toLocaleString('en-US')} 文字、上限は ${TASK_DESCRIPTION_MAX.toLocaleString('en-US')} 文字）。短くしてから保存し直してください。`,
        },
        ['Description'],
      ),
    );
  }

  return {
    /** The last `Sforce-Limit-Info` usage seen. */
    apiUsage: (): SalesforceApiUsage | null => lastUsage,

    async getAccount(id: string, fields: string[]): Promise<CrmResult<SObject>> {
      const id18 = toId18(id);
      if (!id18) return badId(id);
      const bad = fields.find((f) => !isSoqlField(f));
      if (bad) return internal(`"${bad}" is not a field name.`, `「${bad}」は項目名ではありません。`);
      return rest('GET', `/sobjects/Account/${id18}?${new URLSearchParams({ fields: fields.join(',') })}`, SObject);
    },

    /** Every record of a SOQL query, following nextRecordsUrl. Build literals with soqlString. */
    query: (soql: string) => queryAs(soql, QueryRecord),
    queryAs,

    async countOpenCases(accountId: string): Promise<CrmResult<number>> {
      const id18 = toId18(accountId);
      if (!id18) return badId(accountId);
      const r = await queryAs(`SELECT COUNT() FROM Case WHERE AccountId = ${soqlString(id18)} AND IsClosed = false`, QueryRecord);
      return r.ok ? ok(r.value.totalSize) : r;
    },

    createNote,

    /**
     * Create at most once: look the Sidecar ID up first and after any unknown
     * outcome. A ContentNote found without its account link gets the link.
     */
    async createNoteOnce(input: CreateNoteInput, retry?: RetryOptions): Promise<CrmResult<{ id: string; mode: NoteMode }>> {
      const account = toId18(input.accountId);
      if (!account) return badId(input.accountId);
      return writeOnce(
        {
          find: async () => {
            const found = await findNoteByClientId(account, input.clientId);
            if (!found.ok || !found.value) return found.ok ? ok(null) : found;
            if (!found.value.linked) {
              const link = await linkToAccount(found.value.id, account);
              if (!link.ok) return link;
            }
            return ok({ id: found.value.id, mode: found.value.mode });
          },
          create: () => createNote(input),
        },
        retry,
      );
    },

    async updateNote(input: UpdateNoteInput): Promise<CrmResult<{ id: string; mode: NoteMode }>> {
      const id18 = toId18(input.id);
      if (!id18) return badId(input.id);
      if (!isClientId(input.clientId)) return internal('the note has no valid Sidecar ID.', 'メモに有効な Sidecar ID がありません。');
      const title = titleWithMarker(input.title, input.clientId);
      const body =
        input.mode === 'Task'
          ? { Subject: title, Description: taskDescription(input) }
          : { Title: title, Content: base64Utf8(contentNoteHtml(input)) };
      if (input.mode === 'Task' && body.Description && body.Description.length > TASK_DESCRIPTION_MAX) return tooLong(body.Description.length);
      const r = await rest('PATCH', `/sobjects/${input.mode}/${id18}`, NoContent, body);
      return r.ok ? ok({ id: id18, mode: input.mode }) : r;
    },

    findNoteByClientId,

    /** The account's ContentNotes and the Tasks Sidecar wrote, newest first. */
    async listAccountNotes(accountId: string): Promise<CrmResult<SalesforceNote[]>> {
      const account = toId18(accountId);
      if (!account) return badId(accountId);
      const tasks = await queryAs(
        `SELECT ${TASK_FIELDS} FROM Task WHERE WhatId = ${soqlString(account)} AND Subject LIKE ${MARKER_LIKE} ORDER BY CreatedDate DESC LIMIT 200`,
        TaskRow,
      );
      if (!tasks.ok) return tasks;
      const links = await queryAs(`SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = ${soqlString(account)}`, LinkRow);
      if (!links.ok) return links;
      const notes = await contentNotesById([...new Set(links.value.records.map((l) => l.ContentDocumentId))], true);
      if (!notes.ok) return notes;
      const all = [...notes.value, ...tasks.value.records.map(taskNote)];
      all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return ok(all);
    },
  };
}

export type SalesforceClient = ReturnType<typeof createSalesforceClient>;
