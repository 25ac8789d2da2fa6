// The scopes Sidecar asks a HubSpot Service Key (or an existing private app)
// to hold, and why: the options page and the README list these. Scope names
// are those the 2026-09 specs put on each call Sidecar makes.

export type ScopeNeed = 'required' | 'notes' | 'optional';

export interface HubspotScope {
  scope: string;
  need: ScopeNeed;
  /** The calls it opens, for the README and the tests. */
  calls: string[];
}

export const HUBSPOT_SCOPES = [
  { scope: 'crm.objects.companies.read', need: 'required', calls: ['GET /crm/objects/2026-09/companies[/{id}]', 'POST /crm/objects/2026-09/companies/batch/read'] },
  {
    scope: 'crm.objects.contacts.read',
    need: 'required',
    calls: ['POST /crm/associations/2026-09/contacts/companies/batch/read', 'POST /crm/associations/2026-09/companies/notes/batch/read', 'POST /crm/objects/2026-09/notes/batch/read', 'POST /crm/associations/2026-09/companies/contacts/batch/read', 'POST /crm/objects/2026-09/contacts/batch/read'],
  },
  { scope: 'crm.objects.deals.read', need: 'required', calls: ['POST /crm/associations/2026-09/deals/companies/batch/read'] },
  { scope: 'crm.objects.contacts.write', need: 'notes', calls: ['POST /crm/objects/2026-09/notes', 'PATCH|DELETE /crm/objects/2026-09/notes/{id}'] },
  { scope: 'tickets', need: 'optional', calls: ['POST /crm/associations/2026-09/companies/tickets/batch/read'] },
  { scope: 'crm.objects.owners.read', need: 'optional', calls: ['GET /crm/owners/2026-09'] },
] as const satisfies readonly HubspotScope[];

export type HubspotScopeName = (typeof HUBSPOT_SCOPES)[number]['scope'];
