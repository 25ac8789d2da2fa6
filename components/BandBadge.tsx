import type { PackView } from '../lib/messages/protocol';
import { bandTone, findBand } from './bands';
import { useI18n } from './i18n';

/** A band as colour and words together: colour alone would fail colour-blind readers. */
export function BandBadge({ bands, band, muted = false }: { bands: PackView['bands']; band: string | null; muted?: boolean }) {
  const { text } = useI18n();
  const def = findBand(bands, band);
  const tone = bandTone(bands, band);
  return (
    <span className={`band band--${tone}${muted ? ' band--muted' : ''}`} data-band={band ?? ''}>
      <span className="band__dot" aria-hidden="true" style={def?.color ? { background: def.color } : undefined} />
      <span className="band__label">{def ? text(def.label) : (band ?? '—')}</span>
    </span>
  );
}
