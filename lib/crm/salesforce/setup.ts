// Salesforce's side of CrmSetup. Fields: the Tooling API's CustomField (POST /tooling/sobjects/
// CustomField {FullName: 'Account.Sidecar_…__c', Metadata: {label, type, precision, scale, length}};
// needs "Customize Application"). A new field is invisible until field-level security grants it:
// two PermissionSets (read for CSMs, edit for the publisher) with FieldPermissions (Field
// 'Account.X', PermissionsRead, PermissionsEdit), and a PermissionSetAssignment of the publisher's
// set to the connected user (Object Reference: PermissionSet, FieldPermissions,
// PermissionSetAssignment). Which fields the org has although the user cannot see them: a Tooling
// query of CustomField (needs "View Setup and Configuration").
import * as z from 'zod';
import type { Locale } from '../../engine/types.ts';
import type { PublishedField } from '../../publish/fields.ts';
import { PERMISSION_SETS, salesforceCustomField } from '../../publish/setup.ts';
import type { CrmFields } from '../fields.ts';
import { crmErrors, fail, ok, type CrmError, type CrmResult } from '../http.ts';
import type { AccessOutcome, CreateOutcome, CrmSetup } from '../setup.ts';
import type { SalesforceClient } from './client.ts';
import { soqlString } from './soql.ts';

/** sObject Collections create: at most 200 records a request (REST API Developer Guide). */
const COLLECTION_MAX = 200;

const Created = z.object({ id: z.string(), success: z.boolean() }).loose();
const SaveResults = z.array(z.object({ id: z.string().nullable().optional(), success: z.boolean(), errors: z.array(z.object({ statusCode: z.string(), message: z.string() }).loose()) }));
const Rows = <S extends z.ZodType>(row: S) => z.object({ totalSize: z.number(), done: z.boolean(), records: z.array(row) }).loose();
const CustomFieldRow = z.object({ DeveloperName: z.string() }).loose();
const IdName = z.object({ Id: z.string(), Name: z.string() }).loose();
const FieldPermRow = z.object({ ParentId: z.string(), Field: z.string() }).loose();
const AssignmentRow = z.object({ Id: z.string() }).loose();

/** The Salesforce error code a failed request carries (forbidden's detail, validation's "CODE: message"). */
export function errorCode(e: CrmError): string | null {
  const detail = 'detail' in e ? e.detail : undefined;
  if (!detail) return null;
  return /^([A-Z_]+)(?::|$)/.exec(detail)?.[1] ?? null;
}

/** The user may not change the org's metadata or security (no "Customize Application" / "Manage Users"). */
export function isNoAccess(e: CrmError): boolean {
  if (e.kind === 'forbidden') return true;
  return e.kind === 'validation' && /^INSUFFICIENT_ACCESS/.test(errorCode(e) ?? '');
}

const noAccess = (e: CrmError): CrmError => crmErrors.forbidden('salesforce', undefined, errorCode(e) ?? 'INSUFFICIENT_ACCESS');

export function createSalesforceSetup(client: SalesforceClient, fields: CrmFields): CrmSetup {
  const query = <S extends z.ZodType>(soql: string, row: S, tooling = false) => client.request('GET', `${tooling ? '/tooling' : ''}/query?${new URLSearchParams({ q: soql })}`, Rows(row));

  async function hiddenFields(names: readonly string[]): Promise<CrmResult<Set<string> | null>> {
    if (!names.length) return ok(new Set());
    const r = await query("SELECT DeveloperName FROM CustomField WHERE TableEnumOrId = 'Account'", CustomFieldRow, true);
    if (!r.ok) return isNoAccess(r.error) ? ok(null) : r;
    const org = new Set(r.value.records.map((x) => `${x.DeveloperName}__c`));
    return ok(new Set(names.filter((n) => org.has(n))));
  }

  async function createFields(wanted: readonly PublishedField[], locale: Locale): Promise<CrmResult<CreateOutcome>> {
    const out: CreateOutcome = { created: [], existed: [], failed: [] };
    // One field a request: the Tooling API creates a CustomField per POST.
    for (const f of wanted) {
      const r = await client.request('POST', '/tooling/sobjects/CustomField', Created, salesforceCustomField(f, locale));
      if (r.ok) {
        out.created.push(f.salesforce);
        continue;
      }
      const code = errorCode(r.error);
      if (isNoAccess(r.error)) {
        // The first refusal says the user may not customise the org: stop, report what was created.
        if (!out.created.length) return fail(noAccess(r.error));
        out.failed.push({ name: f.salesforce, crmCode: code ?? 'INSUFFICIENT_ACCESS', message: r.error.message[locale] });
        continue;
      }
      if (code === 'DUPLICATE_DEVELOPER_NAME' || code === 'DUPLICATE_VALUE') out.existed.push(f.salesforce);
      else if (r.error.kind === 'validation') out.failed.push({ name: f.salesforce, crmCode: code ?? 'VALIDATION', message: r.error.detail ?? r.error.message[locale] });
      else return r;
    }
    return ok(out);
  }

  async function ensureSets(): Promise<CrmResult<{ read: string; publish: string; created: string[] }>> {
    const names = [PERMISSION_SETS.read.Name, PERMISSION_SETS.publish.Name];
    const r = await query(`SELECT Id, Name FROM PermissionSet WHERE Name IN (${names.map(soqlString).join(', ')})`, IdName);
    if (!r.ok) return r;
    const have = new Map(r.value.records.map((x) => [x.Name, x.Id]));
    const created: string[] = [];
    for (const set of [PERMISSION_SETS.read, PERMISSION_SETS.publish]) {
      if (have.has(set.Name)) continue;
      const c = await client.request('POST', '/sobjects/PermissionSet', Created, { Name: set.Name, Label: set.Label, Description: 'Sidecar: access to the Account fields Sidecar publishes.' });
      if (!c.ok) return isNoAccess(c.error) ? fail(noAccess(c.error)) : c;
      have.set(set.Name, c.value.id);
      created.push(set.Name);
    }
    return ok({ read: have.get(PERMISSION_SETS.read.Name)!, publish: have.get(PERMISSION_SETS.publish.Name)!, created });
  }

  async function grantAccess(names: readonly string[]): Promise<CrmResult<AccessOutcome>> {
    const sets = await ensureSets();
    if (!sets.ok) return sets;
    const { read, publish } = sets.value;
    const existing = await query(`SELECT ParentId, Field FROM FieldPermissions WHERE SobjectType = 'Account' AND ParentId IN (${[read, publish].map(soqlString).join(', ')})`, FieldPermRow);
    if (!existing.ok) return isNoAccess(existing.error) ? fail(noAccess(existing.error)) : existing;
    const has = new Set(existing.value.records.map((x) => `${x.ParentId.slice(0, 15)}|${x.Field}`));
    const records = names.flatMap((name) =>
      [
        { parent: read, edit: false },
        { parent: publish, edit: true },
      ]
        .filter((p) => !has.has(`${p.parent.slice(0, 15)}|Account.${name}`))
        .map((p) => ({ attributes: { type: 'FieldPermissions' }, ParentId: p.parent, SobjectType: 'Account', Field: `Account.${name}`, PermissionsRead: true, PermissionsEdit: p.edit })),
    );
    let added = 0;
    for (let i = 0; i < records.length; i += COLLECTION_MAX) {
      const chunk = records.slice(i, i + COLLECTION_MAX);
      const r = await client.request('POST', '/composite/sobjects', SaveResults, { allOrNone: false, records: chunk });
      if (!r.ok) return isNoAccess(r.error) ? fail(noAccess(r.error)) : r;
      added += r.value.filter((x) => x.success).length;
    }
    const me = await client.currentUser();
    if (!me.ok) return me;
    const assigned = await query(`SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(me.value.id)} AND PermissionSetId = ${soqlString(publish)}`, AssignmentRow);
    if (!assigned.ok) return assigned;
    if (!assigned.value.records.length) {
      const a = await client.request('POST', '/sobjects/PermissionSetAssignment', Created, { AssigneeId: me.value.id, PermissionSetId: publish });
      if (!a.ok) return isNoAccess(a.error) ? fail(noAccess(a.error)) : a;
    }
    return ok({ createdSets: sets.value.created, fieldPermissions: added, assigned: true });
  }

  return {
    crm: 'salesforce',
    readDefinitions: (names) => fields.readDefinitions(names),
    listFields: () => fields.listFields(),
    hiddenFields,
    createFields,
    grantAccess,
  };
}
