import type * as z from 'zod/mini';
import { consoleMessages } from './console';
import { editorMessages } from './editor';
import { optionsMessages } from './options';
import { portfolioMessages } from './portfolio';
import { publishMessages } from './publish';
import { sidebarMessages } from './protocol';

export const protocol = {
  ...sidebarMessages,
  ...optionsMessages,
  ...consoleMessages,
  ...editorMessages,
  ...portfolioMessages,
  ...publishMessages,
};

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = z.input<Protocol[K]['request']>;
export type ResponseOf<K extends MessageType> = z.output<Protocol[K]['response']>;

export { CHANNEL, SidecarError, type ErrorInfo } from './envelope';
