import { RecordRefSchema } from '../messages/record';
import type { RecordRef } from '../crm/detect';

export interface FrameParams {
  ref: RecordRef | null;
  token: string;
  /** When the content script started (epoch ms), for the bench. */
  contentScriptStart?: number;
}

/** What the content script told this frame through its URL, validated. */
export function readFrameParams(href: string): FrameParams {
  const url = new URL(href);
  let ref: RecordRef | null = null;
  try {
    const parsed = RecordRefSchema.safeParse(JSON.parse(url.searchParams.get('ref') ?? 'null'));
    if (parsed.success) ref = parsed.data;
  } catch {
    ref = null;
  }
  const cs = Number(url.searchParams.get('cs'));
  return { ref, token: url.hash.slice(1), ...(Number.isFinite(cs) && cs > 0 ? { contentScriptStart: cs } : {}) };
}
