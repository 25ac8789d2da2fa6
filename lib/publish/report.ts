// A publication's report (issue 16), pure: what was sent, skipped and refused, and the refusals as
// a CSV Excel opens (UTF-8 with a BOM, CRLF, formulas defused: CRM messages quote record values).
import Papa from 'papaparse';
import type { WriteFailureCode } from '../crm/fields.ts';
import type { Locale } from '../engine/types.ts';
import { errorText, type ErrorKey } from '../i18n/errors.ts';
import { defuseFormula } from '../import/formula.ts';

/** Each refusal's words in the catalogue, by its code. */
export const FAILURE_KEYS: Record<WriteFailureCode, ErrorKey> = {
  validation: 'publish.failure.validation',
  locked: 'publish.failure.locked',
  'no-access': 'publish.failure.no-access',
  'not-found': 'publish.failure.not-found',
  'no-field': 'publish.failure.no-field',
  'rate-limit': 'publish.failure.rate-limit',
  other: 'publish.failure.other',
};

/** One record the CRM refused, as the report keeps it (the CRM's own words, and the code Sidecar reads them as). */
export interface FailureRow {
  id: string;
  name: string | null;
  code: WriteFailureCode;
  /** The CRM's own code (Salesforce statusCode, HubSpot category or code). */
  crmCode?: string;
  /** The CRM's own message. */
  message: string;
  fields?: string[];
}

/** A refusal in the user's language. */
export function failureText(row: FailureRow, locale: Locale): string {
  return errorText(FAILURE_KEYS[row.code], { message: row.message }, locale);
}

const HEADINGS: Record<Locale, string[]> = {
  en: ['record id', 'name', 'reason', 'CRM code', 'fields', 'CRM message'],
  ja: ['レコード ID', '名前', '理由', 'CRM のコード', '項目', 'CRM のメッセージ'],
};

/** The refused records as a CSV for Excel. */
export function failureReportCsv(rows: readonly FailureRow[], locale: Locale): string {
  const data = rows.map((r) => [r.id, r.name ?? '', failureText(r, locale), r.crmCode ?? '', (r.fields ?? []).join(' '), r.message].map(defuseFormula));
  const body = Papa.unparse({ fields: HEADINGS[locale], data }, { newline: '\r\n' });
  return '\uFEFF' + (body.endsWith('\r\n') ? body : body + '\r\n');
}
