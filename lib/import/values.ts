import { z } from 'zod';
import type { ImportIssue } from './messages.ts';
import { foldWidth } from './normalise.ts';

// Cell text → typed value. Each reader is a pure function returning the value
// or an issue; cellSchema() wraps it in zod so every cell crosses the
// boundary through a schema. An empty cell is "no value", never an error.

export type CellValue = number | boolean | string | null;
export type Read<T> = { ok: true; value: T | null } | { ok: false; issue: ImportIssue };

export type DateOrder = 'ymd' | 'mdy' | 'dmy';

export interface DateOptions {
  /** How to read 01/02/2026: month first or day first. Year-first dates are always read as such. */
  order?: DateOrder;
  /** Offset from UTC of times written without one (Japan: 540). */
  utcOffsetMinutes?: number;
}

const none = { ok: true, value: null } as const;
const fail = (issue: ImportIssue): Read<never> => ({ ok: false, issue });

/** Folds width (１２３ → 123, ％ → %) and the minus signs spreadsheets and Japanese ledgers use. */
function cleanNumberText(raw: string): string {
  return foldWidth(raw).trim().replace(/^[\u2212\u2012\u2013▲△]/, '-');
}

const PLAIN = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;
const GROUPED = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;

export function readNumber(raw: string, options: { percent?: boolean; signalId?: string } = {}): Read<number> {
  let text = cleanNumberText(raw);
  if (text === '') return none;
  const value = raw.trim();
  if (text.endsWith('%')) {
    if (!options.percent) return fail({ code: 'percent_not_allowed', params: { value, signalId: options.signalId ?? '' } });
    text = text.slice(0, -1).trimEnd();
  }
  let n: number;
  if (PLAIN.test(text)) n = Number(text);
  else if (GROUPED.test(text)) n = Number(text.replace(/,/g, ''));
  else return fail({ code: DECIMAL_COMMA.test(text) ? 'decimal_comma' : 'bad_number', params: { value } });
  return Number.isFinite(n) ? { ok: true, value: n } : fail({ code: 'bad_number', params: { value } });
}

/** Ratings are on the pack's 1–5 scale; anything outside it is a typing error, not an extreme opinion. */
export function readRating(raw: string, signalId = ''): Read<number> {
  const read = readNumber(raw, { signalId });
  if (!read.ok || read.value === null) return read;
  return read.value >= 1 && read.value <= 5 ? read : fail({ code: 'rating_out_of_range', params: { value: raw.trim() } });
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'はい', '○', '◯']);
const FALSE = new Set(['false', 'no', 'n', '0', 'いいえ', '×', '✕']);

export function readBoolean(raw: string): Read<boolean> {
  const text = foldWidth(raw).trim().toLowerCase();
  if (text === '') return none;
  if (TRUE.has(text)) return { ok: true, value: true };
  if (FALSE.has(text)) return { ok: true, value: false };
  return fail({ code: 'bad_boolean', params: { value: raw.trim() } });
}

const TIME = '(?:[T ]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?)?\\s*(z|[+-]\\d{2}:?\\d{2})?';
const YEAR_FIRST = new RegExp(`^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}$`, 'i');
const YEAR_LAST = new RegExp(`^(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})${TIME}$`, 'i');
const KANJI = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:時](\d{2})分?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** Monthly exports name the month only: the observation is dated the 1st. */
const YEAR_MONTH = /^(\d{4})(?:[-/.](\d{1,2})|年(\d{1,2})月)$/;
/**
 * Excel stores dates as days since 1899-12-30 (its 1900 leap-year bug absorbed).
 * Five digits only (1927–2173), so a bare year such as 2026 is not read as 1905.
 */
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function offsetOf(zone: string | undefined, fallback: number): number {
  if (!zone) return fallback;
  if (zone.toLowerCase() === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function instant(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  const check = new Date(t);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return new Date(t - offset * 60_000).toISOString();
}

const num = (s: string | undefined): number => (s ? Number(s) : 0);
const millis = (s: string | undefined): number => (s ? Math.round(Number(`0.${s}`) * 1000) : 0);

/** A date cell → an ISO 8601 instant. */
export function readDate(raw: string, options: DateOptions = {}): Read<string> {
  const text = foldWidth(raw).trim();
  if (text === '') return none;
  const value = raw.trim();
  const offset = options.utcOffsetMinutes ?? 0;
  const bad = fail({ code: 'bad_date', params: { value } });
  const done = (iso: string | null): Read<string> => (iso ? { ok: true, value: iso } : bad);

  let m = YEAR_FIRST.exec(text);
  if (m) return done(instant(num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6]), millis(m[7]), offsetOf(m[8], offset)));
  m = YEAR_LAST.exec(text);
  if (m) {
    const a = num(m[1]);
    const b = num(m[2]);
    let order = options.order;
    if (order !== 'mdy' && order !== 'dmy') {
      // Only unambiguous without being told: one of the two cannot be a month.
      if (a > 12 && b <= 12) order = 'dmy';
      else if (b > 12 && a <= 12) order = 'mdy';
      else return fail({ code: 'ambiguous_date', params: { value } });
    }
    const [mo, d] = order === 'mdy' ? [a, b] : [b, a];
    return done(instant(num(m[3]), mo, d, num(m[4]), num(m[5]), num(m[6]), millis(m[7]), offsetOf(m[8], offset)));
  }
  m = KANJI.exec(text);
  if (m) return done(instant(num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), 0, 0, offset));
  m = COMPACT.exec(text);
  if (m) return done(instant(num(m[1]), num(m[2]), num(m[3]), 0, 0, 0, 0, offset));
  m = YEAR_MONTH.exec(text);
  if (m) return done(instant(num(m[1]), num(m[2] ?? m[3]), 1, 0, 0, 0, 0, offset));
  if (EXCEL_SERIAL.test(text)) {
    const serial = Number(text);
    // Round to the second: Excel's fractions of a day rarely land on whole milliseconds.
    const local = EXCEL_EPOCH + Math.round(serial * 86_400) * 1000;
    return { ok: true, value: new Date(local - offset * 60_000).toISOString() };
  }
  return bad;
}

export type SignalType = 'number' | 'rating' | 'boolean' | 'date';

export interface CellRules extends DateOptions {
  type: SignalType;
  percent: boolean;
  signalId: string;
}

function reader(rules: CellRules): (raw: string) => Read<CellValue> {
  switch (rules.type) {
    case 'number':
      return (raw) => readNumber(raw, { percent: rules.percent, signalId: rules.signalId });
    case 'rating':
      return (raw) => readRating(raw, rules.signalId);
    case 'boolean':
      return readBoolean;
    case 'date':
      return (raw) => readDate(raw, rules);
  }
}

/** The zod schema for one mapped column: cell text in, typed value (or null for empty) out. */
export function cellSchema(rules: CellRules): z.ZodType<CellValue, string> {
  const read = reader(rules);
  return z.string().transform((raw, ctx) => {
    const result = read(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.issue.code, params: { ...result.issue } });
    return z.NEVER;
  });
}

/** The import issue behind a failed cellSchema parse. */
export function issueOf(error: z.ZodError): ImportIssue {
  const issue = error.issues[0];
  const params = issue && 'params' in issue ? (issue.params as ImportIssue | undefined) : undefined;
  return params?.code ? params : { code: 'bad_number', params: {} };
}
