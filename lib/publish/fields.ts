// The CRM fields Sidecar publishes (issue 16), named in one place: the job writes them, the CRM
// setup creates them, every CSM's Sidecar reads them. Pure: names only, no requests.
//
// HubSpot: company properties in the group `sidecar`, lowercase `sidecar_*` (HubSpot internal
// names are lowercase letters, digits and "_"; Sidecar keeps them within HUBSPOT_NAME_MAX).
// Salesforce: Account custom fields `Sidecar_*__c` (a custom field's name is at most 40
// characters before `__c`, starts with a letter, has no "__" and does not end in "_").

export type Crm = 'hubspot' | 'salesforce';

/** HubSpot's property group Sidecar's properties live in. */
export const HUBSPOT_GROUP = 'sidecar';
/** Sidecar keeps HubSpot internal names this short [I: HubSpot documents no lower limit for companies]. */
export const HUBSPOT_NAME_MAX = 100;
/** A Salesforce custom field's name before `__c`. */
export const SALESFORCE_NAME_MAX = 40;
/** A HubSpot string property holds 65,536 characters; a Salesforce Text field 255. */
export const TEXT_MAX: Record<Crm, number> = { hubspot: 65_536, salesforce: 255 };

export type FieldType = 'number' | 'string' | 'datetime';

/** One field Sidecar publishes, in both CRMs. */
export interface PublishedField {
  /** Sidecar's own key for it (stable across CRMs): `score`, `sig:<id>`, `rating:<id>:by`, … */
  key: string;
  hubspot: string;
  salesforce: string;
  type: FieldType;
  /** Text fields: the longest value each CRM takes (a longer one is cut, with "…"). */
  maxLength?: Record<Crm, number>;
  label: { en: string; ja: string };
}

/** The per-account results every publication writes: score, band, level, next action, pack, "as of". */
export const RESULT_KEYS = ['score', 'band', 'level', 'nextActionId', 'nextAction', 'packId', 'packVersion', 'asOf'] as const;
export type ResultKey = (typeof RESULT_KEYS)[number];

const text = (salesforce = TEXT_MAX.salesforce) => ({ hubspot: TEXT_MAX.hubspot, salesforce });

export const RESULT_FIELDS: Record<ResultKey, PublishedField> = {
  score: { key: 'score', hubspot: 'sidecar_health_score', salesforce: 'Sidecar_Health_Score__c', type: 'number', label: { en: 'Sidecar health score', ja: 'Sidecar ヘルススコア' } },
  band: { key: 'band', hubspot: 'sidecar_health_band', salesforce: 'Sidecar_Health_Band__c', type: 'string', maxLength: text(), label: { en: 'Sidecar health band', ja: 'Sidecar ヘルスバンド' } },
  level: { key: 'level', hubspot: 'sidecar_maturity_level', salesforce: 'Sidecar_Maturity_Level__c', type: 'number', label: { en: 'Sidecar maturity level', ja: 'Sidecar 成熟度レベル' } },
  nextActionId: { key: 'nextActionId', hubspot: 'sidecar_next_action_id', salesforce: 'Sidecar_Next_Action_Id__c', type: 'string', maxLength: text(), label: { en: 'Sidecar next action id', ja: 'Sidecar 次のアクション ID' } },
  nextAction: { key: 'nextAction', hubspot: 'sidecar_next_action', salesforce: 'Sidecar_Next_Action__c', type: 'string', maxLength: text(), label: { en: 'Sidecar next action', ja: 'Sidecar 次のアクション' } },
  packId: { key: 'packId', hubspot: 'sidecar_pack_id', salesforce: 'Sidecar_Pack_Id__c', type: 'string', maxLength: text(), label: { en: 'Sidecar pack id', ja: 'Sidecar パック ID' } },
  packVersion: { key: 'packVersion', hubspot: 'sidecar_pack_version', salesforce: 'Sidecar_Pack_Version__c', type: 'string', maxLength: text(), label: { en: 'Sidecar pack version', ja: 'Sidecar パックのバージョン' } },
  asOf: { key: 'asOf', hubspot: 'sidecar_scored_at', salesforce: 'Sidecar_Scored_At__c', type: 'datetime', label: { en: 'Sidecar scored at', ja: 'Sidecar 評価日時' } },
};

/** When the published usage data (the pack's CSV signals) describes: the import's date, so a CSM's Sidecar ages it as CS Ops's does. */
export const USAGE_AS_OF: PublishedField = {
  key: 'usageAsOf',
  hubspot: 'sidecar_usage_as_of',
  salesforce: 'Sidecar_Usage_As_Of__c',
  type: 'datetime',
  label: { en: 'Sidecar usage data as of', ja: 'Sidecar 利用データの基準日時' },
};

/**
 * Who published the values a record holds now, and how: the audit trail of publications (issue 16),
 * written with every record a run changes and with nothing else, so the CRM's own field history
 * (HubSpot property history; Salesforce Account History once tracking is on for it) lists each
 * publication with its time, person, kind and pack version. publicationStamp() gives its value.
 */
export const PUBLISHED_BY: PublishedField = {
  key: 'publishedBy',
  hubspot: 'sidecar_published_by',
  salesforce: 'Sidecar_Published_By__c',
  type: 'string',
  maxLength: text(),
  label: { en: 'Sidecar published by', ja: 'Sidecar 公開者' },
};

export interface Publication {
  /** The publisher: their CRM e-mail (or the profile's), else null. */
  by: string | null;
  kind: 'signals' | 'scores';
  pack: { id: string; version: string };
  /** When the run started (ISO). */
  at: string;
  jobId: string;
}

/**
 * One line an auditor reads in the CRM: "ops@example.com · scores · default v6 · 2026-12-05T09:00:00.000Z · run 1a2b3c4d".
 * Fixed English words and ISO time, so a report can filter on it in any language; within 255
 * characters for Salesforce (the e-mail and pack id are cut first).
 */
export function publicationStamp(p: Publication): string {
  const cut = (s: string, n: number) => ([...s].length > n ? [...s].slice(0, n - 1).join('') + '…' : s);
  return [cut(p.by ?? 'unknown', 80), p.kind, `${cut(p.pack.id, 60)} v${cut(p.pack.version, 30)}`, p.at, `run ${p.jobId.slice(0, 8)}`].join(' · ');
}

/** 32-bit FNV-1a, as 6 base-36 characters: a short, stable tag that keeps two names apart. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(-6);
}

/** A pack id as name parts: camelCase split, anything but letters and digits a separator. */
function words(id: string): string[] {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** Whether the id survives naming as it is (only lowercase letters, digits and single "_"). */
const plain = (id: string) => /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(id);

/** The parts joined by "_"; with a tag, cut to leave room for "_<tag>" at the end. */
function fit(parts: string[], max: number, tag: string | null): string {
  const whole = parts.join('_');
  if (!tag) return whole;
  const suffix = `_${tag}`;
  return `${whole.slice(0, max - suffix.length).replace(/_+$/, '')}${suffix}`;
}

/**
 * A HubSpot property name `sidecar_<kind>_<id>[_<suffix>]`. An id that is not already lowercase
 * snake case (camelCase, ".", "-"), or a name cut to fit, ends in a tag of the id's hash, so two
 * ids never share a name.
 */
export function hubspotName(kind: string, id: string, suffix?: string): string {
  const tail = suffix ? `_${suffix}` : '';
  const room = HUBSPOT_NAME_MAX - tail.length;
  const parts = ['sidecar', kind, ...words(id)].map((w) => w.toLowerCase());
  const tag = plain(id) && parts.join('_').length <= room ? null : shortHash(id);
  return fit(parts, room, tag) + tail;
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** A Salesforce field name `Sidecar_<Kind>_<Id>[_<Suffix>]__c`, at most 40 characters before `__c`, tagged as hubspotName is. */
export function salesforceName(kind: string, id: string, suffix?: string): string {
  const tail = suffix ? `_${cap(suffix)}` : '';
  const room = SALESFORCE_NAME_MAX - tail.length;
  const parts = ['Sidecar', cap(kind), ...words(id).map(cap)];
  const tag = plain(id) && parts.join('_').length <= room ? null : shortHash(id);
  return `${fit(parts, room, tag)}${tail}__c`;
}

/** The signals a publication of imported values writes: the pack's CSV signals. */
export function signalField(signalId: string, type: 'number' | 'rating' | 'boolean' | 'date'): PublishedField {
  return {
    key: `sig:${signalId}`,
    hubspot: hubspotName('sig', signalId),
    salesforce: salesforceName('sig', signalId),
    // Booleans travel as "true"/"false" text; dates as ISO date-times.
    type: type === 'number' || type === 'rating' ? 'number' : type === 'date' ? 'datetime' : 'string',
    ...(type === 'boolean' ? { maxLength: text(5) } : {}),
    label: { en: `Sidecar: ${signalId}`, ja: `Sidecar: ${signalId}` },
  };
}

/** The latest rating of one rating signal: its value, who gave it, when. */
export function ratingFields(signalId: string): { value: PublishedField; by: PublishedField; at: PublishedField } {
  return {
    value: { key: `rating:${signalId}`, hubspot: hubspotName('rating', signalId), salesforce: salesforceName('rating', signalId), type: 'number', label: { en: `Sidecar rating: ${signalId}`, ja: `Sidecar 評価: ${signalId}` } },
    by: { key: `rating:${signalId}:by`, hubspot: hubspotName('rating', signalId, 'by'), salesforce: salesforceName('rating', signalId, 'by'), type: 'string', maxLength: text(), label: { en: `Sidecar rating by: ${signalId}`, ja: `Sidecar 評価者: ${signalId}` } },
    at: { key: `rating:${signalId}:at`, hubspot: hubspotName('rating', signalId, 'at'), salesforce: salesforceName('rating', signalId, 'at'), type: 'datetime', label: { en: `Sidecar rated at: ${signalId}`, ja: `Sidecar 評価日時: ${signalId}` } },
  };
}

/** Every field a pack publishes: the results, each CSV signal, and each rating signal's latest rating. */
export function publishedFields(pack: { signals: ReadonlyArray<{ id: string; type: 'number' | 'rating' | 'boolean' | 'date'; source: { kind: string } }> }): PublishedField[] {
  const out: PublishedField[] = [...Object.values(RESULT_FIELDS), PUBLISHED_BY];
  if (pack.signals.some((s) => s.source.kind === 'csv')) out.push(USAGE_AS_OF);
  for (const s of pack.signals) {
    if (s.source.kind === 'csv') out.push(signalField(s.id, s.type));
    if (s.source.kind === 'rating') {
      const r = ratingFields(s.id);
      out.push(r.value, r.by, r.at);
    }
  }
  return out;
}

/** The field's name in one CRM. */
export const nameIn = (field: PublishedField, crm: Crm): string => field[crm];

/** A value as the CRM's wire takes it: HubSpot wants strings; text cut to the CRM's length with "…". */
export function wireValue(field: PublishedField, crm: Crm, value: string | number | boolean | null): string | number | boolean | null {
  if (value === null) return crm === 'hubspot' ? '' : null;
  if (typeof value === 'string' && field.maxLength) {
    const max = field.maxLength[crm];
    const cut = [...value].length > max ? [...value].slice(0, max - 1).join('') + '…' : value;
    return cut;
  }
  if (crm === 'hubspot') return String(value);
  return value;
}
