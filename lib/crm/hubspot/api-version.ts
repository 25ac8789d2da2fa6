// HubSpot's date-based API version and the paths Sidecar calls with it.
// v4 (associations) is unsupported from 30 March 2027 and v1–v3 from
// September 2027; HubSpot asks integrations to move straight to a date-based
// version. Shapes are those of HubSpot's published specs for this version
// (PublicApiSpecs/CRM/{Companies,Notes,Tickets,Associations,Properties}/…/2026-09,
// PublicApiSpecs/Account/Account Info/…/2026-09, PublicApiSpecs/CRM/Crm Owners/…/2026-09).
export const HUBSPOT_API_VERSION = '2026-09';

const V = HUBSPOT_API_VERSION;

export const hubspotPaths = {
  /** GET (list, ?limit&after&properties), POST (create). */
  objects: (objectType: string) => `/crm/objects/${V}/${objectType}`,
  /** GET (read, ?properties), PATCH (update), DELETE (archive → 204). */
  object: (objectType: string, id: string) => `/crm/objects/${V}/${objectType}/${id}`,
  /** POST {inputs, properties, propertiesWithHistory} → 200/207. */
  batchRead: (objectType: string) => `/crm/objects/${V}/${objectType}/batch/read`,
  /** POST {inputs:[{id, after?}]}: the successor of v4's per-record association list. */
  associationsBatchRead: (fromType: string, toType: string) => `/crm/associations/${V}/${fromType}/${toType}/batch/read`,
  /** The portal's details; the spec puts it under the `oauth` scope, which a Service Key may lack. */
  accountDetails: () => `/account-info/${V}/details`,
  /** POST {inputs:[{id, properties, objectWriteTraceId?}]} (at most 100) → 200, or 207 with per-input errors (crm.objects.{type}.write). */
  batchUpdate: (objectType: string) => `/crm/objects/${V}/${objectType}/batch/update`,
  /** GET: the object's property definitions (CollectionResponsePropertyNoPaging); POST creates one. */
  properties: (objectType: string) => `/crm/properties/${V}/${objectType}`,
  /** GET ?limit&after&email&archived: the portal's owners (scope crm.objects.owners.read). */
  owners: () => `/crm/owners/${V}`,
} as const;
