import { describe, expect, test } from 'vitest';
import type { CrmSetup } from '../crm/setup.ts';
import { crmErrors, fail, ok } from '../crm/http.ts';
import { editorHandlers } from './editor-handlers';

const setup = (listFields: CrmSetup['listFields']) => ({ listFields }) as unknown as CrmSetup;

describe('editor.crmFields', () => {
  test('lists the connected CRM\'s fields by label, the API name where there is none', async () => {
    const h = editorHandlers({
      connections: {
        setup: async () =>
          setup(async () =>
            ok([
              { name: 'nps__c', crmType: 'double', type: 'number', writable: true, label: 'NPS' },
              { name: 'arr', crmType: 'number', type: 'number', writable: false, label: 'ARR' },
              { name: 'raw_field', crmType: 'string', type: 'string', writable: true },
            ]),
          ),
      },
      locale: () => 'en',
    });
    expect(await h['editor.crmFields']({ crm: 'salesforce' })).toEqual({
      crm: 'salesforce',
      fields: [
        { name: 'arr', label: 'ARR', type: 'number' },
        { name: 'nps__c', label: 'NPS', type: 'number' },
        { name: 'raw_field', label: 'raw_field', type: 'string' },
      ],
    });
  });

  test('not connected: says so in the user\'s language and what to do', async () => {
    const h = editorHandlers({ connections: { setup: async () => null }, locale: () => 'ja' });
    await expect(h['editor.crmFields']({ crm: 'hubspot' })).rejects.toThrow(/HubSpot に接続されていない/);
  });

  test('a CRM refusal is the CRM error, not an empty list', async () => {
    const h = editorHandlers({ connections: { setup: async () => setup(async () => fail(crmErrors.malformed('hubspot', 'bad answer'))) }, locale: () => 'en' });
    await expect(h['editor.crmFields']({ crm: 'hubspot' })).rejects.toThrow();
  });
});
