import { ACCOUNT_KEY_PREFIX, toId18 } from '../crm/salesforce-id.ts';
import type { ImportIssue } from './messages.ts';

// Keys typed by people in Japan come in full-width and half-width forms
// (ＡＣＭＥ vs ACME, １２３ vs 123, ㈱ vs (株)). NFKC folds them into one form
// before anything is compared.

export type KeyKind = 'crmId' | 'domain' | 'name';

const NON_ASCII = /[^\x00-\x7f]/;

export function foldWidth(raw: string): string {
  // NFKC leaves ASCII as it is, and most cells of a large file are ASCII: skip the call.
  return NON_ASCII.test(raw) ? raw.normalize('NFKC') : raw;
}

/** NFKC, trimmed, inner whitespace collapsed, lowercase: how two spellings of one header or name are compared. */
export function normaliseText(raw: string): string {
  return foldWidth(raw).trim().replace(/\s+/g, ' ').toLowerCase();
}

export const normaliseHeader = normaliseText;

/** Looser still, for matching a header to a signal: "Active users", "active_users" and "ＡｃｔｉｖｅＵｓｅｒｓ" meet. */
export function normaliseLabel(raw: string): string {
  return normaliseText(raw).replace(/[\s_\-・.]/g, '');
}

const JA_FORMS = '(?:株式会社|有限会社|合同会社|合資会社|合名会社|\\(株\\)|\\(有\\)|\\(同\\))';
const JA_PREFIX = new RegExp(`^${JA_FORMS}\\s*`);
const JA_SUFFIX = new RegExp(`\\s*${JA_FORMS}$`);
// An English form needs a separator before it, so "Tesco" keeps its "co".
const EN_SUFFIX = /[\s,]+(?:inc\.?|incorporated|co\.?,?\s*ltd\.?|ltd\.?|limited|co\.?|corp\.?|corporation|k\.\s?k\.?|kk|llc|l\.l\.c\.)$/;
const EDGE_PUNCTUATION = /^[\s,.・]+|[\s,.・]+$/g;

/** A company name without its legal form: "アクメ株式会社", "㈱アクメ" and "Acme Co., Ltd." are all "アクメ"/"acme". */
export function companyNameKey(raw: string): string {
  let name = normaliseText(raw);
  for (;;) {
    const next = name.replace(JA_PREFIX, '').replace(JA_SUFFIX, '').replace(EN_SUFFIX, '').replace(EDGE_PUNCTUATION, '');
    // A name that is nothing but a legal form stays as written rather than becoming empty.
    if (next === name || next === '') break;
    name = next;
  }
  return name.replace(EDGE_PUNCTUATION, '');
}

const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const DOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`, 'u');

/** "https://www.Acme.co.jp/about", "acme.co.jp." and "taro@acme.co.jp" → "acme.co.jp"; null when no domain is left. */
export function domainKey(raw: string): string | null {
  let host = normaliseText(raw).replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/, 1)[0] ?? '';
  host = host.slice(host.lastIndexOf('@') + 1);
  host = host.replace(/:\d*$/, '').replace(/\.$/, '').replace(/^www\./, '');
  return DOMAIN.test(host) ? host : null;
}

export type KeyResult = { ok: true; subject: string } | { ok: false; issue: ImportIssue };

/**
 * The subject key of a row: `crmid:123` (HubSpot company id), `sfid:<18 chars>`
 * (Salesforce Account id), `domain:acme.co.jp` or `name:acme`.
 */
export function keyOf(kind: KeyKind, raw: string): KeyResult {
  const value = raw.trim();
  if (normaliseText(raw) === '') return { ok: false, issue: { code: 'key_empty', params: { kind } } };
  if (kind === 'domain') {
    const domain = domainKey(raw);
    return domain ? { ok: true, subject: `domain:${domain}` } : { ok: false, issue: { code: 'key_invalid_domain', params: { value } } };
  }
  if (kind === 'name') {
    return { ok: true, subject: `name:${companyNameKey(raw)}` };
  }
  // Salesforce ids are case-sensitive in their 15-character form: fold width, never case.
  const id = foldWidth(raw).replace(/\s+/g, '');
  if (/^\d+$/.test(id)) return { ok: true, subject: `crmid:${id}` };
  if (/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) {
    if (!id.startsWith(ACCOUNT_KEY_PREFIX)) return { ok: false, issue: { code: 'key_not_account', params: { value } } };
    const id18 = toId18(id);
    if (id18) return { ok: true, subject: `sfid:${id18}` };
  }
  return { ok: false, issue: { code: 'key_invalid_crm', params: { value } } };
}

/** The subject key, or null when the raw value cannot name an account. */
export function normaliseKey(kind: KeyKind, raw: string): string | null {
  const key = keyOf(kind, raw);
  return key.ok ? key.subject : null;
}
