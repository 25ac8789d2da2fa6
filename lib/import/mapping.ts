import { z } from 'zod';
import { normaliseHeader, normaliseLabel, normaliseText, type KeyKind } from './normalise.ts';

/**
 * What the import needs to know about a signal. The config pack's signals fit
 * this shape structurally; lib/engine is not imported so the import stays
 * independent of the pack's schema and its versions.
 */
export interface MappableSignal {
  id: string;
  type: 'number' | 'rating' | 'boolean' | 'date';
  /** '%' (or { en: '%' }) marks a percentage, which accepts "12.5%". */
  unit?: string | { ja: string; en: string };
  source: { kind: string; column?: string };
  label: { ja: string; en: string };
}

/** Stored by the options page, keyed by headerSignature(): plain JSON only. */
export const CsvMappingSchema = z.object({
  keyColumn: z.string().min(1),
  keyKind: z.enum(['crmId', 'domain', 'name']),
  /** Without it, every row is dated with the import's own date. */
  observedAtColumn: z.string().min(1).optional(),
  /** Header → signal id. */
  columns: z.record(z.string().min(1), z.string().min(1)),
  /** How to read 01/02/2026. Year-first dates need nothing. */
  dateFormat: z.enum(['ymd', 'mdy', 'dmy']).optional(),
  /** Offset from UTC of dates and times written without one; Japan is 540. */
  utcOffsetMinutes: z.number().int().min(-720).max(840).optional(),
});

export type CsvMapping = z.infer<typeof CsvMappingSchema>;

export function isPercentSignal(signal: MappableSignal): boolean {
  const units = typeof signal.unit === 'string' ? [signal.unit] : signal.unit ? [signal.unit.en, signal.unit.ja] : [];
  return units.some((u) => ['%', 'percent', 'パーセント'].includes(normaliseText(u)));
}

/** 53-bit string hash (cyrb53): short, stable and synchronous. It names a layout; it guards nothing. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The same export layout gives the same signature, whatever the column order,
 * the width of its characters or the case of its header names, so a mapping
 * saved for last month's file is offered again for this month's.
 */
export function headerSignature(headers: readonly string[]): string {
  const names = headers.map(normaliseHeader).filter((h) => h !== '').sort();
  return `csv1-${names.length}-${hash53(names.join('\u001f'))}`;
}

export interface MappingSuggestion {
  keyColumn?: string;
  keyKind?: KeyKind;
  observedAtColumn?: string;
  /** Header → signal id. */
  columns: Record<string, string>;
  /** Why each column was matched: the signal's CSV column name, one of its labels, or its id. */
  matchedBy: Record<string, 'column' | 'label' | 'id'>;
}

// Names BI tools and CRM exports commonly give these columns, compared after normaliseLabel.
const KEY_HEADERS: Array<[KeyKind, string[]]> = [
  ['crmId', ['hubspotid', 'hsobjectid', 'companyid', 'recordid', 'accountid', 'salesforceid', 'sfid', 'crmid', 'id', 'レコードid', '会社id', '企業id', '取引先id', '顧客id']],
  ['domain', ['domain', 'companydomain', 'companydomainname', 'website', 'websiteurl', 'url', 'ドメイン', 'ウェブサイト', 'webサイト']],
  ['name', ['companyname', 'accountname', 'customername', 'name', 'company', 'account', 'customer', '会社名', '企業名', '取引先名', '顧客名', 'アカウント名', '社名']],
];
const DATE_HEADERS = ['observedat', 'date', 'asof', 'asofdate', 'reportdate', 'snapshotdate', 'month', 'period', '日付', '集計日', '基準日', '対象日', '対象月', '年月', '取得日', '集計月'];

function firstHeader(headers: readonly string[], names: readonly string[], taken: ReadonlySet<string>): string | undefined {
  for (const name of names) {
    const found = headers.find((h) => !taken.has(h) && normaliseLabel(h) === name);
    if (found) return found;
  }
  return undefined;
}

/**
 * Proposes a mapping: each header matched to at most one signal, by the
 * signal's CSV column name first, then its Japanese or English label, then its
 * id; comparisons ignore case, width, spaces, "_" and "-".
 */
export function suggestMapping(headers: readonly string[], signals: readonly MappableSignal[]): MappingSuggestion {
  const suggestion: MappingSuggestion = { columns: {}, matchedBy: {} };
  const taken = new Set<string>();
  const used = new Set<string>();
  const passes: Array<['column' | 'label' | 'id', (s: MappableSignal) => string[]]> = [
    ['column', (s) => (s.source.column ? [s.source.column] : [])],
    ['label', (s) => [s.label.ja, s.label.en]],
    ['id', (s) => [s.id]],
  ];
  for (const [how, names] of passes) {
    for (const signal of signals) {
      if (used.has(signal.id)) continue;
      const free = headers.filter((h) => h.trim() !== '' && !taken.has(h));
      // A header spelt like the name wins over one that only matches loosely.
      const exact = new Set(names(signal).map(normaliseHeader));
      const loose = new Set(names(signal).map(normaliseLabel).filter((n) => n !== ''));
      const header = free.find((h) => exact.has(normaliseHeader(h))) ?? free.find((h) => loose.has(normaliseLabel(h)));
      if (!header) continue;
      suggestion.columns[header] = signal.id;
      suggestion.matchedBy[header] = how;
      taken.add(header);
      used.add(signal.id);
    }
  }
  for (const [kind, names] of KEY_HEADERS) {
    const header = firstHeader(headers, names, taken);
    if (header) {
      suggestion.keyColumn = header;
      suggestion.keyKind = kind;
      taken.add(header);
      break;
    }
  }
  const date = firstHeader(headers, DATE_HEADERS, taken);
  if (date) suggestion.observedAtColumn = date;
  return suggestion;
}
