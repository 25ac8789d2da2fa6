// DOM selectors on HubSpot pages, as data: the content script reads them, and
// tests check them against the URLs they apply to. Fragile by nature; the
// API's `name` property is preferred whenever it is available.

export interface PageSelector {
  selector: string;
  pick: 'first' | 'visible';
  urls: string[];
  why: string;
}

export const hubspotSelectors = {
  recordName: {
    selector: '[data-selenium-test="highlightTitle"]',
    pick: 'first',
    urls: [
      'https://app.hubspot.com/contacts/123456/record/0-2/987654',
      'https://app-eu1.hubspot.com/contacts/123456/record/0-2/987654/view/1',
      'https://app.hubspot.com/contacts/123456/record/0-1/555',
      'https://app.hubspot.com/contacts/123456/record/0-3/777',
      'https://app.hubspot.com/contacts/123456/company/987654',
    ],
    why: 'The record name in the left panel, shown until the API answers with name.',
  },
} as const satisfies Record<string, PageSelector>;
