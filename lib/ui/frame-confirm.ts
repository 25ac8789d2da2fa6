import { loadCatalog, resolveLocale, translate } from '../i18n/index';
import { dropSnapshot } from '../view-snapshot/dom';

// The sidebar frame waits for the background to confirm that its own content script mounted
// it (`frame.confirm`, lib/background/frame-gate.ts) before it sends anything else or renders
// a control (entrypoints/sidebar/early.ts, main.tsx). Until then it shows at most its stored
// picture, which is inert; once refused, not even that.

/**
 * A refused frame (framed by another page): the stored picture goes, and one line of plain text
 * says why nothing else comes. No control, no customer data, and the browser's language, since
 * nothing here may ask for the user's settings. The words are the sidebar's own catalogue's
 * (`state.frameRefused`, lib/i18n/en.ts and ja.ts), already loading since early.ts.
 */
export async function showRefused(doc: Document, language: string): Promise<void> {
  dropSnapshot(doc);
  const lang = resolveLocale('auto', language);
  await loadCatalog(lang).catch(() => {});
  doc.documentElement.lang = lang;
  const note = doc.createElement('p');
  note.className = 'frame-refused';
  note.textContent = translate(lang, 'state.frameRefused');
  doc.getElementById('root')?.replaceChildren(note);
  // Marked last, so whoever waits for the mark finds the text in place.
  doc.documentElement.dataset.frameRefused = '';
}
