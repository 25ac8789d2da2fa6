// The one small interface publishing reaches a CRM's fields through (issue 16). Each CRM folder
// implements it (hubspot/fields.ts, salesforce/fields.ts) and owns every request behind it; the
// publish job (lib/background/publish.ts) only calls these.
import type { ResolvedBook } from '../engine/book.ts';
import type { Pace } from '../publish/pacing.ts';
import type { AccountNow, RecordWrite } from '../publish/plan.ts';
import type { CrmResult } from './http.ts';

/** One field as the CRM defines it. */
export interface FieldDefinition {
  name: string;
  /** The CRM's own type word (HubSpot `number`/`string`/`datetime`/…, Salesforce `double`/`string`/`datetime`/…). */
  crmType: string;
  /** Sidecar's reading of it: what a value written there becomes. */
  type: 'number' | 'string' | 'datetime' | 'date' | 'bool' | 'enumeration' | 'other';
  /** False when the connected user may read but not write it (Salesforce `updateable`, HubSpot read-only values). */
  writable: boolean;
  /** The field's name as the CRM shows it to people (HubSpot `label`, Salesforce `label`), when listed. */
  label?: string;
}

/** One account of the book: its id, name, CSM (the book's CSM field) and the fields asked for. */
export interface BookAccount extends AccountNow {
  name: string | null;
  csm: string | null;
  /** The CSM's name when the same read gives it (Salesforce's Owner.Name when the CSM is the owner). */
  csmName?: string | null;
}

/**
 * Why the CRM refused one record of a batch, as a code (the words are in the catalogue):
 * validation — a validation rule or a bad value (HubSpot VALIDATION_ERROR, Salesforce FIELD_CUSTOM_VALIDATION_EXCEPTION, …);
 * locked — the row was locked by another update (UNABLE_TO_LOCK_ROW): try again;
 * no-access — the user may not edit the record or the field (INSUFFICIENT_ACCESS_OR_READONLY);
 * not-found — the record is gone or not visible; no-field — the field does not exist;
 * rate-limit — throttled for this record: try again; other — anything else.
 */
export type WriteFailureCode = 'validation' | 'locked' | 'no-access' | 'not-found' | 'no-field' | 'rate-limit' | 'other';

export type RecordResult =
  | { id: string; ok: true }
  | { id: string; ok: false; code: WriteFailureCode; retryable: boolean; message: string; crmCode?: string; fields?: string[] };

export interface ReadBookOptions {
  /** How to wait between pages when the CRM's usage headers ask for it (the publisher's clock). */
  sleep?: (ms: number) => Promise<void>;
  /** After each page: how many of the book's accounts have been read so far (the portfolio's progress bar). */
  onPage?: (read: number) => void;
  /**
   * The CRM's own clock as the read began (its first answer's Date header, ISO; null when it sent
   * none): where the next incremental read starts from (lib/portfolio/incremental.ts).
   */
  onCrmClock?: (at: string | null) => void;
}

/** What changed in the CRM since a moment: accounts modified since then in the book, and those modified and now outside it. */
export interface ChangedBook {
  accounts: BookAccount[];
  /** Ids of accounts modified since then that the book does not hold now (their filter field changed). */
  left: string[];
  /** More changes than the CRM's query can page through (HubSpot search: 10,000): read the whole book instead. */
  tooMany: boolean;
}

export interface CrmFields {
  readonly crm: 'hubspot' | 'salesforce';
  /** The definitions of the fields named (those that exist): which Sidecar fields the CRM has, and their types. */
  readDefinitions(names: readonly string[]): Promise<CrmResult<Map<string, FieldDefinition>>>;
  /** Every account field the connected user can read, with its label: the map editor's source picker (issue 19). */
  listFields(): Promise<CrmResult<FieldDefinition[]>>;
  /** Every account in the book with these fields' values (HubSpot: pages through the list, never search, which lags). */
  readBook(book: ResolvedBook, fields: readonly string[], options?: ReadBookOptions): Promise<CrmResult<BookAccount[]>>;
  /**
   * The accounts modified after `since` (the CRM's clock, ISO): HubSpot's CRM search on
   * hs_lastmodifieddate, Salesforce SOQL on SystemModstamp. Deletions are not seen (see
   * lib/portfolio/incremental.ts for when a full read is due instead).
   */
  readChanged?(book: ResolvedBook, fields: readonly string[], since: string, options?: ReadBookOptions): Promise<CrmResult<ChangedBook>>;
  /**
   * Per account, how many records of this association it has (open tickets, contacts, open cases),
   * read in bulk: never a request per account. An association this CRM does not have is an empty map.
   */
  countAssociations(ids: readonly string[], association: 'openTickets' | 'contacts' | 'openCases'): Promise<CrmResult<Map<string, number>>>;
  /** These records' current values of these fields (records the CRM does not return are left out). */
  readRecords(ids: readonly string[], fields: readonly string[]): Promise<CrmResult<AccountNow[]>>;
  /**
   * One request writing up to the CRM's batch limit of records; one result per record. A refusal of
   * the whole request (429, 401, 403, a timeout) is the CrmResult's error.
   */
  writeBatch(records: readonly RecordWrite[]): Promise<CrmResult<RecordResult[]>>;
  /** How long to wait before the next request, from the last answer's usage headers (lib/publish/pacing.ts). */
  pace(needed?: number): Pace;
  /** The share of the ten-second window left after the last answer (HubSpot), for the report; null when unknown. */
  windowLeft(): number | null;
}

/** The CRM's clock from an answer's Date header (RFC 7231 IMF-fixdate), ISO; null when absent or unreadable. */
export function crmClock(dateHeader: string | null | undefined): string | null {
  if (!dateHeader) return null;
  const ms = Date.parse(dateHeader);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
