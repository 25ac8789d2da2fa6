// Who's who, whatever the CRM: a CRM user (the CSM, an account's owner, a
// note's author) and an account's contacts, as the CRM records them. Names and
// ids come only from CRM fields, never from text someone typed into a note.

/** A CRM user: a HubSpot owner (id = owner id) or a Salesforce User (id = 18-character User id). */
export interface CrmPerson {
  id: string;
  name: string;
  email?: string;
}

/** One of an account's contacts. */
export interface CrmContact {
  id: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  title?: string;
  /** This account is the contact's primary company (HubSpot "Primary" association, Salesforce direct account). */
  primary: boolean;
  /** The last engagement the CRM knows (ISO date or date-time), for ordering. */
  lastEngagedAt?: string;
}

/** At most this many contacts are kept per account: the picker is for the people a CSM writes to. */
export const MAX_CONTACTS = 50;

/** Primary first, then the most recently engaged, then by name; at most MAX_CONTACTS. */
export function orderContacts(contacts: CrmContact[]): CrmContact[] {
  const time = (c: CrmContact) => (c.lastEngagedAt ? Date.parse(c.lastEngagedAt) || 0 : 0);
  const name = (c: CrmContact) => `${c.lastName ?? ''} ${c.firstName ?? ''}`.trim();
  return [...contacts]
    .sort((a, b) => Number(b.primary) - Number(a.primary) || time(b) - time(a) || name(a).localeCompare(name(b)) || a.id.localeCompare(b.id))
    .slice(0, MAX_CONTACTS);
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

/**
 * A person's name from the CRM's first and last name: family name first for a
 * name in Japanese or Chinese script (佐藤 花子), first name first otherwise;
 * the e-mail when the CRM has no name.
 */
export function personName(first: string | null | undefined, last: string | null | undefined, email?: string | null): string | null {
  const f = first?.trim();
  const l = last?.trim();
  const parts = CJK.test(`${f ?? ''}${l ?? ''}`) ? [l, f] : [f, l];
  const name = parts.filter(Boolean).join(' ');
  return name || email?.trim() || null;
}

/** The same address, whatever its case and surrounding spaces. */
export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}
