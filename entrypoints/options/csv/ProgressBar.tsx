import { useT } from '../i18n';

export interface ProgressProps {
  label: string;
  /** 0…1, or null while the amount of work is not known yet. */
  fraction: number | null;
  done?: number;
  total?: number;
}

/** A native progress element: announced by screen readers, styled by the system. */
export function ProgressBar({ label, fraction, done, total }: ProgressProps) {
  const { t, number } = useT();
  const pct = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="progress">
      <div className="progress__label">
        <span id="csv-progress-label">{label}</span>
        <span aria-hidden="true">
          {done !== undefined && total !== undefined ? `${t('csv.progress', { done: number(done), total: number(total) })} · ` : ''}
          {pct === null ? '' : `${pct}%`}
        </span>
      </div>
      {pct === null ? <progress aria-labelledby="csv-progress-label" /> : <progress aria-labelledby="csv-progress-label" max={100} value={pct} />}
    </div>
  );
}
