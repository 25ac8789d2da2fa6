// The CRM setup check and plan (issue 16, item 5), pure: which of the fields the pack and the
// write-back need (fields.ts publishedFields) the connected CRM has, of the right type and
// writable; what to create; and each field's definition as each CRM's API takes it. A field of the
// wrong type is named and never changed (reports and workflows may hang on it); a field the user
// cannot see or write is "no access", never "missing".
import type { FieldDefinition } from '../crm/fields.ts';
import type { Locale } from '../engine/types.ts';
import { HUBSPOT_GROUP, TEXT_MAX, type Crm, type FieldType, type PublishedField } from './fields.ts';

/**
 * ok: present, right type, writable; missing: the CRM has no such field; wrong-type: present with
 * another type (named, never changed); read-only: present, but the connected user may not write it;
 * hidden: the org has it, but field-level security hides it from the connected user.
 */
export type FieldStatus = 'ok' | 'missing' | 'wrong-type' | 'read-only' | 'hidden';

export interface SetupRow {
  key: string;
  /** The field's name in this CRM. */
  name: string;
  label: { en: string; ja: string };
  want: FieldType;
  status: FieldStatus;
  /** The CRM's own type word, when the field is there. */
  crmType?: string;
}

/** The CRM types a published value of this kind can be written to and read back from as it is. */
const FITS: Record<FieldType, ReadonlyArray<FieldDefinition['type']>> = {
  number: ['number'],
  string: ['string'],
  // A date-only field would drop the time (and HubSpot refuses a date-time value for it).
  datetime: ['datetime'],
};

export function typeFits(want: FieldType, have: FieldDefinition): boolean {
  return FITS[want].includes(have.type);
}

/**
 * Each wanted field's status. `hidden`: names the org has but the user's describe does not show
 * (Salesforce's field-level security); unknown (null) when the user may not list the org's fields.
 */
export function checkFields(crm: Crm, wanted: readonly PublishedField[], have: ReadonlyMap<string, FieldDefinition>, hidden: ReadonlySet<string> | null = null): SetupRow[] {
  const seen = new Set<string>();
  const rows: SetupRow[] = [];
  for (const f of wanted) {
    const name = f[crm];
    if (seen.has(name)) continue;
    seen.add(name);
    const def = have.get(name);
    const base = { key: f.key, name, label: f.label, want: f.type };
    if (!def) rows.push({ ...base, status: hidden?.has(name) ? 'hidden' : 'missing' });
    else if (!typeFits(f.type, def)) rows.push({ ...base, status: 'wrong-type', crmType: def.crmType });
    else rows.push({ ...base, status: def.writable ? 'ok' : 'read-only', crmType: def.crmType });
  }
  return rows;
}

export interface SetupSummary {
  ok: number;
  missing: number;
  wrongType: number;
  noAccess: number;
  /** Every field is there, of the right type, and writable. */
  ready: boolean;
}

export function summarise(rows: readonly SetupRow[]): SetupSummary {
  const count = (...s: FieldStatus[]) => rows.filter((r) => s.includes(r.status)).length;
  const out = { ok: count('ok'), missing: count('missing'), wrongType: count('wrong-type'), noAccess: count('read-only', 'hidden') };
  return { ...out, ready: out.ok === rows.length };
}

/** The fields to create: the missing ones only (never a wrong-type one, never one that exists but is hidden). */
export function fieldsToCreate(rows: readonly SetupRow[], wanted: readonly PublishedField[], crm: Crm): PublishedField[] {
  const missing = new Set(rows.filter((r) => r.status === 'missing').map((r) => r.name));
  const out: PublishedField[] = [];
  for (const f of wanted) if (missing.delete(f[crm])) out.push(f);
  return out;
}

/** Fields whose field-level security a Salesforce permission set should grant: all but the wrong-type ones. */
export function fieldsToGrant(rows: readonly SetupRow[]): string[] {
  return rows.filter((r) => r.status !== 'wrong-type').map((r) => r.name);
}

// ---------------------------------------------------------------------------
// Definitions as each CRM takes them.

/** HubSpot's PropertyCreate (Properties 2026-09: name, label, type, fieldType, groupName required). */
export interface HubspotPropertyCreate {
  name: string;
  label: string;
  type: 'number' | 'string' | 'datetime';
  fieldType: 'number' | 'text' | 'date';
  groupName: string;
  description: string;
}

const HUBSPOT_FIELD_TYPE: Record<FieldType, HubspotPropertyCreate['fieldType']> = { number: 'number', string: 'text', datetime: 'date' };

const DESCRIPTION: Record<Locale, string> = {
  en: 'Written by Sidecar (CS Ops publishes it). Do not edit by hand.',
  ja: 'Sidecar が書き込みます（CS Ops が公開）。手で編集しないでください。',
};

export function hubspotProperty(f: PublishedField, locale: Locale): HubspotPropertyCreate {
  return { name: f.hubspot, label: f.label[locale], type: f.type, fieldType: HUBSPOT_FIELD_TYPE[f.type], groupName: HUBSPOT_GROUP, description: DESCRIPTION[locale] };
}

/** The property group's PropertyGroupCreate: the product's name reads the same in both languages. */
export const HUBSPOT_GROUP_CREATE = { name: HUBSPOT_GROUP, label: 'Sidecar', displayOrder: -1 } as const;

/** Salesforce's CustomFieldMetadata for a field Sidecar publishes (Metadata API CustomField). */
export interface SalesforceFieldMetadata {
  label: string;
  type: 'Number' | 'Text' | 'DateTime';
  description: string;
  precision?: number;
  scale?: number;
  length?: number;
}

/** A score such as 62.5 and a level fit Number(18, 2). */
export const SALESFORCE_NUMBER = { precision: 18, scale: 2 } as const;

export function salesforceFieldMetadata(f: PublishedField, locale: Locale): SalesforceFieldMetadata {
  const label = f.label[locale].slice(0, 40);
  const description = DESCRIPTION[locale];
  if (f.type === 'number') return { label, type: 'Number', description, ...SALESFORCE_NUMBER };
  if (f.type === 'datetime') return { label, type: 'DateTime', description };
  return { label, type: 'Text', description, length: f.maxLength?.salesforce ?? TEXT_MAX.salesforce };
}

/** The Tooling API's CustomField body: FullName `Account.<name>` and its Metadata. */
export function salesforceCustomField(f: PublishedField, locale: Locale): { FullName: string; Metadata: SalesforceFieldMetadata } {
  return { FullName: `Account.${f.salesforce}`, Metadata: salesforceFieldMetadata(f, locale) };
}

/** The two permission sets: read for every CSM, edit for the publisher (CS Ops). */
export const PERMISSION_SETS = {
  read: { Name: 'Sidecar_Read', Label: 'Sidecar: read published fields' },
  publish: { Name: 'Sidecar_Publish', Label: 'Sidecar: publish (edit) fields' },
} as const;
