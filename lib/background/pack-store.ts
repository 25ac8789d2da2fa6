import { defaultConfigPack, parseConfigPack } from '../engine/index.ts';
import type { ConfigPack, Locale, ParseError } from '../engine/types.ts';
import type { PackRow, SidecarDb } from '../db/schema';

export interface ActivePack {
  pack: ConfigPack;
  source: PackRow['source'];
  /** Where a 'policy' or 'url' pack was fetched from. */
  url?: string;
  /**
   * Set when the stored pack no longer validates: it is kept, and the default is used until CS Ops
   * fixes it. Its first error as a key with parameters; the options page's answer renders it.
   */
  problem?: ParseError;
}

/** The pack in force, parsed once and kept until it changes. */
export function createPackStore(db: SidecarDb, locale: () => Locale) {
  let cached: ActivePack | null = null;
  return {
    async active(): Promise<ActivePack> {
      if (cached) return cached;
      const row = await db.packs.get('active');
      if (!row) return (cached = { pack: defaultConfigPack(locale()), source: 'default' });
      const parsed = parseConfigPack(row.pack);
      if (parsed.ok) return (cached = { pack: parsed.pack, source: row.source, ...(row.url ? { url: row.url } : {}) });
      return (cached = {
        pack: defaultConfigPack(locale()),
        source: 'default',
        problem: parsed.errors[0] ?? { path: '(root)', key: 'pack.not-allowed' },
      });
    },
    invalidate() {
      cached = null;
    },
  };
}
export type PackStore = ReturnType<typeof createPackStore>;
