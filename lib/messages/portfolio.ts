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
  url: z.string(),
  band: z.optional(z.object({ from: z.nullable(z.string()), to: z.nullable(z.string()) })),
  level: z.optional(z.object({ from: z.number(), to: z.number() })),
  action: z.optional(z.object({ from: z.nullable(z.string()), to: z.nullable(z.string()), title: z.nullable(Text) })),
  driver: z.nullable(Text),
});

export const PortfolioView = z.object({
  /** The whole book; with `first` asked for, only the first rows of the page's view. */
  rows: z.array(BookRowView),
  counts: z.object({ bands: z.record(z.string(), z.number()), levels: z.record(z.string(), z.number()), total: z.number() }),
  changes: z.array(BookChangeView),
  lastLookedAt: z.nullable(Iso),
  me: z.object({ ids: z.array(z.string()) }),
  /** The book holds accounts of the CSM's own (a first visit opens on them). */
  hasMine: z.boolean(),
  /** Answering `first`: how many rows the view shows in all. */
  first: z.optional(z.object({ shown: z.number() })),
});
export type PortfolioView = z.infer<typeof PortfolioView>;

const Crm = z.enum(['hubspot', 'salesforce']);

const Id = z.string().check(z.maxLength(300));
const Ids = z.optional(z.array(Id).check(z.maxLength(100)));
/** The page's view as it keeps it (lib/portfolio/book.ts BookFilters), checked: it comes from the page's storage. */
export const BookFiltersView = z.object({
  bands: Ids,
  stages: Ids,
  levels: z.optional(z.array(z.number()).check(z.maxLength(20))),
  touchModels: Ids,
  renewalWithinDays: z.optional(z.number()),
  owner: z.optional(Id),
  query: z.optional(z.string().check(z.maxLength(300))),
});

/** The page's first screenful: its view's first `limit` rows, before the whole book. */
export const FirstScreen = z.object({
  /** Null on a first visit: the background opens on the CSM's own book when it has one (openingFilters). */
  filters: z.nullable(BookFiltersView),
  by: z.enum(['score', 'name', 'renewal', 'lastTouch', 'dataAge', 'level']),
  dir: z.enum(['asc', 'desc']),
  limit: z.number().check(z.int(), z.gte(1), z.lte(200)),
});
export type FirstScreen = z.infer<typeof FirstScreen>;

/** Loading the book from the CRM, for the progress bar. */
export const LoadStatus = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  crm: z.nullable(Crm),
  read: z.number(),
  expected: z.nullable(z.number()),
  loaded: z.array(z.object({ crm: Crm, at: Iso, count: z.number() })),
  error: z.nullable(z.object({ code: z.string(), message: z.string() })),
});
export type LoadStatus = z.infer<typeof LoadStatus>;

const Day = z.string();
export const HandoverSheetView = z.object({
  key: z.string(),
  name: z.string(),
  url: z.string(),
  crm: Crm,
  csm: z.nullable(z.string()),
  score: z.nullable(z.number()),
  band: z.nullable(z.string()),
  bandId: z.nullable(z.string()),
  scoredOn: z.nullable(Day),
  packVersion: z.nullable(z.string()),
  history: z.array(z.object({ day: Day, score: z.number() })),
  level: z.number(),
  levelLabel: z.nullable(z.string()),
  nextLevel: z.nullable(z.object({ level: z.number(), label: z.string(), needs: z.array(z.string()) })),
  openAction: z.nullable(z.object({ title: z.string(), why: z.nullable(z.string()) })),
  recent: z.array(z.object({ day: Day, by: z.nullable(z.string()), text: z.string() })),
  ratings: z.array(z.object({ label: z.string(), value: z.number(), max: z.number(), by: z.nullable(z.string()), day: Day, stale: z.boolean() })),
  contacts: z.array(z.object({ name: z.string(), title: z.nullable(z.string()), email: z.nullable(z.string()), primary: z.boolean() })),
  renewal: z.nullable(z.object({ date: Day, daysLeft: z.number(), noticeDeadline: z.nullable(Day), noticeDaysLeft: z.nullable(z.number()) })),
  lastTouch: z.nullable(Day),
  risks: z.array(z.string()),
  stale: z.array(z.string()),
});
export type HandoverSheetView = z.infer<typeof HandoverSheetView>;

const Opt = z.optional(z.string());
/** The change-of-CSM e-mail: the pack's template in the user's language, and what fills it but the new CSM. */
export const HandoverEmailView = z.object({
  template: z.object({ id: z.string(), kind: z.enum(['email', 'call', 'chat']), title: z.string(), subject: Opt, body: z.string() }),
  context: z.object({
    company: z.object({ name: z.string() }),
    contact: z.object({ lastName: Opt, firstName: Opt }),
    handover: z.object({ fromName: Opt }),
    csm: z.object({ company: Opt }),
    product: z.object({ name: Opt }),
  }),
});
export type HandoverEmailView = z.infer<typeof HandoverEmailView>;

export const portfolioMessages = {
  'portfolio.view': message(z.object({ first: z.optional(FirstScreen) }), PortfolioView),
  'portfolio.seen': message(z.object({}), z.object({})),
  /**
   * The page is opening (sent by its boot script, before the main scripts load): the background starts
   * reading the book now, so that a stopped worker is started and reading while the page loads.
   * Answers at once.
   */
  'portfolio.open': message(z.object({}), z.object({})),
  /** Start loading the book from the CRM (in pages, paced); answers at once with the status. */
  'portfolio.load': message(z.object({}), LoadStatus),
  'portfolio.loadStatus': message(z.object({}), LoadStatus),
  /** One account's handover sheet, read from its CRM alone, and its text. */
  'portfolio.handover': message(z.object({ key: z.string().check(z.maxLength(300)) }), z.object({ sheet: HandoverSheetView, text: z.string(), email: z.nullable(HandoverEmailView) })),
  /** The book's handover sheets as one CSV for Excel (UTF-8 with BOM); accounts the CRM refused are listed. */
  'portfolio.handoverCsv': message(
    z.object({ keys: z.optional(z.array(z.string().check(z.maxLength(300))).check(z.maxLength(20_000))) }),
    z.object({ csv: z.string(), count: z.number(), failed: z.array(z.object({ key: z.string(), message: z.string() })) }),
  ),
};
