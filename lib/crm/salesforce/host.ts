// Which host answers the REST API for a given Salesforce page host. The API
// must be called on My Domain (my.salesforce.com) directly: a redirect from
// the Lightning host drops the Authorization header.

const ORG_HOST =
  /^([a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+)?)((?:\.(?:sandbox|develop|scratch|demo|patch|trailblaze))?)\.(?:lightning\.force\.com|my\.salesforce\.com|my\.salesforce-setup\.com)$/;

/**
 * `acme.lightning.force.com` → `acme.my.salesforce.com`, keeping the sandbox,
 * Developer Edition and scratch parts; null for anything that is not an org host.
 */
export function apiHostFor(host: string): string | null {
  const m = ORG_HOST.exec(host.trim().toLowerCase().replace(/\.$/, ''));
  return m ? `${m[1]}${m[2]}.my.salesforce.com` : null;
}

/** An instance URL on the API host (other hosts, such as a local mock, pass through). */
export function apiBaseUrl(instanceUrl: string): string {
  const u = new URL(instanceUrl);
  const api = apiHostFor(u.hostname);
  return api ? `https://${api}` : u.origin;
}
