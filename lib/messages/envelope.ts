// zod/mini: these schemas ship in the sidebar, where full zod would cost ~90 KB gzip.
import * as z from 'zod/mini';

/**
 * Every message Sidecar sends carries this channel tag, so a listener can tell
 * its own traffic from anything else on runtime messaging.
 */
export const CHANNEL = 'sidecar';

export const RequestEnvelope = z.object({
  channel: z.literal(CHANNEL),
  type: z.string().check(z.minLength(1)),
  data: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

export const ErrorInfo = z.object({
  code: z.string(),
  message: z.string(),
  /** Extra detail a screen may show: the field, the row, the retry time. */
  detail: z.optional(z.record(z.string(), z.unknown())),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export const ResponseEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorInfo }),
]);
export type ResponseEnvelope = z.infer<typeof ResponseEnvelope>;

/** A failure the background reports to the UI by code, rather than by crashing. */
export class SidecarError extends Error {
  readonly code: string;
  readonly detail?: Record<string, unknown>;
  constructor(code: string, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = 'SidecarError';
    this.code = code;
    this.detail = detail;
  }
}

interface IssueList {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}

/** zod issues → one line a person can act on, naming where the problem is. */
export function describeIssues(error: IssueList): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
