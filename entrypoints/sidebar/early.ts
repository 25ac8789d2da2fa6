import { loadCatalog, resolveLocale } from '../../lib/i18n/index';
import { readFrameParams } from '../../lib/ui/frame-url';
import { call } from '../../lib/ui/messaging';

// Imported first by main.tsx, so these requests leave while React is still
// being evaluated: the background answers in parallel with the page's start-up.
export const params = readFrameParams(location.href);
export const early = {
  record: params.ref ? call('record.open', { ref: params.ref }) : null,
  pack: call('pack.view', {}),
  settings: call('settings.get', {}),
};
// Nobody may be waiting yet: an error is picked up (and shown) by the query that adopts the promise.
for (const p of Object.values(early)) p?.catch(() => {});
// The likely language's strings, in parallel with the messages.
void loadCatalog(resolveLocale('auto', navigator.language));
