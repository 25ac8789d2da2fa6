// The structured map editor's background half (issue 19): the live CRM field list a signal's source
// is picked from. Reads only; the editor's draft never reaches the background.
import type { CrmSetup } from '../crm/setup.ts';
import type { Locale } from '../engine/types.ts';
import type { RequestOf, ResponseOf } from '../messages/index';
import { sidecarError, toSidecarError } from './crm-errors';

const LABEL = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;

export function editorHandlers(deps: { connections: { setup?(crm: 'hubspot' | 'salesforce'): Promise<CrmSetup | null> }; locale: () => Locale }) {
  return {
    'editor.crmFields': async ({ crm }: RequestOf<'editor.crmFields'>): Promise<ResponseOf<'editor.crmFields'>> => {
      const setup = (await deps.connections.setup?.(crm)) ?? null;
      if (!setup) throw sidecarError('not-connected', 'editor.crm-not-connected', { crm: LABEL[crm] }, deps.locale());
      const r = await setup.listFields();
      if (!r.ok) throw toSidecarError(r.error, deps.locale());
      const fields = r.value
        .map((f) => ({ name: f.name, label: f.label ?? f.name, type: f.type }))
        .sort((a, b) => a.label.localeCompare(b.label, 'ja') || a.name.localeCompare(b.name));
      return { crm, fields };
    },
  };
}
