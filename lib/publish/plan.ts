// The publishing plan (issue 16), pure: from what the CRM holds now and what Sidecar would
// publish, the fewest writes. A value already there is not written again; a pack's results never
// replace those a newer version of the same pack wrote; "as of" moves only with a published result,
// so a re-run touches nothing and fires no CRM workflow. Writes come in batches of the CRM's limit.
import { RESULT_FIELDS, RESULT_KEYS, wireValue, type Crm, type PublishedField } from './fields.ts';

/** Records per write request: HubSpot batch update takes 100 inputs, Salesforce sObject Collections 200 records. */
export const BATCH_LIMIT: Record<Crm, number> = { hubspot: 100, salesforce: 200 };

export type PublishValue = string | number | boolean | null;

/** One account as the CRM holds it: its id and the published fields' current values, by field name. */
export interface AccountNow {
  id: string;
  fields: Readonly<Record<string, PublishValue | undefined>>;
}

/** What Sidecar would publish for one account, by field key (`score`, `sig:nps`, `rating:promotion:by`, …). */
export interface AccountValues {
  id: string;
  values: Readonly<Record<string, PublishValue>>;
}

export interface PlanInput {
  crm: Crm;
  /** The fields this publication may write (lib/publish/fields.ts), by key. */
  fields: readonly PublishedField[];
  /** The pack the results come from; its version guards against overwriting a newer one's. */
  pack: { id: string; version: string };
  /** The "as of" to write where a result changes (ISO). */
  asOf: string;
  /** The book as read from the CRM. */
  accounts: readonly AccountNow[];
  publish: readonly AccountValues[];
  /**
   * Written with every record the plan changes, and never alone: who published, what, when
   * (fields.ts PUBLISHED_BY). Absent when the CRM has no such field yet.
   */
  stamp?: { field: PublishedField; value: string };
}

/** One record's write: the CRM's field names and wire values. */
export interface RecordWrite {
  id: string;
  fields: Record<string, PublishValue>;
}

export type SkipReason = 'unchanged' | 'newer-pack' | 'not-in-book';

export interface Plan {
  batches: RecordWrite[][];
  /** Accounts with nothing to write, and why (an account whose results a newer pack wrote may still get its signal values). */
  skipped: Array<{ id: string; reason: SkipReason }>;
  /** Accounts whose results were left alone because a newer version of the pack wrote them. */
  newerPack: string[];
  writes: number;
}

/**
 * Versions compared part by part ("6" < "10", "1.2" < "1.10", "2026-12-01" < "2026-12-04"); a
 * part that is a number is compared as one, else as text. Negative, 0 or positive.
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const pb = b.split(/[^A-Za-z0-9]+/).filter(Boolean);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : null;
    const ny = /^\d+$/.test(y) ? Number(y) : null;
    const c = nx !== null && ny !== null ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

const blank = (v: PublishValue | undefined): boolean => v === null || v === undefined || v === '';

/** Whether the CRM's value already says what Sidecar would write (numbers as numbers, times as instants). */
export function sameValue(field: PublishedField, crm: Crm, now: PublishValue | undefined, next: PublishValue): boolean {
  const wire = wireValue(field, crm, next);
  if (blank(now) || blank(wire)) return blank(now) && blank(wire);
  if (field.type === 'number') {
    const a = Number(now);
    const b = Number(wire);
    return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) < 1e-9;
  }
  if (field.type === 'datetime') {
    const a = typeof now === 'number' ? now : Date.parse(String(now));
    const b = typeof wire === 'number' ? wire : Date.parse(String(wire));
    return !Number.isNaN(a) && a === b;
  }
  return String(now) === String(wire);
}

const RESULTS = new Set<string>(RESULT_KEYS);

export function planPublication(input: PlanInput): Plan {
  const { crm } = input;
  const byKey = new Map(input.fields.map((f) => [f.key, f]));
  const book = new Map(input.accounts.map((a) => [a.id, a]));
  const writes: RecordWrite[] = [];
  const skipped: Plan['skipped'] = [];
  const newerPack: string[] = [];
  const packField = RESULT_FIELDS.packId[crm];
  const versionField = RESULT_FIELDS.packVersion[crm];
  const seen = new Set<string>();

  for (const account of input.publish) {
    if (seen.has(account.id)) continue;
    seen.add(account.id);
    const now = book.get(account.id);
    if (!now) {
      skipped.push({ id: account.id, reason: 'not-in-book' });
      continue;
    }
    const heldPack = now.fields[packField];
    const heldVersion = now.fields[versionField];
    const newer = heldPack === input.pack.id && typeof heldVersion === 'string' && heldVersion !== '' && compareVersions(heldVersion, input.pack.version) > 0;
    const out: Record<string, PublishValue> = {};
    let resultChanged = false;
    for (const [key, value] of Object.entries(account.values)) {
      const field = byKey.get(key);
      // "as of" is Sidecar's to set, below; a key the publication does not write is ignored.
      if (!field || key === 'asOf') continue;
      if (RESULTS.has(key) && newer) continue;
      if (sameValue(field, crm, now.fields[field[crm]], value)) continue;
      out[field[crm]] = wireValue(field, crm, value);
      if (RESULTS.has(key)) resultChanged = true;
    }
    if (newer && Object.keys(account.values).some((k) => RESULTS.has(k))) newerPack.push(account.id);
    if (resultChanged) {
      const asOf = byKey.get('asOf') ?? RESULT_FIELDS.asOf;
      out[asOf[crm]] = wireValue(asOf, crm, input.asOf);
    }
    if (Object.keys(out).length) {
      if (input.stamp) out[input.stamp.field[crm]] = wireValue(input.stamp.field, crm, input.stamp.value);
      writes.push({ id: account.id, fields: out });
    }
    else skipped.push({ id: account.id, reason: newer ? 'newer-pack' : 'unchanged' });
  }

  const size = BATCH_LIMIT[crm];
  const batches: RecordWrite[][] = [];
  for (let i = 0; i < writes.length; i += size) batches.push(writes.slice(i, i + size));
  return { batches, skipped, newerPack, writes: writes.length };
}
