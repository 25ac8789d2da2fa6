// The CRM setup's messages (issue 16, item 5): check which fields the pack publishes the connected
// CRM has, create the missing ones (and, on Salesforce, grant them by permission sets), or build the
// metadata package for an admin. CS Ops only. The requests live in lib/crm/*/setup.ts, the plan in
// lib/publish/setup.ts; this file only wires them.
import type { CrmError } from '../crm/http.ts';
import type { CrmSetup } from '../crm/setup.ts';
import { HUBSPOT_SCHEMA_WRITE_SCOPE } from '../crm/hubspot/setup.ts';
import type { ConfigPack, Locale } from '../engine/types.ts';
import type { PublishSetup, PublishSetupApplied } from '../messages/publish.ts';
import { publishedFields, type Crm } from '../publish/fields.ts';
import { checkFields, fieldsToCreate, fieldsToGrant, summarise } from '../publish/setup.ts';
import { metadataPackageZip } from '../publish/sf-package.ts';
import { toBase64 } from '../publish/zip.ts';
import { sidecarError, toSidecarError } from './crm-errors';

export interface PublishSetupDeps {
  connections: { setup?(crm: Crm): Promise<CrmSetup | null> };
  packs: { active(): Promise<{ pack: ConfigPack }> };
  role?: (() => Promise<'csm' | 'csops'>) | undefined;
  locale: () => Locale;
}

const LABEL: Record<Crm, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

export function publishSetupHandlers(deps: PublishSetupDeps) {
  async function csops() {
    if ((await deps.role?.()) !== 'csops') throw sidecarError('forbidden', 'publish.setup.not-csops', undefined, deps.locale());
  }

  async function connected(crm: Crm): Promise<CrmSetup> {
    const setup = (await deps.connections.setup?.(crm)) ?? null;
    if (!setup) throw sidecarError('not-connected', 'publish.not-connected', { crm: LABEL[crm] }, deps.locale());
    return setup;
  }

  /** A refusal of a setup write, worded for who can fix it: the key's super admin (scope) or a Salesforce admin. */
  function refusal(crm: Crm, e: CrmError) {
    if (e.kind === 'forbidden' && crm === 'hubspot') return sidecarError('forbidden', 'publish.setup.hubspot-scope', { scope: e.scope ?? HUBSPOT_SCHEMA_WRITE_SCOPE }, deps.locale(), { crm, scope: e.scope ?? HUBSPOT_SCHEMA_WRITE_SCOPE });
    if (e.kind === 'forbidden') return sidecarError('forbidden', 'publish.setup.salesforce-no-access', undefined, deps.locale(), { crm });
    return toSidecarError(e, deps.locale());
  }

  async function check(crm: Crm, setup: CrmSetup) {
    const { pack } = await deps.packs.active();
    const wanted = publishedFields(pack);
    const names = wanted.map((f) => f[crm]);
    const defs = await setup.readDefinitions(names);
    if (!defs.ok) throw toSidecarError(defs.error, deps.locale());
    const hidden = await setup.hiddenFields(names.filter((n) => !defs.value.has(n)));
    if (!hidden.ok) throw toSidecarError(hidden.error, deps.locale());
    const rows = checkFields(crm, wanted, defs.value, hidden.value);
    const view: PublishSetup = { crm, rows, summary: summarise(rows), hiddenKnown: crm === 'hubspot' || hidden.value !== null, ...(crm === 'hubspot' ? { scope: HUBSPOT_SCHEMA_WRITE_SCOPE } : {}) };
    return { view, wanted };
  }

  return {
    'publish.setupCheck': async ({ crm }: { crm: Crm }): Promise<PublishSetup> => {
      await csops();
      return (await check(crm, await connected(crm))).view;
    },
    'publish.setupApply': async ({ crm }: { crm: Crm }): Promise<PublishSetupApplied> => {
      await csops();
      const setup = await connected(crm);
      const before = await check(crm, setup);
      const create = fieldsToCreate(before.view.rows, before.wanted, crm);
      const made = await setup.createFields(create, deps.locale());
      if (!made.ok) throw refusal(crm, made.error);
      let access: PublishSetupApplied['access'];
      if (crm === 'salesforce') {
        // Every field but a wrong-type one, the new ones included: a field nobody may see is no use.
        const grant = [...new Set([...fieldsToGrant(before.view.rows)])];
        const g = await setup.grantAccess(grant);
        if (!g.ok) throw refusal(crm, g.error);
        if (g.value) access = g.value;
      }
      const after = await check(crm, setup);
      return { ...made.value, ...(access ? { access } : {}), check: after.view };
    },
    'publish.setupPackage': async (_d: Record<string, never>): Promise<{ fileName: string; base64: string; fields: string[] }> => {
      await csops();
      const { pack } = await deps.packs.active();
      const wanted = publishedFields(pack);
      // Without a connection (or with one that may not read the org), the package holds every field.
      const setup = await Promise.resolve(deps.connections.setup?.('salesforce') ?? null).catch(() => null);
      let create = wanted;
      let grant = wanted.map((f) => f.salesforce);
      if (setup) {
        const c = await check('salesforce', setup).catch(() => null);
        if (c) {
          create = fieldsToCreate(c.view.rows, wanted, 'salesforce');
          grant = fieldsToGrant(c.view.rows);
        }
      }
      return { fileName: 'sidecar-salesforce-fields.zip', base64: toBase64(metadataPackageZip(create, grant, deps.locale())), fields: create.map((f) => f.salesforce) };
    },
  };
}
