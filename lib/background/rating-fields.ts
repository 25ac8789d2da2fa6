// After a note with ratings reaches the CRM (issue 15): the latest rating per signal, who gave it
// and when, go to the account's CRM fields where those fields exist ("Publish to the CRM" creates
// them), so that scoring a whole book never has to read every account's notes. Best effort: a
// field that is missing is skipped, a refusal is logged, and the note itself is never affected.
import type { CrmFields, FieldDefinition } from '../crm/fields.ts';
import type { SidecarDb } from '../db/schema';
import type { ConfigPack } from '../engine/types.ts';
import { ratingFields, wireValue } from '../publish/fields.ts';
import { ratingsOf } from './record-view';
import { parseAccountKey } from './crm-notes';
import { subjectsFor } from './subjects';

export type RatingFieldsOutcome =
  | { kind: 'written'; fields: number }
  | { kind: 'skipped'; why: 'no-account' | 'no-ratings' | 'not-connected' | 'no-fields' }
  /** The CRM refused: its error (a CrmError) or the record's refusal, for the log; never shown, never read. */
  | { kind: 'failed'; reason: unknown };

/** How long the CRM's list of Sidecar's rating fields is trusted: CS Ops creates them rarely. */
const DEFINITIONS_TTL_MS = 30 * 60_000;

export function createRatingFields(deps: {
  db: SidecarDb;
  now: () => Date;
  pack: () => Promise<ConfigPack>;
  fields: (crm: 'hubspot' | 'salesforce', pageHost?: string) => Promise<{ fields: CrmFields } | null>;
}) {
  const known = new Map<string, { at: number; defs: Map<string, FieldDefinition> }>();

  async function definitions(crm: 'hubspot' | 'salesforce', fields: CrmFields, names: string[]) {
    const key = `${crm}:${names.join(',')}`;
    const cached = known.get(key);
    if (cached && deps.now().getTime() - cached.at < DEFINITIONS_TTL_MS) return { ok: true as const, value: cached.defs };
    const read = await fields.readDefinitions(names);
    if (read.ok) known.set(key, { at: deps.now().getTime(), defs: read.value });
    return read;
  }

  return {
    /** Write the account's latest ratings to its CRM fields that exist. */
    async publish(accountKey: string): Promise<RatingFieldsOutcome> {
      const own = await deps.db.accounts.get(accountKey);
      const resolved = own?.resolvedTo ? await deps.db.accounts.get(own.resolvedTo) : own;
      // A note saved for a company this browser has not opened yet (an import, a note written ahead):
      // its key still names the CRM and the record.
      const parsed = parseAccountKey(accountKey);
      const row = resolved ?? (parsed ? { crm: parsed.crm, recordId: parsed.recordId, host: parsed.crm === 'salesforce' ? `${parsed.scope}.my.salesforce.com` : 'app.hubspot.com' } : null);
      if (!row) return { kind: 'skipped', why: 'no-account' };
      const pack = await deps.pack();
      const latest = await ratingsOf(deps.db, pack, [...new Set([accountKey, ...(resolved ? subjectsFor(resolved) : [])])], deps.now(), true);
      const ids = Object.keys(latest);
      if (!ids.length) return { kind: 'skipped', why: 'no-ratings' };
      const connected = await deps.fields(row.crm, row.host);
      if (!connected) return { kind: 'skipped', why: 'not-connected' };
      const crm = row.crm;
      const wanted = ids.flatMap((id) => {
        const f = ratingFields(id);
        const r = latest[id]!;
        const rater = r.raters[0];
        return [
          { field: f.value, value: r.value },
          { field: f.by, value: rater?.name ?? '' },
          { field: f.at, value: r.observedAt },
        ];
      });
      const names = wanted.map((w) => w.field[crm]);
      const defs = await definitions(crm, connected.fields, names);
      if (!defs.ok) return { kind: 'failed', reason: defs.error };
      const values: Record<string, string | number | boolean | null> = {};
      for (const w of wanted) {
        const name = w.field[crm];
        if (defs.value.get(name)?.writable) values[name] = wireValue(w.field, crm, w.value);
      }
      if (!Object.keys(values).length) return { kind: 'skipped', why: 'no-fields' };
      const written = await connected.fields.writeBatch([{ id: row.recordId, fields: values }]);
      if (!written.ok) return { kind: 'failed', reason: written.error };
      const result = written.value[0];
      if (result && !result.ok) return { kind: 'failed', reason: result };
      return { kind: 'written', fields: Object.keys(values).length };
    },
  };
}
export type RatingFields = ReturnType<typeof createRatingFields>;
