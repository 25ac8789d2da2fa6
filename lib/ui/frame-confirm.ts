import { dropSnapshot } from '../view-snapshot/dom';

// The sidebar frame waits for the background to confirm that its own content script mounted
// it (`frame.confirm`, lib/background/frame-gate.ts) before it sends anything else or renders
// a control (entrypoints/sidebar/early.ts, main.tsx). Until then it shows at most its stored
// picture, which is inert; once refused, not even that.

// Shown by a frame that is not Sidecar's own (framed by another page). Plain text, no control,
// no customer data; both languages, since nothing here may ask for the user's settings.
const REFUSED = {
  en: 'Sidecar is not available in this frame. It opens by itself beside a HubSpot or Salesforce record.',
  ja: 'このフレームでは Sidecar を使えません。Sidecar は HubSpot や Salesforce のレコード画面で自動的に開きます。',
} as const;

/** A refused frame: the stored picture goes, and one line of text says why nothing else comes. */
export function showRefused(doc: Document, language: string): void {
  dropSnapshot(doc);
  const lang = /^ja\b/i.test(language) ? 'ja' : 'en';
  doc.documentElement.lang = lang;
  doc.documentElement.dataset.frameRefused = '';
  const note = doc.createElement('p');
  note.className = 'frame-refused';
  note.textContent = REFUSED[lang];
  const root = doc.getElementById('root');
  root?.replaceChildren(note);
}
