import { CHANNEL, ResponseEnvelope, SidecarError, describeIssues } from './envelope';
import { protocol, type MessageType, type RequestOf, type ResponseOf } from './index';

export type Send = (message: unknown) => Promise<unknown>;

/**
 * A typed caller over any transport (runtime.sendMessage in the extension, a
 * direct call in tests). The response is parsed, so the UI only ever sees
 * values the protocol promised.
 */
export function createClient(send: Send) {
  return async function call<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseOf<K>> {
    const raw = await send({ channel: CHANNEL, type, data });
    const envelope = ResponseEnvelope.safeParse(raw);
    if (!envelope.success) {
      throw new SidecarError('bad-response', `The background gave no valid answer to ${type}. Reload the page; if it persists, reinstall Sidecar.`);
    }
    if (!envelope.data.ok) {
      const { code, message, detail } = envelope.data.error;
      throw new SidecarError(code, message, detail);
    }
    const parsed = protocol[type].response.safeParse(envelope.data.data);
    if (!parsed.success) {
      throw new SidecarError('bad-response', `The answer to ${type} was not as expected (${describeIssues(parsed.error)}).`);
    }
    return parsed.data as ResponseOf<K>;
  };
}

export type Client = ReturnType<typeof createClient>;
