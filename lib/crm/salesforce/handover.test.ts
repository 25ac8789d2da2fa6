import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startSalesforceMock, type SalesforceMock } from '../../../tests/mocks/salesforce-server.ts';
import { toId18 } from '../salesforce-id.ts';
import { createSalesforceClient } from './client.ts';
import { createSalesforceHandover } from './handover.ts';

// Salesforce's handover reads against the mock: the Account's fields its describe lists, the
// published score's history from AccountHistory (newest first, as tracked), and the contacts.

let mock: SalesforceMock;
const make = () => createSalesforceHandover(createSalesforceClient({ fetch, timeoutMs: 500, getSession: async () => ({ instanceUrl: mock.url, accessToken: [...mock.state.tokens][0]! }) }));
const SCORE = 'Sidecar_Health_Score__c';

beforeEach(async () => {
  mock = await startSalesforceMock();
  mock.state.accountFields.set(SCORE, { type: 'double', updateable: true });
});
afterEach(() => mock.close());

describe('Salesforce handover reads', () => {
  test('fields the org has, the score’s tracked history, the contacts; a field the org lacks is left out, not a failure', async () => {
    const acme = [...mock.state.records.Account.values()].find((a) => a.Name === 'Acme Corp')!;
    const id = String(acme.Id);
    acme[SCORE] = 48;
    mock.state.insert('AccountHistory', { AccountId: toId18(id), Field: SCORE, OldValue: null, NewValue: 72, CreatedDate: '2026-09-20T00:00:00.000+0000' });
    mock.state.insert('AccountHistory', { AccountId: toId18(id), Field: SCORE, OldValue: 72, NewValue: 48, CreatedDate: '2026-11-30T00:00:00.000+0000' });
    mock.state.insert('AccountHistory', { AccountId: toId18(id), Field: 'Name', OldValue: 'Acme', NewValue: 'Acme Corp', CreatedDate: '2026-10-01T00:00:00.000+0000' });
    mock.state.addContact({ FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@acme.example' }, id, []);
    const r = await make().readAccount(id, [SCORE, 'Sidecar_Renewal_Date__c', 'Name'], SCORE);
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.value).toMatchObject({ id: toId18(id), name: 'Acme Corp', fields: { [SCORE]: 48, Sidecar_Renewal_Date__c: null } });
    expect(r.value.history).toEqual([
      { at: '2026-11-30T00:00:00.000+0000', value: '48' },
      { at: '2026-09-20T00:00:00.000+0000', value: '72' },
    ]);
    expect(r.value.contacts.map((c) => c.lastName)).toContain('Lovelace');
    const soql = mock.state.requests.log.filter((l) => l.path.endsWith('/query')).map((l) => decodeURIComponent(l.query.replace(/\+/g, ' ')));
    expect(soql.some((q) => q.includes(`FROM AccountHistory WHERE AccountId = '${toId18(id)}' AND Field = '${SCORE}' ORDER BY CreatedDate DESC`))).toBe(true);
    expect(soql.some((q) => q.includes('Sidecar_Renewal_Date__c'))).toBe(false);
  });

  test('a bad id is refused before any request', async () => {
    const r = await make().readAccount("001' OR Name != '", [SCORE], SCORE);
    expect(r.ok).toBe(false);
    expect(mock.state.requests.total).toBe(0);
  });
});
