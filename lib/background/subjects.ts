import type { AccountRow } from '../db/schema';
import { normaliseKey } from '../import/normalise.ts';

/**
 * Every subject under which signals for this account may be stored: the
 * account key (CRM and notes) and the keys a CSV row may name it by.
 */
export function subjectsFor(row: Pick<AccountRow, 'key' | 'crm' | 'recordId' | 'domain' | 'name'>): string[] {
  const keys = [row.key, normaliseKey('crmId', row.recordId)];
  if (row.domain) keys.push(normaliseKey('domain', row.domain));
  if (row.name) keys.push(normaliseKey('name', row.name));
  return [...new Set(keys.filter((k): k is string => !!k))];
}
