import type { PackView, RecordView } from '../lib/messages/protocol';
import { useI18n } from './i18n';
import { OfflineIcon, WarnIcon } from './Icons';

/** Grey blocks shaped like the cards, so the layout does not jump when data lands. */
export function Skeleton() {
  const { t } = useI18n();
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">{t('state.loading')}</span>
      <div className="sk sk--title" />
      <div className="sk sk--line" />
      <div className="card">
        <div className="sk sk--score" />
        <div className="sk sk--spark" />
        <div className="sk sk--line" />
        <div className="sk sk--line sk--short" />
      </div>
      <div className="card">
        <div className="sk sk--line" />
        <div className="sk sk--line sk--short" />
      </div>
    </div>
  );
}

export function SampleBanner({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useI18n();
  return (
    <section className="banner banner--sample" aria-labelledby="sample-title">
      <strong id="sample-title" className="banner__title">
        {t('state.sampleTitle')}
      </strong>
      <p>{t('state.sampleBody')}</p>
      <button type="button" className="btn btn--primary btn--small" onClick={onOpenSettings}>
        {t('state.sampleAction')}
      </button>
    </section>
  );
}

export function OfflineNotice() {
  const { t } = useI18n();
  return (
    <p className="banner banner--offline" role="status">
      <OfflineIcon /> <span>{t('state.offlineHint')}</span>
    </p>
  );
}

/** The CRM could not be reached: say why, and say that what is shown is the saved copy. */
export function SyncErrorBanner({ error, savedAt }: { error: { message: string }; savedAt?: string }) {
  const { t, dateTime } = useI18n();
  return (
    <section className="banner banner--error" role="alert">
      <strong className="banner__title">
        <WarnIcon /> {t('state.crmErrorTitle')}
      </strong>
      <p>{error.message}</p>
      <p className="small">{savedAt ? t('state.crmErrorCached', { time: dateTime(savedAt) }) : t('state.crmErrorNoCache')}</p>
    </section>
  );
}

export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <section className="banner banner--error" role="alert">
      <p>{t('state.loadError', { message })}</p>
      <button type="button" className="btn btn--small" onClick={onRetry}>
        {t('state.retry')}
      </button>
    </section>
  );
}

// The engine reports coverage as a share (0–1); a percentage passes through unchanged.
const pct = (v: number) => Math.round(v <= 1 ? v * 100 : v);

type Health = NonNullable<RecordView['evaluation']>['health'];

/** Not enough inputs for a score: which ones are missing, and how to supply them. */
export function NoDataNotice({ health, signals }: { health: Health | null; signals: PackView['signals'] }) {
  const { t, text } = useI18n();
  if (!health) {
    return (
      <div className="nodata">
        <p className="nodata__title">{t('state.noEval')}</p>
        <p className="small">{t('state.noDataHow')}</p>
      </div>
    );
  }
  const name = (id: string) => {
    const s = signals.find((x) => x.id === id);
    return s ? text(s.label) : id;
  };
  return (
    <div className="nodata">
      <p className="nodata__title">{t('state.noDataTitle')}</p>
      <p className="small">{t('state.noDataCoverage', { have: pct(health.coverage), need: pct(health.minCoverage) })}</p>
      {health.missing.length ? (
        <>
          <p className="small strong">{t('state.noDataMissing')}</p>
          <ul className="plain-list small">
            {health.missing.map((id) => (
              <li key={id}>{name(id)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="small">{t('state.noDataHow')}</p>
    </div>
  );
}
