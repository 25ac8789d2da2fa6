// Which host answers the REST API for a given Salesforce page host. The API
// must be called on My Domain (my.salesforce.com) directly: a redirect from
// the Lightning host drops the Authorization header.
import { parseSalesforceHost } from '../detect.ts';

/**
 * `acme.lightning.force.com` → `acme.my.salesforce.com`, keeping the sandbox name and the
 * partition (sandbox, develop, patch, demo, scratch, trailblaze); null for anything that is
 * not an org host. The grammar is page detection's own (`parseSalesforceHost`), so a page
 * Sidecar detects always has an API host, and only such pages do.
 */
export function apiHostFor(host: string): string | null {
  const h = parseSalesforceHost(host.trim().replace(/\.$/, ''));
  return h ? `${h.org}.my.salesforce.com` : null;
}

/** An instance URL on the API host (other hosts, such as a local mock, pass through). */
export function apiBaseUrl(instanceUrl: string): string {
  const u = new URL(instanceUrl);
  const api = apiHostFor(u.hostname);
  return api ? `https://${api}` : u.origin;
}
