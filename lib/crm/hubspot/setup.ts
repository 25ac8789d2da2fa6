// HubSpot's side of CrmSetup: the property group `sidecar` and the company properties Sidecar
// publishes, created through the Properties API (2026-09: GET/POST /crm/properties/2026-09/
// companies/groups, POST …/companies/batch/create → BatchResponseProperty, 207 with an error per
// refused input). Writing definitions needs `crm.schemas.companies.write`; a key cannot ask for a
// scope, so a 403 carries the missing scope for the super admin who manages the key.
import * as z from 'zod';
import type { Locale } from '../../engine/types.ts';
import type { PublishedField } from '../../publish/fields.ts';
import { HUBSPOT_GROUP } from '../../publish/fields.ts';
import { HUBSPOT_GROUP_CREATE, hubspotProperty } from '../../publish/setup.ts';
import type { CrmFields } from '../fields.ts';
import { ok, type CrmResult } from '../http.ts';
import type { CreateOutcome, CrmSetup } from '../setup.ts';
import { hubspotPaths } from './api-version.ts';
import type { HubspotClient } from './client.ts';

/** The scope the 2026-09 Properties spec names for creating company properties and groups. */
export const HUBSPOT_SCHEMA_WRITE_SCOPE = 'crm.schemas.companies.write';
/** Inputs per batch create [I: the spec gives no maxItems; 100 as the other batch endpoints]. */
export const HUBSPOT_PROPERTY_BATCH_MAX = 100;

const GroupList = z.object({ results: z.array(z.object({ name: z.string() }).loose()) });
const Group = z.object({ name: z.string() }).loose();
const BatchCreated = z.object({
  status: z.string(),
  results: z.array(z.object({ name: z.string() }).loose()),
  errors: z
    .array(
      z.object({
        category: z.string(),
        message: z.string(),
        context: z.record(z.string(), z.array(z.string())).optional(),
        errors: z.array(z.object({ code: z.string().optional(), context: z.record(z.string(), z.array(z.string())).optional() }).loose()).optional(),
      }).loose(),
    )
    .optional(),
});

/** The property names an error is about (its context, or its details' context). */
function namesOf(e: { context?: Record<string, string[]> | undefined; errors?: Array<{ context?: Record<string, string[]> | undefined }> | undefined }): string[] {
  const ctx = [e.context, ...(e.errors ?? []).map((x) => x.context)];
  return [...new Set(ctx.flatMap((c) => [...(c?.propertyName ?? []), ...(c?.name ?? []), ...(c?.invalidPropertyName ?? [])]))];
}

export function createHubspotSetup(client: HubspotClient, fields: CrmFields): CrmSetup {
  async function ensureGroup(): Promise<CrmResult<void>> {
    const list = await client.request('GET', `${hubspotPaths.properties('companies')}/groups`, GroupList);
    if (!list.ok) return list;
    if (list.value.data.results.some((g) => g.name === HUBSPOT_GROUP)) return ok(undefined);
    const made = await client.request('POST', `${hubspotPaths.properties('companies')}/groups`, Group, HUBSPOT_GROUP_CREATE);
    if (made.ok) return ok(undefined);
    // Another CS Ops browser created it meanwhile (409): it is there now, which is all we need.
    const again = await client.request('GET', `${hubspotPaths.properties('companies')}/groups/${HUBSPOT_GROUP}`, Group);
    return again.ok ? ok(undefined) : made;
  }

  async function createFields(wanted: readonly PublishedField[], locale: Locale): Promise<CrmResult<CreateOutcome>> {
    const out: CreateOutcome = { created: [], existed: [], failed: [] };
    if (!wanted.length) return ok(out);
    const group = await ensureGroup();
    if (!group.ok) return group;
    for (let i = 0; i < wanted.length; i += HUBSPOT_PROPERTY_BATCH_MAX) {
      const chunk = wanted.slice(i, i + HUBSPOT_PROPERTY_BATCH_MAX);
      const r = await client.request('POST', `${hubspotPaths.properties('companies')}/batch/create`, BatchCreated, { inputs: chunk.map((f) => hubspotProperty(f, locale)) });
      if (!r.ok) return r;
      const answer = r.value.data;
      const done = new Set(answer.results.map((p) => p.name));
      out.created.push(...chunk.map((f) => f.hubspot).filter((n) => done.has(n)));
      const accounted = new Set(done);
      for (const e of answer.errors ?? []) {
        const code = e.errors?.find((x) => x.code)?.code ?? e.category;
        const named = namesOf(e).filter((n) => chunk.some((f) => f.hubspot === n));
        const about = named.length ? named : chunk.map((f) => f.hubspot).filter((n) => !accounted.has(n));
        for (const name of about) {
          if (accounted.has(name)) continue;
          accounted.add(name);
          // The name is taken: whether its type fits is the check's business, never changed here.
          if (e.category === 'OBJECT_ALREADY_EXISTS' || code === 'OBJECT_ALREADY_EXISTS') out.existed.push(name);
          else out.failed.push({ name, crmCode: code, message: e.message });
        }
      }
      for (const f of chunk) if (!accounted.has(f.hubspot)) out.failed.push({ name: f.hubspot, crmCode: 'UNKNOWN', message: 'HubSpot returned neither the property nor an error for it' });
    }
    return ok(out);
  }

  return {
    crm: 'hubspot',
    readDefinitions: (names) => fields.readDefinitions(names),
    listFields: () => fields.listFields(),
    // HubSpot has no field-level security on company properties: a property is there or not.
    hiddenFields: async () => ok(new Set<string>()),
    createFields,
    grantAccess: async () => ok(null),
  };
}
