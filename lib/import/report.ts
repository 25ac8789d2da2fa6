import Papa from 'papaparse';
import { defuseFormula } from './formula.ts';
import { message, type ImportIssue, type Locale } from './messages.ts';

/** What the report needs; a Rejection fits, and so does a stored import's report row. */
export interface ReportRow {
  row: number;
  column: string;
  value: string;
  reason: string;
  /** When present the reason is written again in the report's locale. */
  issue?: ImportIssue;
}

const HEADINGS: Record<Locale, [string, string, string, string]> = {
  en: ['row', 'column', 'value', 'reason'],
  ja: ['行', '列', '値', '理由'],
};

/**
 * The rejected cells as a CSV for Excel: UTF-8 with a BOM (Excel otherwise
 * reads it in the system code page), CRLF line ends. Values came from someone
 * else's file, so any that Excel would run as a formula (=, +, -, @) are
 * prefixed with an apostrophe (formula.ts), line breaks and all.
 */
export function rejectionReportCsv(rejected: readonly ReportRow[], locale: Locale): string {
  const data = rejected.map((r) => [String(r.row), r.column, r.value, r.issue ? message(r.issue, locale) : r.reason].map(defuseFormula));
  const body = Papa.unparse({ fields: HEADINGS[locale], data }, { newline: '\r\n' });
  // papaparse ends a header-only table with a line break and a full one without.
  return '\uFEFF' + (body.endsWith('\r\n') ? body : body + '\r\n');
}
