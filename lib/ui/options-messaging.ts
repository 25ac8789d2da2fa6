import { browser } from 'wxt/browser';
import { createClient } from '../messages/client';
import { interpolate } from '../i18n/index';
import { optionsEn } from '../i18n/options-en';
import { optionsJa } from '../i18n/options-ja';
import { protocol } from '../messages/index';

/** The options page's one way to reach the background: the whole protocol, sidebar and options messages. */
export const call = createClient((message) => browser.runtime.sendMessage(message), protocol, (problem, vars) =>
  interpolate((document.documentElement.lang === 'ja' ? optionsJa : optionsEn)[problem === 'no-answer' ? 'errors.noAnswer' : 'errors.badAnswer'], vars),
);
