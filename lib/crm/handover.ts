// The one small interface a handover sheet's CRM reads go through (issue 17): one account's fields,
// the history of one published field, and its key contacts. Each CRM folder implements it
// (hubspot/handover.ts, salesforce/handover.ts) and owns every request behind it; the team's notes
// come through CrmNotes (notes.ts), as the sidebar reads them.
import type { Pace } from '../publish/pacing.ts';
import type { CrmResult } from './http.ts';
import type { CrmContact } from './people.ts';

export interface HandoverRead {
  id: string;
  name: string | null;
  fields: Record<string, string | number | boolean | null>;
  /** The history field's values over time as the CRM records them (HubSpot's property history, Salesforce's AccountHistory). */
  history: Array<{ at: string; value: string | null }>;
  contacts: CrmContact[];
}

export interface CrmHandover {
  readonly crm: 'hubspot' | 'salesforce';
  /** The account's current values of `fields`, the history of `historyField`, and its contacts. */
  readAccount(id: string, fields: readonly string[], historyField: string): Promise<CrmResult<HandoverRead>>;
  /** How long to wait before the next `needed` requests, from this connection's last usage headers (a book's sheets are read one account after another). */
  pace(needed?: number): Pace;
}
