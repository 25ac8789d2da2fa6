// Using the signed-in user's own session, as Salesforce Inspector does: the
// `sid` cookie of the org's My Domain (.my.salesforce.com). The Lightning
// host has a `sid` too, but that session is not valid for the REST API.
import { apiHostFor } from './host.ts';

export interface CookieLike {
  name: string;
  value: string;
  domain: string;
}

export interface CookieSession {
  instanceUrl: string;
  accessToken: string;
}

const MY_DOMAIN = /\.my\.salesforce\.com$/;

/** Which cookie to read (with chrome.cookies.get) for a page on `pageHost`; null off Salesforce. */
export function sidCookieFor(pageHost: string): { url: string; name: 'sid' } | null {
  const api = apiHostFor(pageHost);
  return api ? { url: `https://${api}/`, name: 'sid' } : null;
}

/** A cookie → the session to call the API with, or null when it is not an org's My Domain `sid`. */
export function sessionFromCookie(cookie: CookieLike): CookieSession | null {
  if (cookie.name !== 'sid' || !cookie.value) return null;
  const domain = cookie.domain.replace(/^\./, '').toLowerCase();
  if (!MY_DOMAIN.test(domain) || apiHostFor(domain) !== domain) return null;
  return { instanceUrl: `https://${domain}`, accessToken: cookie.value };
}
