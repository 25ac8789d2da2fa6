// Salesforce's side of CrmHandover: the Account's fields (only those its describe lists, so a field
// an org lacks is left out rather than failing the query), the published score's history from
// AccountHistory (Field, NewValue, CreatedDate: the Object Reference's StandardObjectNameHistory;
// rows exist only where field history tracking is on for the field), and the account's contacts.
import * as z from 'zod';
import { paceSalesforce } from '../../publish/pacing.ts';
import type { CrmHandover, HandoverRead } from '../handover.ts';
import { crmErrors, fail, ok, type CrmResult } from '../http.ts';
import { toId18 } from '../salesforce-id.ts';
import type { SalesforceClient } from './client.ts';
import { QueryRecord } from './schemas.ts';
import { isSoqlField, soqlString } from './soql.ts';

const Describe = z.looseObject({ fields: z.array(z.looseObject({ name: z.string() })) });
const HistoryRow = z.looseObject({ CreatedDate: z.string(), NewValue: z.union([z.string(), z.number(), z.boolean()]).nullable().optional() });
/** The newest changes a sheet shows; older ones are left in the CRM. */
const HISTORY_ROWS = 200;

const scalar = (v: unknown): string | number | boolean | null => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null);

export function createSalesforceHandover(client: SalesforceClient): CrmHandover {
  let known: Set<string> | null = null;

  async function readAccount(id: string, fields: readonly string[], historyField: string): Promise<CrmResult<HandoverRead>> {
    const id18 = toId18(id);
    if (!id18) return fail(crmErrors.invalid('salesforce', 'salesforce.bad-id', { id }));
    const bad = [...fields, historyField].find((f) => !isSoqlField(f) || f.includes('.'));
    if (bad) return fail(crmErrors.invalid('salesforce', 'salesforce.bad-field', { field: bad }));
    if (!known) {
      const d = await client.request('GET', '/sobjects/Account/describe', Describe);
      if (!d.ok) return d;
      known = new Set(d.value.fields.map((f) => f.name));
    }
    const have = fields.filter((f) => known!.has(f) && f !== 'Id' && f !== 'Name');
    const r = await client.queryAs(`SELECT ${['Id', 'Name', ...have].join(', ')} FROM Account WHERE Id = ${soqlString(id18)}`, QueryRecord);
    if (!r.ok) return r;
    const row = r.value.records[0] as Record<string, unknown> | undefined;
    if (!row) return fail(crmErrors.notFound('salesforce', id18));
    const history: HandoverRead['history'] = [];
    if (known.has(historyField)) {
      const h = await client.queryAs(
        `SELECT CreatedDate, NewValue FROM AccountHistory WHERE AccountId = ${soqlString(id18)} AND Field = ${soqlString(historyField)} ORDER BY CreatedDate DESC LIMIT ${HISTORY_ROWS}`,
        HistoryRow,
      );
      // History the user may not read (or an org without tracking) leaves the sheet without a history, not without a sheet.
      if (!h.ok && (h.error.kind === 'auth' || h.error.kind === 'rate-limit')) return h;
      if (h.ok) for (const x of h.value.records) history.push({ at: x.CreatedDate, value: x.NewValue === null || x.NewValue === undefined ? null : String(x.NewValue) });
    }
    const contacts = await client.accountContacts(id18);
    if (!contacts.ok) return contacts;
    return ok({
      id: id18,
      name: typeof row.Name === 'string' ? row.Name : null,
      fields: Object.fromEntries(fields.map((f) => [f, scalar(row[f])])),
      history,
      contacts: contacts.value,
    });
  }
  return { crm: 'salesforce', readAccount, pace: (needed = 1) => paceSalesforce(client.apiUsage(), needed) };
}
