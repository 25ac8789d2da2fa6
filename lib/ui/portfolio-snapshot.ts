import * as z from 'zod/mini';
import { SNAPSHOT_KEY } from './portfolio-boot';

/**
 * The portfolio's last picture (issue 17): the first screenful of the view the CSM last saw, already
 * formatted as the table drew it, with the counts and the view it was taken under. The page paints it
 * while the background reads the whole book, then replaces it with the live book. It lives in the
 * portfolio page's own localStorage (an extension page: no CRM page can read it), one entry: the
 * rows in words (~10 KB) and SnapshotBook's markup of them (~40 KB), which the page's boot script
 * paints before the main scripts load (lib/ui/portfolio-boot.ts).
 * A snapshot is shown only under the very language, pack, user and view it was taken under.
 */

export { SNAPSHOT_KEY };
/** About a screenful: the table shows ~14 rows at 900 px; the rest covers taller windows. */
export const SNAPSHOT_ROWS = 30;
/** The markup's bound: 30 rows take ~40 KB; a picture past this is not kept whole. */
export const SNAPSHOT_MAX_HTML = 200_000;

const Cell = z.string().check(z.maxLength(500));
export const SnapshotRow = z.object({
  key: Cell,
  name: Cell,
  url: Cell,
  sub: Cell,
  score: Cell,
  band: z.nullable(Cell),
  level: Cell,
  stage: Cell,
  touch: Cell,
  next: Cell,
  due: Cell,
  renewal: Cell,
  lastTouch: Cell,
  data: Cell,
  stale: Cell,
});
export type SnapshotRow = z.infer<typeof SnapshotRow>;

export const SnapshotIdentity = z.object({
  lang: z.enum(['ja', 'en']),
  /** The pack's id and version. */
  pack: Cell,
  /** Who the CSM is (the profile's e-mail and name) and which CRM users the book counts as "me". */
  user: Cell,
  /** The filters and sort, as the page keeps them. */
  view: z.string().check(z.maxLength(4000)),
});
export type SnapshotIdentity = z.infer<typeof SnapshotIdentity>;

export const BookSnapshot = z.object({
  v: z.literal(1),
  identity: SnapshotIdentity,
  takenAt: z.string(),
  total: z.number(),
  shown: z.number(),
  bands: z.record(z.string(), z.number()),
  levels: z.record(z.string(), z.number()),
  rows: z.array(SnapshotRow).check(z.maxLength(SNAPSHOT_ROWS)),
  /** SnapshotBook's markup of these rows, for the boot script; absent in pictures taken before it painted them. */
  html: z.optional(z.string().check(z.maxLength(SNAPSHOT_MAX_HTML))),
  /** The pack's bands and levels as the count chips drew them: enough to paint before the pack is asked. */
  chips: z.optional(
    z.object({
      bands: z.array(z.object({ id: Cell, label: z.object({ ja: Cell, en: Cell }), min: z.number(), color: z.optional(Cell) })).check(z.maxLength(20)),
      levels: z.array(z.object({ level: z.number() })).check(z.maxLength(20)),
    }),
  ),
});
export type BookSnapshot = z.infer<typeof BookSnapshot>;

export function sameIdentity(a: SnapshotIdentity, b: SnapshotIdentity): boolean {
  return a.lang === b.lang && a.pack === b.pack && a.user === b.user && a.view === b.view;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The snapshot taken under `identity`, or null (none, unreadable, or another language/pack/user/view). */
export function readBookSnapshot(store: Store, identity: SnapshotIdentity): BookSnapshot | null {
  try {
    const raw = store.getItem(SNAPSHOT_KEY);
    if (!raw) return null;
    const parsed = BookSnapshot.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    return sameIdentity(parsed.data.identity, identity) ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The snapshot of this kept view that can paint before the background answers (it keeps its chips):
 * its language, pack and user are checked against the settings and pack once they arrive.
 */
export function peekBookSnapshot(store: Store, view: string): (BookSnapshot & { chips: NonNullable<BookSnapshot['chips']> }) | null {
  try {
    const raw = store.getItem(SNAPSHOT_KEY);
    if (!raw) return null;
    const parsed = BookSnapshot.safeParse(JSON.parse(raw));
    if (!parsed.success || parsed.data.identity.view !== view || !parsed.data.chips) return null;
    return { ...parsed.data, chips: parsed.data.chips };
  } catch {
    return null;
  }
}

/** Keeps the picture; a full or refused storage only costs the next open its snapshot. */
export function writeBookSnapshot(store: Store, snapshot: BookSnapshot): void {
  try {
    // Markup past its bound would make the whole entry unreadable: the picture is kept without it (not painted early).
    const { html, ...rest } = snapshot;
    const kept = html !== undefined && html.length <= SNAPSHOT_MAX_HTML ? { ...rest, html } : rest;
    store.setItem(SNAPSHOT_KEY, JSON.stringify({ ...kept, rows: snapshot.rows.slice(0, SNAPSHOT_ROWS) }));
  } catch {
    // Storage full or disabled: the page still works, without a snapshot next time.
  }
}
