import type { PackView, RecordView } from '../lib/messages/protocol';
import { bandsByRank } from './bands';
import { useI18n } from './i18n';

const W = 300;
const H = 56;
const PAD = 3;
const y = (score: number) => PAD + (1 - score / 100) * (H - 2 * PAD);

/** 90 days of scores as an inline SVG line, with a dashed line at each band's cut-off. */
export function Sparkline({ trend, bands }: { trend: RecordView['trend']; bands: PackView['bands'] }) {
  const { t, text, date } = useI18n();
  const points = trend.map((p, i) => ({ i, score: p.score })).filter((p): p is { i: number; score: number } => p.score !== null);
  if (points.length < 2) return <p className="muted small">{t('health.trendEmpty')}</p>;
  const span = Math.max(1, trend.length - 1);
  const x = (i: number) => PAD + (i / span) * (W - 2 * PAD);
  // Gaps (days without a score) break the line rather than drawing a false slope across them.
  let d = '';
  let prev = -2;
  for (const p of points) {
    d += `${p.i === prev + 1 ? 'L' : 'M'}${x(p.i).toFixed(1)} ${y(p.score).toFixed(1)}`;
    prev = p.i;
  }
  const last = points[points.length - 1]!;
  const first = trend[0]!;
  const end = trend[trend.length - 1]!;
  const cuts = bandsByRank(bands).filter((b) => b.min > 0 && b.min < 100);
  return (
    <figure className="spark">
      <svg
        className="spark__svg"
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('health.trendLabel', { from: date(first.day), to: date(end.day) }) + ': ' + points.map((p) => p.score).filter((_, k, a) => k === 0 || k === a.length - 1).join(' → ')}
      >
        {cuts.map((b) => (
          <g key={b.id}>
            <line className="spark__cut" x1={0} x2={W} y1={y(b.min)} y2={y(b.min)} vectorEffect="non-scaling-stroke" />
            <title>{`${text(b.label)} ≥ ${b.min}`}</title>
          </g>
        ))}
        <path className="spark__line" d={d} vectorEffect="non-scaling-stroke" />
        <circle className="spark__end" cx={x(last.i)} cy={y(last.score)} r={2.5} />
      </svg>
      <figcaption className="spark__axis small muted">
        <span>{date(first.day)}</span>
        <span>{t('health.trend')}</span>
        <span>{date(end.day)}</span>
      </figcaption>
    </figure>
  );
}
