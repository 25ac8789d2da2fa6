// Chrome enterprise policy (storage.managed), read as plain data. Pure: no chrome.*, no Dexie.
//
// Chrome validates each value against public/managed-schema.json and drops one that breaks it,
// so most of what is checked here never arrives from Chrome. Firefox's enterprise policies, a
// schema older than the browser's, or an admin template typed by hand can still bring one: each
// field is checked on its own, a bad one is left out and named with its path, the others apply.
import * as z from 'zod/mini';
import { apiHostFor } from '../crm/salesforce/host.ts';
import type { ErrorKey } from '../i18n/errors.ts';
import type { Vars } from '../i18n/index.ts';

export type Role = 'csm' | 'csops';
export const ROLES: readonly Role[] = ['csm', 'csops'];

export interface TeamPolicy {
  /** The pack itself (inline): JSON text, or an object where the policy store keeps one (Firefox, a macOS dictionary). */
  pack?: unknown;
  packUrl?: string;
  /** Lowercase hex. */
  packSha256?: string;
  role?: Role;
  hubspotOwnerEmail?: string;
  /** The CS Ops user (their CRM e-mail) whose browser runs the daily "score the book" for the team. */
  publisher?: string;
  allowedHubspotPortals?: string[];
  allowedSalesforceOrgs?: string[];
}

/** One policy value that was left out, with why: a key from the error catalogue. */
export interface PolicyProblem {
  path: string;
  key: ErrorKey;
  params?: Vars;
}

export interface PolicyRead {
  policy: TeamPolicy;
  problems: PolicyProblem[];
  /** True when any value at all came from policy (even a refused one). */
  present: boolean;
}

const Https = z.string().check(
  z.maxLength(2_000),
  z.refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' && !!u.hostname && !u.username && !u.password;
    } catch {
      return false;
    }
  }),
);
const Sha = z.string().check(z.regex(/^[0-9a-fA-F]{64}$/));
const Email = z.string().check(z.maxLength(200), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/));
const Portal = z.string().check(z.regex(/^\d{1,12}$/));
const Org = z.string().check(z.maxLength(200), z.regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/));
const PackText = z.union([z.string().check(z.minLength(2), z.maxLength(5_000_000)), z.record(z.string(), z.unknown())]);

type Field = { [K in keyof TeamPolicy]-?: { schema: z.ZodMiniType; key: ErrorKey; transform?: (v: never) => TeamPolicy[K] } };
const FIELDS: Field = {
  pack: { schema: PackText, key: 'team.policy.pack' },
  packUrl: { schema: Https, key: 'team.policy.https' },
  packSha256: { schema: Sha, key: 'team.policy.sha256', transform: (v: string) => v.toLowerCase() },
  role: { schema: z.enum(['csm', 'csops']), key: 'team.policy.role' },
  hubspotOwnerEmail: { schema: Email, key: 'team.policy.email', transform: (v: string) => v.toLowerCase() },
  publisher: { schema: Email, key: 'team.policy.email', transform: (v: string) => v.toLowerCase() },
  allowedHubspotPortals: { schema: z.array(Portal).check(z.maxLength(500)), key: 'team.policy.portals' },
  allowedSalesforceOrgs: { schema: z.array(Org).check(z.maxLength(500)), key: 'team.policy.orgs' },
};

/** Every key the policy reader knows (public/managed-schema.json must list the same, or Chrome drops the value). */
export const POLICY_KEYS = Object.keys(FIELDS) as ReadonlyArray<keyof TeamPolicy>;

/** The managed storage's contents → the policy Sidecar applies, and every value it left out. */
export function parsePolicy(raw: unknown): PolicyRead {
  if (raw === undefined || raw === null) return { policy: {}, problems: [], present: false };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { policy: {}, problems: [{ path: '(policy)', key: 'team.policy.not-object' }], present: true };
  }
  const input = raw as Record<string, unknown>;
  const policy: Record<string, unknown> = {};
  const problems: PolicyProblem[] = [];
  let present = false;
  for (const [name, value] of Object.entries(input)) {
    const field = (FIELDS as Record<string, Field[keyof Field]>)[name];
    if (!field) {
      problems.push({ path: name, key: 'team.policy.unknown', params: { name } });
      present = true;
      continue;
    }
    // Admin templates pad values: surrounding spaces are no error.
    const v = typeof value === 'string' ? value.trim() : value;
    if (v === undefined || v === null || v === '') continue;
    present = true;
    const parsed = field.schema.safeParse(v);
    if (!parsed.success) {
      // A list: name the first bad entry, not just the list.
      const at = parsed.error.issues[0]?.path.filter((p) => typeof p === 'number' || typeof p === 'string') ?? [];
      problems.push({ path: [name, ...at].map(String).join('.'), key: field.key });
      continue;
    }
    policy[name] = field.transform ? (field.transform as (v: unknown) => unknown)(parsed.data) : parsed.data;
  }
  // A hash pins the URL's pack: alone it means nothing, and a URL the hash cannot apply to is still fetched.
  if (policy.packSha256 && !policy.packUrl) problems.push({ path: 'packSha256', key: 'team.policy.sha-without-url' });
  return { policy: policy as TeamPolicy, problems, present };
}

/** The inline pack as a JSON value: JSON text is parsed, an object taken as it is. */
export function inlinePackValue(pack: unknown): { ok: true; value: unknown } | { ok: false; detail: string } {
  if (typeof pack !== 'string') return { ok: true, value: pack };
  try {
    return { ok: true, value: JSON.parse(pack) as unknown };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  }
}

/** A Salesforce org as the policy names it → the My Domain API host it is compared by. */
export function normaliseOrg(entry: string): string {
  const e = entry.trim().toLowerCase().replace(/^https:\/\//, '').replace(/\/.*$/, '');
  return e.includes('.') ? (apiHostFor(e) ?? e) : `${e}.my.salesforce.com`;
}

export interface AllowedAccounts {
  hubspot?: readonly string[];
  /** My Domain API hosts (acme.my.salesforce.com, acme--uat.sandbox.my.salesforce.com). */
  salesforce?: readonly string[];
}

export function allowedAccounts(policy: TeamPolicy): AllowedAccounts | null {
  const out: AllowedAccounts = {
    ...(policy.allowedHubspotPortals ? { hubspot: policy.allowedHubspotPortals } : {}),
    ...(policy.allowedSalesforceOrgs ? { salesforce: policy.allowedSalesforceOrgs.map(normaliseOrg) } : {}),
  };
  return out.hubspot || out.salesforce ? out : null;
}
