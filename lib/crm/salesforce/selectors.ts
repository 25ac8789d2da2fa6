// DOM selectors on Salesforce Lightning pages, as data: the content script
// reads them, and tests check them against the URLs they apply to. Fragile by
// nature; the API's Name is preferred whenever it is available.

export interface PageSelector {
  selector: string;
  /** Lightning keeps earlier record pages in the DOM, hidden: take the visible match. */
  pick: 'first' | 'visible';
  urls: string[];
  why: string;
}

export const salesforceSelectors = {
  recordName: {
    selector: 'records-highlights2 lightning-formatted-text[slot="primaryField"]',
    pick: 'visible',
    urls: [
      'https://acme.lightning.force.com/lightning/r/Account/001D000000IRFmaIAH/view',
      'https://acme.lightning.force.com/lightning/r/001D000000IRFmaIAH/view',
      'https://acme--uat.sandbox.lightning.force.com/lightning/r/Account/001D000000IRFmaIAH/view',
      'https://acme-dev-ed.develop.lightning.force.com/lightning/r/Account/001D000000IRFma/view',
    ],
    why: 'The record name in the highlights panel, shown until the API answers with Name.',
  },
} as const satisfies Record<string, PageSelector>;
