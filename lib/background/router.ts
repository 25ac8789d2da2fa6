import { CHANNEL, RequestEnvelope, SidecarError, describeIssues, type ResponseEnvelope } from '../messages/envelope';
import { protocol, type MessageType, type RequestOf, type ResponseOf } from '../messages/index';

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
export async function route(raw: unknown, sender: Sender, handlers: Handlers): Promise<ResponseEnvelope | null> {
  if (!isSidecarRequest(raw)) return null;
  const envelope = RequestEnvelope.safeParse(raw);
  if (!envelope.success) return { ok: false, error: { code: 'bad-request', message: `Malformed message: ${describeIssues(envelope.error)}` } };
  const type = envelope.data.type;
  if (!Object.hasOwn(protocol, type)) {
    return { ok: false, error: { code: 'unknown-type', message: `Unknown request "${type}". The sidebar and background are from different versions: reload the page.` } };
  }
  const key = type as MessageType;
  if (!sender.fromExtensionPage) {
    return { ok: false, error: { code: 'forbidden', message: `${type} may only be sent by Sidecar's own pages.` } };
  }
  const request = protocol[key].request.safeParse(envelope.data.data);
  if (!request.success) {
    return { ok: false, error: { code: 'bad-request', message: `Malformed ${type}: ${describeIssues(request.error)}` } };
  }
  try {
    const handler = handlers[key] as (data: unknown, sender: Sender) => Promise<unknown>;
    const result = await handler(request.data, sender);
    // Check our own answer too: a handler bug shows here, not as a broken screen.
    const response = protocol[key].response.safeParse(result);
    if (!response.success) {
      return { ok: false, error: { code: 'internal', message: `Sidecar built an invalid answer to ${type}: ${describeIssues(response.error)}` } };
    }
    return { ok: true, data: response.data };
  } catch (err) {
    if (err instanceof SidecarError) {
      return { ok: false, error: { code: err.code, message: err.message, ...(err.detail ? { detail: err.detail } : {}) } };
    }
    return { ok: false, error: { code: 'internal', message: `Sidecar hit an unexpected error handling ${type}: ${String((err as Error)?.message ?? err)}` } };
  }
}
