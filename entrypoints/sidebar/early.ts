import { loadCatalog, resolveLocale } from '../../lib/i18n/index';
import { readFrameParams } from '../../lib/ui/frame-url';
import { call } from '../../lib/ui/messaging';

// Imported first by main.tsx, so these requests leave while React is still
// being evaluated: the background answers in parallel with the page's start-up.
export const params = readFrameParams(location.href);
// First the background confirms that this frame's own content script mounted it, for this
// record; nothing else is sent before that. A URL naming no CRM record is not even asked about.
const ref = params.ref;
export const confirmed: Promise<unknown> = ref ? call('frame.confirm', { ref }) : Promise.reject(new Error('No CRM record in the frame URL'));
export const early = {
  record: ref ? confirmed.then(() => call('record.open', { ref })) : null,
  pack: confirmed.then(() => call('pack.view', {})),
  settings: confirmed.then(() => call('settings.get', {})),
};
// Nobody may be waiting yet: an error is picked up (and shown) by the query that adopts the promise.
for (const p of [confirmed, ...Object.values(early)]) p?.catch(() => {});
// The likely language's strings, in parallel with the messages.
void loadCatalog(resolveLocale('auto', navigator.language));
