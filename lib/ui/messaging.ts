import { browser } from 'wxt/browser';
import { createClient } from '../messages/client';
import { translate } from '../i18n/index';
import { sidebarMessages } from '../messages/protocol';
import { PageRecordEvent } from '../messages/record';
import type { RecordRef } from '../crm/detect';

/** The sidebar's one way to reach the background: the sidebar part of the protocol (the options page has its own, `options-messaging.ts`). */
export const call = createClient((message) => browser.runtime.sendMessage(message), sidebarMessages, (problem, vars) =>
  // The sidebar sets <html lang> to the language it shows.
  translate(document.documentElement.lang === 'ja' ? 'ja' : 'en', problem === 'no-answer' ? 'errors.noAnswer' : 'errors.badAnswer', vars),
);

/**
 * Record changes from this frame's own content script. The token in the frame's
 * URL tells our tab's events from other tabs'; page scripts cannot send
 * runtime messages at all, so the token is routing, not a secret.
 */
export function onPageRecord(token: string, listener: (ref: RecordRef | null) => void): () => void {
  const handler = (raw: unknown) => {
    const event = PageRecordEvent.safeParse(raw);
    if (event.success && event.data.token === token) listener(event.data.ref);
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
