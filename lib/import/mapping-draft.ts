import type { DateOrder, KeyKind } from './index.ts';

// The CSV mapping while the admin edits it on the options page: the roles the
// columns hold, and what still stops the import. Pure, so the page and tests share it.

/** The mapping as the admin edits it; it becomes a CsvMapping once it has a key column and a signal. */
export interface MappingDraft {
  keyColumn?: string;
  keyKind: KeyKind;
  observedAtColumn?: string;
  /** Header → signal id. */
  columns: Record<string, string>;
  /** How to read 01/02/2026 in the observed-at column. */
  dateFormat?: DateOrder;
}

export type MappingProblem = 'csv.needKey' | 'csv.needSignal';

export function mappingProblems(draft: MappingDraft): MappingProblem[] {
  const out: MappingProblem[] = [];
  if (!draft.keyColumn) out.push('csv.needKey');
  if (Object.keys(draft.columns).length === 0) out.push('csv.needSignal');
  return out;
}

export type Role = '' | '@key' | '@date' | `sig:${string}`;

export function roleOf(draft: MappingDraft, header: string): Role {
  if (draft.keyColumn === header) return '@key';
  if (draft.observedAtColumn === header) return '@date';
  const signal = draft.columns[header];
  return signal ? `sig:${signal}` : '';
}

/**
 * Gives `header` its new role. A role only one column can hold (the key, the
 * date, a signal) moves here from wherever it was, so the draft never holds a
 * conflict the admin has to untangle.
 */
export function assignRole(draft: MappingDraft, header: string, role: Role): MappingDraft {
  const columns = { ...draft.columns };
  delete columns[header];
  const next: MappingDraft = { ...draft, columns };
  if (next.keyColumn === header) delete next.keyColumn;
  if (next.observedAtColumn === header) delete next.observedAtColumn;
  if (role === '@key') next.keyColumn = header;
  else if (role === '@date') next.observedAtColumn = header;
  else if (role.startsWith('sig:')) {
    const signal = role.slice(4);
    for (const [h, s] of Object.entries(columns)) if (s === signal) delete columns[h];
    columns[header] = signal;
  }
  return next;
}
