import { createOptionsHandlers, type Connections, type Outbox, type PeopleOptions, type TeamOptions } from './options-handlers';
import type { Locale } from '../engine/types.ts';
import type { Handlers } from './router';
import { createSidebarHandlers, type Services } from './services';

/** Every message the background answers, sidebar and options alike. */
export function createHandlers(s: Services & { connections: Connections; outbox: Outbox; people?: PeopleOptions; team?: TeamOptions; locale?: () => Locale }): Handlers {
  return {
    ...createSidebarHandlers(s),
    ...createOptionsHandlers(s),
  };
}
