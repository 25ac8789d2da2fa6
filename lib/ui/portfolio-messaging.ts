import { browser } from 'wxt/browser';
import { translate } from '../i18n/index';
import { createClient } from '../messages/client';
import { portfolioMessages } from '../messages/portfolio';
import { sidebarMessages } from '../messages/protocol';

/** The portfolio page's one way to reach the background: the pack and settings, and the book. */
export const call = createClient((message) => browser.runtime.sendMessage(message), { ...sidebarMessages, ...portfolioMessages }, (problem, vars) =>
  translate(document.documentElement.lang === 'ja' ? 'ja' : 'en', problem === 'no-answer' ? 'errors.noAnswer' : 'errors.badAnswer', vars),
);
