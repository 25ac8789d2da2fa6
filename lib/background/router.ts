import { CHANNEL, RequestEnvelope, SidecarError, describeIssues, type ResponseEnvelope } from '../messages/envelope';
import { protocol, type MessageType, type RequestOf, type ResponseOf } from '../messages/index';
import type { Locale } from '../engine/types.ts';
import { errorText, type ErrorKey } from '../i18n/errors.ts';
import type { Vars } from '../i18n/index.ts';

export interface Sender {
  tabId?: number;
  frameId?: number;
  url?: string;
  /** True when the message came from one of our own extension pages. */
  fromExtensionPage: boolean;
}

export type Handlers = {
  [K in MessageType]: (data: RequestOf<K>, sender: Sender) => Promise<ResponseOf<K>>;
};

/** Page events share the channel but expect no answer. */
const EVENTS = new Set(['page.record']);

export function isSidecarRequest(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const { channel, type } = raw as { channel?: unknown; type?: unknown };
  return channel === CHANNEL && !(typeof type === 'string' && EVENTS.has(type));
}

/**
 * Validate, dispatch, and wrap. Returns null for messages that are not
 * Sidecar requests, so other listeners (and the sidebar's page events) pass by.
 */
export async function route(raw: unknown, sender: Sender, handlers: Handlers, locale: () => Locale = () => 'en'): Promise<ResponseEnvelope | null> {
  if (!isSidecarRequest(raw)) return null;
  // The router's own refusals, from the catalogue in the user's language, with their key.
  const refuse = (code: string, key: ErrorKey, params: Vars): ResponseEnvelope => ({ ok: false, error: { code, message: errorText(key, params, locale()), detail: { key, params } } });
  const envelope = RequestEnvelope.safeParse(raw);
  if (!envelope.success) return refuse('bad-request', 'request.malformed', { issues: describeIssues(envelope.error) });
  const type = envelope.data.type;
  if (!Object.hasOwn(protocol, type)) return refuse('unknown-type', 'request.unknown-type', { type });
  const key = type as MessageType;
  if (!sender.fromExtensionPage) return refuse('forbidden', 'request.forbidden', { type });
  const request = protocol[key].request.safeParse(envelope.data.data);
  if (!request.success) return refuse('bad-request', 'request.bad-data', { type, issues: describeIssues(request.error) });
  try {
    const handler = handlers[key] as (data: unknown, sender: Sender) => Promise<unknown>;
    const result = await handler(request.data, sender);
    // Check our own answer too: a handler bug shows here, not as a broken screen.
    const response = protocol[key].response.safeParse(result);
    if (!response.success) return refuse('internal', 'request.bad-answer', { type, issues: describeIssues(response.error) });
    return { ok: true, data: response.data };
  } catch (err) {
    if (err instanceof SidecarError) {
      return { ok: false, error: { code: err.code, message: err.message, ...(err.detail ? { detail: err.detail } : {}) } };
    }
    return refuse('internal', 'request.internal', { type, message: String((err as Error)?.message ?? err) });
  }
}
