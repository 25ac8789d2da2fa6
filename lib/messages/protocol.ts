import * as z from 'zod/mini';
import { RecordRefSchema } from './record';

/**
 * The one message protocol between the UI (sidebar, options) and the
 * background. Each entry names a request and the response it promises; both
 * sides validate with these schemas, so nothing unchecked crosses.
 */
export function message<Req extends z.ZodMiniType, Res extends z.ZodMiniType>(request: Req, response: Res) {
  return { request, response };
}

export const Iso = z.iso.datetime({ offset: true });

export const AccountSummary = z.object({
  key: z.string(),
  name: z.optional(z.string()),
  domain: z.optional(z.string()),
  owner: z.optional(z.string()),
  lifecycleStage: z.optional(z.string()),
  firstSeenAt: Iso,
  lastSeenAt: Iso,
  previousSeenAt: z.optional(Iso),
  fetchedAt: z.optional(Iso),
  sample: z.optional(z.boolean()),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const recordMessages = {
  /** The sidebar opened a record: note the visit, answer from the cache at once. */
  'record.open': message(
    z.object({ ref: RecordRefSchema }),
    z.object({ ref: RecordRefSchema, account: AccountSummary }),
  ),
};
