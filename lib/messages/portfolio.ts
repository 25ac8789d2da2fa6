import * as z from 'zod/mini';
import { Iso, message } from './protocol';

// Messages of the portfolio page (entrypoints/portfolio): the CSM's book from the cache.

const Text = z.object({ ja: z.optional(z.string()), en: z.optional(z.string()) });

export const BookRowView = z.object({
  key: z.string(),
  crm: z.enum(['hubspot', 'salesforce']),
  name: z.string(),
  url: z.string(),
  score: z.nullable(z.number()),
  band: z.nullable(z.string()),
  level: z.number(),
  stage: z.string(),
  touchModel: z.string(),
  nextAction: z.nullable(z.object({ id: z.string(), title: Text, dueDate: z.string() })),
  drivers: z.object({ up: z.nullable(Text), down: z.nullable(Text) }),
  renewalDays: z.nullable(z.number()),
  lastTouch: z.nullable(z.object({ at: Iso, by: z.optional(z.string()) })),
  fetchedAt: z.nullable(Iso),
  owner: z.nullable(z.string()),
  ownerId: z.nullable(z.string()),
  trend: z.array(z.number()),
  staleInputs: z.number(),
  fromCrm: z.optional(z.boolean()),
  outsideBook: z.optional(z.boolean()),
});

export const BookChangeView = z.object({
  key: z.string(),
  name: z.string(),
  band: z.optional(z.object({ from: z.nullable(z.string()), to: z.nullable(z.string()) })),
  level: z.optional(z.object({ from: z.number(), to: z.number() })),
  action: z.optional(z.object({ from: z.nullable(z.string()), to: z.nullable(z.string()), title: z.nullable(Text) })),
  driver: z.nullable(Text),
});

export const PortfolioView = z.object({
  rows: z.array(BookRowView),
  counts: z.object({ bands: z.record(z.string(), z.number()), levels: z.record(z.string(), z.number()), total: z.number() }),
  changes: z.array(BookChangeView),
  lastLookedAt: z.nullable(Iso),
  me: z.object({ ids: z.array(z.string()) }),
});
export type PortfolioView = z.infer<typeof PortfolioView>;

export const portfolioMessages = {
  'portfolio.view': message(z.object({}), PortfolioView),
  'portfolio.seen': message(z.object({}), z.object({})),
};
