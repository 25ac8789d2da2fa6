// The small interface the CRM setup (issue 16, item 5) reaches a CRM through. Each CRM folder
// implements it (hubspot/setup.ts, salesforce/setup.ts) and owns every request behind it; what to
// create is decided in lib/publish/setup.ts (pure), and lib/background/publish-setup.ts wires both.
import type { Locale } from '../engine/types.ts';
import type { PublishedField } from '../publish/fields.ts';
import type { FieldDefinition } from './fields.ts';
import type { CrmResult } from './http.ts';

/** What creating fields did, per field name. A name that already existed is no failure. */
export interface CreateOutcome {
  created: string[];
  existed: string[];
  /** Refused one by one (the request as a whole went through): the CRM's code and words, for the log. */
  failed: Array<{ name: string; crmCode: string; message: string }>;
}

/** What granting field access did (Salesforce permission sets). */
export interface AccessOutcome {
  /** The permission sets Sidecar created (existing ones are reused, not listed). */
  createdSets: string[];
  /** Field permissions added to the sets. */
  fieldPermissions: number;
  /** Whether the connected user now holds the publisher's set (newly or already). */
  assigned: boolean;
}

export interface CrmSetup {
  readonly crm: 'hubspot' | 'salesforce';
  /** The named fields as the connected user sees them (type, writable). */
  readDefinitions(names: readonly string[]): Promise<CrmResult<Map<string, FieldDefinition>>>;
  /** Every account field the connected user can read, with its label (the map editor's source picker). */
  listFields(): Promise<CrmResult<FieldDefinition[]>>;
  /**
   * Of these names, those the org has although the user's describe does not show them (Salesforce
   * field-level security); null when the user may not list the org's fields. HubSpot: none.
   */
  hiddenFields(names: readonly string[]): Promise<CrmResult<Set<string> | null>>;
  /**
   * Create these fields. A refusal of the whole request (HubSpot's 403 naming the missing scope,
   * Salesforce's INSUFFICIENT_ACCESS) is the CrmResult's error: nothing was created.
   */
  createFields(fields: readonly PublishedField[], locale: Locale): Promise<CrmResult<CreateOutcome>>;
  /**
   * Let the team see the fields: Salesforce creates (or reuses) a read permission set for CSMs and
   * an edit one for the publisher, adds the missing field permissions and assigns the publisher's
   * set to the connected user. HubSpot has no field-level security for properties: null.
   */
  grantAccess(names: readonly string[]): Promise<CrmResult<AccessOutcome | null>>;
}
