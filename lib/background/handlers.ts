import { createOptionsHandlers, type Connections, type Outbox, type PeopleOptions, type TeamOptions } from './options-handlers';
import type { Locale } from '../engine/types.ts';
import { createPackConsole } from './pack-console';
import { editorHandlers } from './editor-handlers';
import type { Portfolio } from './portfolio';
import type { ScheduleView } from '../messages/publish';
import { publishHandlers, type Publisher } from './publish';
import { publishSetupHandlers } from './publish-setup';
import type { Handlers } from './router';
import { createSidebarHandlers, type Services } from './services';

/** Every message the background answers, sidebar, options and portfolio alike. */
export function createHandlers(
  s: Services & { connections: Connections; outbox: Outbox; people?: PeopleOptions; team?: TeamOptions; locale?: () => Locale; portfolio: Portfolio; publish?: Publisher; role?: () => Promise<'csm' | 'csops'>; schedule?: (crm: 'hubspot' | 'salesforce') => Promise<ScheduleView> },
): Handlers {
  return {
    ...createSidebarHandlers(s),
    ...createOptionsHandlers(s),
    ...createPackConsole(s),
    ...editorHandlers({ connections: s.connections, locale: s.locale ?? (() => 'en') }),
    'portfolio.view': ({ first }) => s.portfolio.view(first),
    'portfolio.load': async () => s.portfolio.load(),
    'portfolio.loadStatus': async () => s.portfolio.loadStatus(),
    'portfolio.handover': ({ key }) => s.portfolio.handover(key),
    'portfolio.handoverCsv': ({ keys }) => s.portfolio.handoverCsv(keys),
    'portfolio.open': async () => {
      s.portfolio.prepare();
      return {};
    },
    'portfolio.seen': async () => {
      await s.portfolio.markSeen();
      return {};
    },
    ...publishHandlers(s.publish, s.role, s.locale ?? (() => 'en'), s.schedule),
    ...publishSetupHandlers({ connections: s.connections, packs: s.packs, role: s.role, locale: s.locale ?? (() => 'en') }),
  };
}
