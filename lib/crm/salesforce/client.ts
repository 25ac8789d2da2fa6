// Salesforce REST client for the background service worker. The session comes
// from a callback on every request, so a refreshed cookie or token is picked
// up without rebuilding the client.
import * as z from 'zod';
import type { ErrorKey } from '../../i18n/errors.ts';
import type { Vars } from '../../i18n/index.ts';
import { toId18 } from '../salesforce-id.ts';
import { crmErrors, fail, ok, requestJson, writeOnce, type CrmResult, type HttpOptions, type HttpRequest, type RetryOptions } from '../http.ts';
import { stripControlChars, titleClientId } from '../note-marker.ts';
import { classifySalesforce, readApiUsage, type SalesforceApiUsage } from './errors.ts';
import { apiBaseUrl } from './host.ts';
import { base64Utf8, contentNoteHtml, isClientId, taskDescription, TASK_DESCRIPTION_MAX, titleWithMarker, type SalesforceNoteContent } from './note-content.ts';
import { ChatterMe, CompositeAnswer, ContactRow, ContentNoteRow, CreateResult, ErrorArray, LinkRow, NoContent, QueryRecord, queryPage, RelationRow, SObject, TaskRow, UserInfo, UserRow } from './schemas.ts';
import { orderContacts, type CrmContact, type CrmPerson } from '../people.ts';
import { isSoqlField, soqlContains, soqlString } from './soql.ts';

/** Only the field names of an sObject describe (the answer is large; the rest is not read). */
const AccountDescribe = z.looseObject({ fields: z.array(z.looseObject({ name: z.string() })) });

export { apiHostFor } from './host.ts';
export { soqlString } from './soql.ts';

export interface SalesforceSession {
  instanceUrl: string;
  accessToken: string;
}

export interface SalesforceClientOptions {
  getSession: () => Promise<SalesforceSession>;
  /**
   * A request was refused with 401 (INVALID_SESSION_ID) on `failed`: get a new
   * session (refresh the OAuth token, re-read the cookie). ok(true): a new
   * session is there and the request is sent once more, through getSession;
   * ok(false): none, the 401 stands; an error: the new session could not be
   * fetched (the token endpoint unreachable), and the request fails with that.
   * Called at most once per request.
   */
  onUnauthorized?: (failed: SalesforceSession) => Promise<CrmResult<boolean>>;
  fetch: typeof fetch;
  apiVersion?: string;
  timeoutMs?: number;
  now?: () => number;
}

export type NoteMode = 'ContentNote' | 'Task';

export interface CreateNoteInput extends SalesforceNoteContent {
  accountId: string;
  mode: NoteMode;
  /** The Task's ActivityDate (YYYY-MM-DD) in the user's own time zone: a note at 08:30 JST is that day's, not the UTC day before. */
  activityDate?: string;
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
  /** A ContentNote's TextPreview stops at 255 characters: the note goes on in Salesforce. */
  cut: boolean;
  clientId: string | null;
  createdAt: string;
  updatedAt: string;
  /** False for a ContentNote that exists but is not yet linked to the account (a lost link step). */
  linked: boolean;
  /** The user who created it (CreatedById, 18 characters) and their name (CreatedBy.Name), as Salesforce records them. */
  authorId: string | null;
  authorName: string | null;
}

// Enough ids per IN (...) to keep the query URL well under 16 KB.
const IN_CHUNK = 100;
// A guard against a paging loop; the REST API pages by 2,000.
const MAX_QUERY_RECORDS = 50_000;
const MARKER_LIKE = soqlContains('Sidecar ID:');
/** ContentNote.TextPreview holds the first 255 characters. */
const TEXT_PREVIEW_MAX = 255;

function badId(id: string) {
  return fail(
    crmErrors.invalid('salesforce', 'salesforce.bad-id', { id }),
  );
}

function internal(key: ErrorKey, params?: Vars) {
  return fail(crmErrors.invalid('salesforce', key, params));
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function createSalesforceClient(options: SalesforceClientOptions) {
  const version = options.apiVersion ?? 'v67.0';
  const now = options.now ?? Date.now;
  let lastUsage: SalesforceApiUsage | null = null;
  /** The org's clock on its last answer (the Date header). */
  let lastDate: string | null = null;
  const http: HttpOptions = {
    crm: 'salesforce',
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
    classify: (res) => classifySalesforce(res, now()),
    onHeaders: (headers) => {
      lastUsage = readApiUsage(headers) ?? lastUsage;
      lastDate = headers.get('date') ?? lastDate;
    },
  };

  /** `path` starts with /services/data/…; `rel` is relative to /services/data/{version}. */
  async function send<S extends z.ZodType>(method: HttpRequest['method'], path: string, schema: S, json: unknown, text = false): Promise<{ session: SalesforceSession | null; r: CrmResult<z.output<S>> }> {
    let session: SalesforceSession;
    try {
      session = await options.getSession();
    } catch (e) {
      return { session: null, r: fail(crmErrors.auth('salesforce', e instanceof Error ? e.message : String(e))) };
    }
    let base: string;
    try {
      base = apiBaseUrl(session.instanceUrl);
    } catch {
      return { session: null, r: fail(crmErrors.auth('salesforce', `not a URL: ${session.instanceUrl}`)) };
    }
    const r = await requestJson(http, { method, url: base + path, headers: { authorization: `Bearer ${session.accessToken}` }, json, ...(text ? { text } : {}) }, schema);
    return { session, r: r.ok ? ok(r.value.data) : r };
  }

  /**
   * One request. A 401 on a session Salesforce answered gets one new session
   * (onUnauthorized) and one more try: a 401 means nothing was done, so a write
   * is safe to repeat. A second 401 is the answer.
   */
  async function call<S extends z.ZodType>(method: HttpRequest['method'], path: string, schema: S, json?: unknown, text = false): Promise<CrmResult<z.output<S>>> {
    const first = await send(method, path, schema, json, text);
    if (first.r.ok || first.r.error.kind !== 'auth' || !first.session || !options.onUnauthorized) return first.r;
    let renewed: CrmResult<boolean>;
    try {
      renewed = await options.onUnauthorized(first.session);
    } catch {
      return first.r;
    }
    if (!renewed.ok) return renewed;
    if (!renewed.value) return first.r;
    return (await send(method, path, schema, json, text)).r;
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

  async function contentNotesById(ids: string[], linked: boolean): Promise<CrmResult<SalesforceNote[]>> {
    const out: SalesforceNote[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const list = ids.slice(i, i + IN_CHUNK).map(soqlString).join(', ');
      const r = await queryAs(`SELECT Id, Title, TextPreview, CreatedDate, LastModifiedDate, CreatedById, CreatedBy.Name FROM ContentNote WHERE Id IN (${list})`, ContentNoteRow);
      if (!r.ok) return r;
      for (const n of r.value.records) {
        out.push(contentNote(n, linked));
      }
    }
    return ok(out);
  }

  function taskNote(t: z.output<typeof TaskRow>): SalesforceNote {
    return { id: t.Id, mode: 'Task', title: t.Subject, text: t.Description, cut: false, clientId: titleClientId(t.Subject), createdAt: t.CreatedDate, updatedAt: t.LastModifiedDate, linked: true, ...author(t) };
  }

  function contentNote(n: z.output<typeof ContentNoteRow>, linked: boolean): SalesforceNote {
    const text = n.TextPreview;
    return { id: n.Id, mode: 'ContentNote', title: n.Title, text, cut: (text?.length ?? 0) >= TEXT_PREVIEW_MAX, clientId: titleClientId(n.Title), createdAt: n.CreatedDate, updatedAt: n.LastModifiedDate, linked, ...author(n) };
  }

  function author(row: { CreatedById: string | null; CreatedBy: { Name: string | null } | null }): Pick<SalesforceNote, 'authorId' | 'authorName'> {
    return { authorId: row.CreatedById ? (toId18(row.CreatedById) ?? row.CreatedById) : null, authorName: row.CreatedBy?.Name ?? null };
  }

  /** The note Sidecar wrote under this id among candidates: its own title marker names it; a planted copy is younger than the original. */
  function oldestOwn(notes: SalesforceNote[], clientId: string): SalesforceNote | null {
    return notes.filter((n) => n.clientId === clientId).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0] ?? null;
  }

  const TASK_FIELDS = 'Id, Subject, Description, ActivityDate, CreatedDate, LastModifiedDate, CreatedById, CreatedBy.Name';

  /**
   * The note Sidecar wrote for this client id on this account, or null. Only a
   * title whose END is the marker counts (a quoted marker in the user's first
   * line is not the note's identity). Task mode never touches ContentNote:
   * orgs without enhanced Notes, the usual reason for Task mode, refuse it.
   */
  async function findNoteByClientId(accountId: string, clientId: string, mode: NoteMode = 'ContentNote'): Promise<CrmResult<SalesforceNote | null>> {
    const account = toId18(accountId);
    if (!account) return badId(accountId);
    if (!isClientId(clientId)) return internal('salesforce.no-sidecar-id');
    const marker = soqlContains(`Sidecar ID: ${clientId}`);
    const tasks = await queryAs(`SELECT ${TASK_FIELDS} FROM Task WHERE WhatId = ${soqlString(account)} AND Subject LIKE ${marker} ORDER BY CreatedDate ASC LIMIT 50`, TaskRow);
    if (!tasks.ok) return tasks;
    const task = oldestOwn(tasks.value.records.map(taskNote), clientId);
    if (task || mode === 'Task') return ok(task);
    const links = await queryAs(`SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = ${soqlString(account)} AND ContentDocument.Title LIKE ${marker}`, LinkRow);
    if (!links.ok) return links;
    const notes = await contentNotesById([...new Set(links.value.records.map((l) => l.ContentDocumentId))], true);
    if (!notes.ok) return notes;
    return ok(oldestOwn(notes.value, clientId));
  }

  async function createNote(input: CreateNoteInput): Promise<CrmResult<{ id: string; mode: NoteMode }>> {
    const account = toId18(input.accountId);
    if (!account) return badId(input.accountId);
    if (!isClientId(input.clientId)) return internal('salesforce.no-sidecar-id');
    const title = titleWithMarker(stripControlChars(input.title), input.clientId);
    if (input.mode === 'Task') {
      const description = taskDescription(input);
      if (description.length > TASK_DESCRIPTION_MAX) return tooLong(description.length);
      const id = await createdId('/sobjects/Task', {
        WhatId: account,
        Subject: title,
        Description: description,
        Status: 'Completed',
        ActivityDate: input.activityDate ?? isoDate(new Date(now())),
      });
      return id.ok ? ok({ id: id.value, mode: 'Task' }) : id;
    }
    // The note and its link to the account in one Composite call with allOrNone: either both
    // exist or neither does, so a failed link step never leaves an unlinked note that a retry
    // would copy. ContentNote's id is its ContentDocument's id, which the link names.
    const r = await rest('POST', '/composite', CompositeAnswer, {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `/services/data/${version}/sobjects/ContentNote`, referenceId: 'note', body: { Title: title, Content: base64Utf8(contentNoteHtml(input)) } },
        { method: 'POST', url: `/services/data/${version}/sobjects/ContentDocumentLink`, referenceId: 'link', body: { ContentDocumentId: '@{note.id}', LinkedEntityId: account, ShareType: 'I' } },
      ],
    });
    if (!r.ok) return r;
    return compositeCreated(r.value);
  }

  /** The note's id from a Composite answer, or the subrequest error that rolled it back. */
  function compositeCreated(answer: CompositeAnswer): CrmResult<{ id: string; mode: NoteMode }> {
    const note = answer.compositeResponse.find((x) => x.referenceId === 'note');
    const link = answer.compositeResponse.find((x) => x.referenceId === 'link');
    const created = note && note.httpStatusCode < 300 ? CreateResult.safeParse(note.body) : null;
    if (created?.success && link && link.httpStatusCode < 300) return ok({ id: created.data.id, mode: 'ContentNote' });
    // The cause, not the PROCESSING_HALTED echoes of the rolled-back steps.
    const errors = answer.compositeResponse.flatMap((x) => {
      const e = ErrorArray.safeParse(x.body);
      return e.success ? e.data.filter((err) => err.errorCode !== 'PROCESSING_HALTED').map((err) => ({ ...err, step: x.referenceId })) : [];
    });
    if (!errors.length) return fail(crmErrors.malformed('salesforce', `composite answer without the note: ${JSON.stringify(answer).slice(0, 300)}`));
    const first = errors[0]!;
    const detail = errors.map((e) => `${e.step}: ${e.errorCode} ${e.message}`).join('; ');
    if (first.step === 'link') {
      return fail(
        crmErrors.invalid('salesforce', 'salesforce.link-refused', { code: first.errorCode, message: first.message }, first.fields),
      );
    }
    return fail(crmErrors.validation('salesforce', `${first.message} (${first.errorCode}; ${detail})`, first.fields));
  }

  function tooLong(length: number) {
    return fail(
      crmErrors.invalid('salesforce', 'salesforce.task-too-long', { length: length.toLocaleString('en-US'), max: TASK_DESCRIPTION_MAX.toLocaleString('en-US') }, ['Description']),
    );
  }

  /**
   * The signed-in user: the OpenID Connect UserInfo endpoint on the org's My
   * Domain. A token without the identity scopes (an app granted only `api`) is
   * refused there; then Chatter's users/me, which `api` covers, names the user.
   */
  async function currentUser(): Promise<CrmResult<CrmPerson>> {
    const info = await call('GET', '/services/oauth2/userinfo', UserInfo);
    if (info.ok) {
      const id = toId18(info.value.user_id);
      if (!id) return fail(crmErrors.malformed('salesforce', `userinfo user_id ${info.value.user_id}`));
      const name = info.value.name?.trim() || info.value.preferred_username || id;
      return ok({ id, name, ...(info.value.email ? { email: info.value.email } : {}) });
    }
    if (info.error.kind === 'auth' || info.error.kind === 'rate-limit' || info.error.kind === 'network' || info.error.kind === 'timeout') return info;
    const me = await rest('GET', '/chatter/users/me', ChatterMe);
    if (!me.ok) return me;
    const id = toId18(me.value.id);
    if (!id) return fail(crmErrors.malformed('salesforce', `chatter users/me id ${me.value.id}`));
    return ok({ id, name: me.value.name?.trim() || id, ...(me.value.email ? { email: me.value.email } : {}) });
  }

  /** Users by id (an account's owner): id (18 characters) → person; ids Salesforce does not show are left out. */
  async function users(ids: string[]): Promise<CrmResult<Map<string, CrmPerson>>> {
    const out = new Map<string, CrmPerson>();
    const wanted = [...new Set(ids.map((id) => toId18(id)).filter((id): id is string => !!id))];
    for (let i = 0; i < wanted.length; i += IN_CHUNK) {
      const list = wanted.slice(i, i + IN_CHUNK).map(soqlString).join(', ');
      const r = await queryAs(`SELECT Id, Name, Email FROM User WHERE Id IN (${list})`, UserRow);
      if (!r.ok) return r;
      for (const u of r.value.records) {
        const id = toId18(u.Id) ?? u.Id;
        out.set(id, { id, name: u.Name ?? id, ...(u.Email ? { email: u.Email } : {}) });
      }
    }
    return ok(out);
  }

  /**
   * The account's contacts for templates: its own Contacts (the account is
   * their primary one) and, where the org relates contacts to several
   * accounts, the others through AccountContactRelation; primary first, then
   * the most recent activity. An org without AccountContactRelation gives its
   * own Contacts only.
   */
  async function accountContacts(accountId: string): Promise<CrmResult<CrmContact[]>> {
    const account = toId18(accountId);
    if (!account) return badId(accountId);
    const fields = 'FirstName, LastName, Email, Title, LastActivityDate';
    const direct = await queryAs(`SELECT Id, ${fields} FROM Contact WHERE AccountId = ${soqlString(account)} LIMIT 200`, ContactRow);
    if (!direct.ok) return direct;
    const contact = (id: string, c: { FirstName: string | null; LastName: string | null; Email: string | null; Title: string | null; LastActivityDate: string | null }, primary: boolean): CrmContact => ({
      id: toId18(id) ?? id,
      ...(c.FirstName ? { firstName: c.FirstName } : {}),
      ...(c.LastName ? { lastName: c.LastName } : {}),
      ...(c.Email ? { email: c.Email } : {}),
      ...(c.Title ? { title: c.Title } : {}),
      primary,
      ...(c.LastActivityDate ? { lastEngagedAt: c.LastActivityDate } : {}),
    });
    const all = direct.value.records.map((c) => contact(c.Id, c, true));
    const related = await queryAs(
      `SELECT ContactId, IsDirect, Contact.${fields.split(', ').join(', Contact.')} FROM AccountContactRelation WHERE AccountId = ${soqlString(account)} AND IsDirect = false LIMIT 200`,
      RelationRow,
    );
    // Contacts to Multiple Accounts is off (INVALID_TYPE), or the user may not read it: the direct contacts stand.
    if (!related.ok && related.error.kind !== 'validation' && related.error.kind !== 'forbidden') return related;
    if (related.ok) {
      const seen = new Set(all.map((c) => c.id));
      for (const r of related.value.records) {
        const id = toId18(r.ContactId) ?? r.ContactId;
        if (!seen.has(id) && r.Contact) all.push(contact(id, r.Contact, false));
      }
    }
    return ok(orderContacts(all));
  }

  return {
    currentUser,
    users,
    accountContacts,

    /** One REST request under /services/data/{version}, for this folder's own modules (fields.ts): the checked body. */
    request: rest,

    /** The last `Sforce-Limit-Info` usage seen. */
    apiUsage: (): SalesforceApiUsage | null => lastUsage,
    /** The Date header of the org's last answer (its own clock), as sent. */
    serverDate: (): string | null => lastDate,

    async getAccount(id: string, fields: string[]): Promise<CrmResult<SObject>> {
      const id18 = toId18(id);
      if (!id18) return badId(id);
      const bad = fields.find((f) => !isSoqlField(f));
      if (bad) return internal('salesforce.bad-field', { field: bad });
      return rest('GET', `/sobjects/Account/${id18}?${new URLSearchParams({ fields: fields.join(',') })}`, SObject);
    },

    /** The Account fields this user can see (describe): a read never names a field the org lacks or hides. */
    async accountFieldNames(): Promise<CrmResult<Set<string>>> {
      const r = await rest('GET', '/sobjects/Account/describe', AccountDescribe);
      return r.ok ? ok(new Set(r.value.fields.map((f) => f.name))) : r;
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
    async createNoteOnce(input: CreateNoteInput, retry?: RetryOptions & { lookFirst?: boolean; accept?: (found: SalesforceNote) => boolean }): Promise<CrmResult<{ id: string; mode: NoteMode }>> {
      const account = toId18(input.accountId);
      if (!account) return badId(input.accountId);
      return writeOnce(
        {
          find: async () => {
            const found = await findNoteByClientId(account, input.clientId, input.mode);
            if (!found.ok) return found;
            if (!found.value) return ok(null);
            if (retry?.accept && !retry.accept(found.value)) {
              return fail(
                crmErrors.invalid('salesforce', 'salesforce.note-conflict', { remoteId: found.value.id }),
              );
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
      if (!isClientId(input.clientId)) return internal('salesforce.no-sidecar-id');
      const title = titleWithMarker(stripControlChars(input.title), input.clientId);
      const body =
        input.mode === 'Task'
          ? { Subject: title, Description: taskDescription(input) }
          : { Title: title, Content: base64Utf8(contentNoteHtml(input)) };
      if (input.mode === 'Task' && body.Description && body.Description.length > TASK_DESCRIPTION_MAX) return tooLong(body.Description.length);
      const r = await rest('PATCH', `/sobjects/${input.mode}/${id18}`, NoContent, body);
      return r.ok ? ok({ id: id18, mode: input.mode }) : r;
    },

    findNoteByClientId,

    /**
     * Delete a note. A 404 is not taken as proof on its own (a note the user
     * cannot see also answers 404): the note is looked up by id, and only when
     * the look-up agrees that it is gone does the delete count as done.
     */
    async deleteNote(id: string, mode: NoteMode): Promise<CrmResult<void>> {
      const id18 = toId18(id);
      if (!id18) return badId(id);
      const r = await rest('DELETE', `/sobjects/${mode}/${id18}`, z.unknown());
      if (r.ok) return ok(undefined);
      if (r.error.kind !== 'not-found') return r;
      const still = await queryAs(`SELECT Id FROM ${mode} WHERE Id = ${soqlString(id18)}`, QueryRecord);
      if (!still.ok) return still;
      if (still.value.totalSize === 0) return ok(undefined);
      return fail(
        crmErrors.invalid('salesforce', 'salesforce.delete-refused', { id: id18 }),
      );
    },

    /**
     * The Tasks Sidecar wrote on the account and, in ContentNote mode, its
     * ContentNotes, newest first. Task mode never queries ContentNote.
     */
    /**
     * A ContentNote's whole body (its Content blob, HTML): TextPreview stops at 255 characters,
     * before Sidecar's ratings block. sObject Blob Get, one request per note (not in Composite).
     */
    async noteContent(id: string): Promise<CrmResult<string>> {
      const doc = toId18(id);
      if (!doc) return badId(id);
      return call('GET', `/services/data/${version}/sobjects/ContentNote/${doc}/Content`, z.string().check(z.maxLength(2_000_000)), undefined, true);
    },

    async listAccountNotes(accountId: string, mode: NoteMode = 'ContentNote'): Promise<CrmResult<SalesforceNote[]>> {
      const account = toId18(accountId);
      if (!account) return badId(accountId);
      const tasks = await queryAs(
        `SELECT ${TASK_FIELDS} FROM Task WHERE WhatId = ${soqlString(account)} AND Subject LIKE ${MARKER_LIKE} ORDER BY CreatedDate DESC LIMIT 200`,
        TaskRow,
      );
      if (!tasks.ok) return tasks;
      const all = tasks.value.records.map(taskNote);
      if (mode === 'ContentNote') {
        const links = await queryAs(`SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = ${soqlString(account)}`, LinkRow);
        if (!links.ok) return links;
        const notes = await contentNotesById([...new Set(links.value.records.map((l) => l.ContentDocumentId))], true);
        if (!notes.ok) return notes;
        all.push(...notes.value);
      }
      all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return ok(all);
    },
  };
}

export type SalesforceClient = ReturnType<typeof createSalesforceClient>;
