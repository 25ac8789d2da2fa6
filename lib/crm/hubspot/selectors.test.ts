import { describe, expect, test } from 'vitest';
import { detectRecord } from '../detect.ts';
import { salesforceSelectors } from '../salesforce/selectors.ts';
import { hubspotSelectors } from './selectors.ts';

// Convention: every selector names the record URLs where it must match, and
// each of those is a record page for its own CRM.
const all = [
  ...Object.entries(hubspotSelectors).map(([name, s]) => ['hubspot', name, s] as const),
  ...Object.entries(salesforceSelectors).map(([name, s]) => ['salesforce', name, s] as const),
];

describe.each(all)('%s %s', (crm, _name, sel) => {
  test('has URLs, and each is a record page of that CRM', () => {
    expect(sel.urls.length).toBeGreaterThan(0);
    for (const url of sel.urls) expect(detectRecord(url)?.crm, url).toBe(crm);
  });
  test('is a plain CSS selector string', () => {
    expect(sel.selector).toMatch(/^[\w\-[\]="\s.:>]+$/);
  });
});

test('Salesforce record names take the visible match (Lightning keeps old pages in the DOM)', () => {
  expect(salesforceSelectors.recordName.pick).toBe('visible');
  expect(hubspotSelectors.recordName.selector).toBe('[data-selenium-test="highlightTitle"]');
});
