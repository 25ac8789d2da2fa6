import type * as z from 'zod/mini';
import { CHANNEL, ResponseEnvelope, SidecarError, describeIssues } from './envelope';

export type Send = (message: unknown) => Promise<unknown>;
type MessageMap = Record<string, { request: z.ZodMiniType; response: z.ZodMiniType }>;

/**
 * A typed caller over any transport (runtime.sendMessage in the extension, a
 * direct call in tests). The response is parsed, so the UI only ever sees
 * values the protocol promised. Each UI passes the part of the protocol it
 * speaks, so the sidebar does not ship the options page's schemas.
 */
/** The client's own two errors, in the page's language (each page passes its catalogue). */
export type ClientWords = (problem: 'no-answer' | 'bad-answer', vars: { type: string; issues?: string }) => string;

const englishWords: ClientWords = (problem, { type, issues }) =>
  problem === 'no-answer'
    ? `The background gave no valid answer to ${type}. Reload the page; if it persists, reinstall Sidecar.`
    : `The answer to ${type} was not as expected (${issues ?? ''}). Reload the page; if it persists, reinstall Sidecar.`;

export function createClient<M extends MessageMap>(send: Send, messages: M, words: ClientWords = englishWords) {
  return async function call<K extends keyof M & string>(type: K, data: z.input<M[K]['request']>): Promise<z.output<M[K]['response']>> {
    const raw = await send({ channel: CHANNEL, type, data });
    const envelope = ResponseEnvelope.safeParse(raw);
    if (!envelope.success) {
      throw new SidecarError('bad-response', words('no-answer', { type }));
    }
    if (!envelope.data.ok) {
      const { code, message, detail } = envelope.data.error;
      throw new SidecarError(code, message, detail);
    }
    const parsed = messages[type]!.response.safeParse(envelope.data.data);
    if (!parsed.success) {
      throw new SidecarError('bad-response', words('bad-answer', { type, issues: describeIssues(parsed.error) }));
    }
    return parsed.data as z.output<M[K]['response']>;
  };
}
