import { browser } from 'wxt/browser';
import { createClient } from '../messages/client';
import { protocol } from '../messages/index';

/** The options page's one way to reach the background: the whole protocol, sidebar and options messages. */
export const call = createClient((message) => browser.runtime.sendMessage(message), protocol);
