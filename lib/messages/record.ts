import * as z from 'zod/mini';

export const RecordRefSchema = z.object({
  crm: z.enum(['hubspot', 'salesforce']),
  host: z.string().check(z.minLength(1), z.maxLength(253)),
  portalId: z.optional(z.string().check(z.regex(/^\d+$/))),
  objectType: z.enum(['company', 'contact', 'deal', 'account']),
  recordId: z.string().check(z.regex(/^[A-Za-z0-9]{1,32}$/)),
});

/** Sent by the content script to its own sidebar frame when the page shows another record. */
export const PageRecordEvent = z.object({
  channel: z.literal('sidecar'),
  type: z.literal('page.record'),
  token: z.string().check(z.minLength(8), z.maxLength(64)),
  ref: z.nullable(RecordRefSchema),
});
export type PageRecordEvent = z.infer<typeof PageRecordEvent>;
