// HubSpot's side of CrmHandover: one company read with `propertiesWithHistory` (GET
// /crm/objects/2026-09/companies/{id}: the published spec's SimplePublicObjectWithAssociations has
// `propertiesWithHistory`, each a list of ValueWithTimestamp {value, timestamp, sourceType}), and the
// company's contacts as the sidebar reads them (association batch read, then a batch read).
import * as z from 'zod';
import { paceHubspot } from '../../publish/pacing.ts';
import type { CrmHandover, HandoverRead } from '../handover.ts';
import { crmErrors, fail, ok, type CrmResult } from '../http.ts';
import { hubspotPaths } from './api-version.ts';
import type { HubspotClient } from './client.ts';

const NUMERIC_ID = /^\d{1,20}$/;

const ValueWithTimestamp = z.looseObject({ value: z.string().nullable().optional(), timestamp: z.string(), sourceType: z.string().optional() });
const CompanyWithHistory = z.looseObject({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  propertiesWithHistory: z.record(z.string(), z.array(ValueWithTimestamp)).optional(),
});

export function createHubspotHandover(client: HubspotClient): CrmHandover {
  async function readAccount(id: string, fields: readonly string[], historyField: string): Promise<CrmResult<HandoverRead>> {
    if (!NUMERIC_ID.test(id)) return fail(crmErrors.invalid('hubspot', 'hubspot.bad-id', { id }));
    const q = new URLSearchParams({ properties: [...new Set(['name', ...fields])].join(','), propertiesWithHistory: historyField });
    const r = await client.request('GET', `${hubspotPaths.object('companies', id)}?${q}`, CompanyWithHistory);
    if (!r.ok) return r;
    const company = r.value.data;
    const contacts = await client.companyContacts(id);
    if (!contacts.ok) return contacts;
    const history = (company.propertiesWithHistory?.[historyField] ?? []).map((h) => ({ at: h.timestamp, value: h.value ?? null }));
    return ok({
      id: company.id,
      name: company.properties.name ?? null,
      fields: Object.fromEntries(fields.map((f) => [f, company.properties[f] ?? null])),
      history,
      contacts: contacts.value,
    });
  }
  return { crm: 'hubspot', readAccount, pace: (needed = 1) => paceHubspot(client.rateLimit(), needed) };
}
