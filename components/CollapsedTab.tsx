import type { Tone } from './bands';
import { useI18n } from './i18n';

/**
 * The 28×112 px tab left on the page edge when the sidebar is collapsed: the
 * band's colour and the score stay visible, and a click brings the sidebar back.
 */
export function CollapsedTab({ onExpand, score, tone, bandLabel, color }: { onExpand: () => void; score?: number | null; tone?: Tone; bandLabel?: string; color?: string }) {
  const { t } = useI18n();
  const hasScore = typeof score === 'number';
  const name = [t('bar.expand'), hasScore ? `${Math.round(score)}` : null, bandLabel].filter(Boolean).join(' · ');
  return (
    <button type="button" className={`collapsed-tab band--${tone ?? 'unknown'}`} onClick={onExpand} aria-label={name} title={`${name} (Alt+Shift+S)`}>
      {hasScore ? (
        <span className="collapsed-tab__score">
          <span className="band__dot" aria-hidden="true" style={color ? { background: color } : undefined} />
          {Math.round(score)}
        </span>
      ) : null}
      <span className="collapsed-tab__name">Sidecar</span>
    </button>
  );
}
