import type { PackView } from '../lib/messages/protocol';

export type Band = PackView['bands'][number];
export type Tone = 'good' | 'fair' | 'poor' | 'unknown';

/** Highest cut-off first, the order a reader ranks them in. */
export function bandsByRank(bands: PackView['bands']): Band[] {
  return [...bands].sort((a, b) => b.min - a.min);
}

/**
 * The tone a band is drawn in: by its rank in the pack, so a pack that renames
 * or adds bands still reads top = good, bottom = poor. The pack's own colour,
 * when set, is used for the swatch only; text keeps contrast-checked colours.
 */
export function bandTone(bands: PackView['bands'], id: string | null | undefined): Tone {
  const ranked = bandsByRank(bands);
  const i = ranked.findIndex((b) => b.id === id);
  if (i < 0) return 'unknown';
  if (i === 0 && ranked.length > 1) return 'good';
  if (i === ranked.length - 1) return 'poor';
  return 'fair';
}

export function findBand(bands: PackView['bands'], id: string | null | undefined): Band | undefined {
  return bands.find((b) => b.id === id);
}
