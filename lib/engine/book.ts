import { z } from 'zod';
import type { ConfigPack, ParseError } from './types.ts';

// The book (issue 16): which of the CRM's accounts are the team's customers, and which field names
// each one's CSM. An optional pack section; a pack without it gets the defaults below, so every
// pack written before it stays valid. Publishing, the portfolio and the map editor read the book
// through `bookFor`, never the raw section.

/** A CRM field or property name: letters, digits and "_" (a Salesforce relationship path may use "."). */
const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/, 'pack.not-allowed').max(100);

const Value = z.string().min(1).max(255);

/** eq / neq: one value; in: a list; known: any value at all. */
export const BookFilterSchema = z.discriminatedUnion('op', [
  z.strictObject({ field: FieldName, op: z.enum(['eq', 'neq']), value: Value }),
  z.strictObject({ field: FieldName, op: z.literal('in'), value: z.array(Value).min(1).max(50) }),
  z.strictObject({ field: FieldName, op: z.literal('known') }),
]);

export const BookCrmSchema = z.strictObject({
  /** Every filter must hold (AND). An empty list: every account is in the book. */
  filter: z.array(BookFilterSchema).max(10),
  /** The field naming the CSM (a HubSpot owner property, a Salesforce lookup to User); absent: the record owner. */
  csm: z.strictObject({ field: FieldName }).optional(),
});

export const BookSchema = z.strictObject({
  hubspot: BookCrmSchema.optional(),
  salesforce: BookCrmSchema.optional(),
});

export type BookFilter = z.infer<typeof BookFilterSchema>;
export type BookCrm = z.infer<typeof BookCrmSchema>;
export type Book = z.infer<typeof BookSchema>;
export type BookCrmName = 'hubspot' | 'salesforce';

/** The book as a CRM reads it: the filter, and the field naming the CSM (the owner field by default). */
export interface ResolvedBook {
  crm: BookCrmName;
  filter: BookFilter[];
  csmField: string;
  /** True when the CSM is the record owner (no `csm` in the pack). */
  csmIsOwner: boolean;
}

/** What a pack without a `book` section means. */
export const DEFAULT_BOOK: Required<Book> = {
  hubspot: { filter: [{ field: 'lifecyclestage', op: 'eq', value: 'customer' }] },
  // Salesforce's standard Account Type picklist says 'Customer - Direct' and 'Customer - Channel'; many orgs add plain 'Customer'.
  salesforce: { filter: [{ field: 'Type', op: 'in', value: ['Customer', 'Customer - Direct', 'Customer - Channel'] }] },
};

const OWNER_FIELD: Record<BookCrmName, string> = { hubspot: 'hubspot_owner_id', salesforce: 'OwnerId' };

/** The pack's book for one CRM, defaults filled in. */
export function bookFor(pack: Pick<ConfigPack, 'book'>, crm: BookCrmName): ResolvedBook {
  const section = pack.book?.[crm] ?? DEFAULT_BOOK[crm];
  return { crm, filter: section.filter, csmField: section.csm?.field ?? OWNER_FIELD[crm], csmIsOwner: !section.csm };
}

/** Every field the book reads from a record: its filters' and the CSM's. */
export function bookFields(book: ResolvedBook): string[] {
  return [...new Set([...book.filter.map((f) => f.field), book.csmField])];
}

const values = (f: BookFilter): string[] => (f.op === 'known' ? [] : Array.isArray(f.value) ? f.value : [f.value]);

/**
 * Whether a record (its fields as the CRM sends them: strings, or null when empty) is in the book.
 * HubSpot enumeration values and Salesforce picklist values compare as written, case-insensitively
 * for HubSpot (its internal values are lowercase, a pack author may not be).
 */
export function inBook(book: ResolvedBook, fields: Readonly<Record<string, string | number | boolean | null | undefined>>): boolean {
  const fold = (s: string) => (book.crm === 'hubspot' ? s.toLowerCase() : s);
  return book.filter.every((f) => {
    const raw = fields[f.field];
    const have = raw === null || raw === undefined || raw === '' ? null : fold(String(raw));
    const want = values(f).map(fold);
    switch (f.op) {
      case 'known':
        return have !== null;
      case 'eq':
      case 'in':
        return have !== null && want.includes(have);
      case 'neq':
        return have === null || !want.includes(have);
    }
  });
}

/**
 * The book section's meaning beyond its shape (zod checks the shape), as the pack's other checks
 * report it (path + key): a HubSpot field with a relationship path, or a CSM field that is one of
 * the fields Sidecar itself publishes.
 */
export function checkBook(book: Book | undefined): ParseError[] {
  const errors: ParseError[] = [];
  for (const crm of ['hubspot', 'salesforce'] as const) {
    const section = book?.[crm];
    if (!section) continue;
    // HubSpot properties have no relationship paths.
    section.filter.forEach((f, i) => {
      if (crm === 'hubspot' && f.field.includes('.')) errors.push({ path: `book.${crm}.filter[${i}].field`, key: 'pack.not-allowed' });
    });
    if (crm === 'hubspot' && section.csm?.field.includes('.')) errors.push({ path: `book.${crm}.csm.field`, key: 'pack.not-allowed' });
    if (section.csm && /^sidecar_|^Sidecar_/.test(section.csm.field)) errors.push({ path: `book.${crm}.csm.field`, key: 'pack.not-allowed' });
  }
  return errors;
}
