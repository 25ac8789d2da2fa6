import type { LoadStatus } from '../../lib/messages/portfolio';
import { useI18n } from '../i18n';

const CRM = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;

/**
 * Loading the book from the CRM: a progress bar while it runs (its maximum is the last load's
 * count; the first load, whose size nobody knows yet, shows a moving bar and the count read), then
 * what was loaded and when, with a way to load again.
 */
export function LoadBar({ status, onLoad, now }: { status: LoadStatus | undefined; onLoad: () => void; now: number }) {
  const { t, age } = useI18n();
  if (!status) return null;
  const running = status.state === 'running' || status.state === 'idle';
  const done = t('portfolio.loadDone', { list: status.loaded.map((l) => t('portfolio.loadCount', { crm: CRM[l.crm], n: l.count, age: age(l.at, now) })).join(' · ') });
  return (
    <section className="load-bar" aria-live="polite" data-testid="book-load" data-state={status.state}>
      {running ? (
        <>
          <progress
            aria-label={t('portfolio.loadProgress')}
            {...(status.expected ? { max: Math.max(status.expected, status.read), value: status.read } : {})}
            data-testid="book-load-progress"
          />
          <span className="small">{status.crm ? t('portfolio.loadRunning', { crm: CRM[status.crm], n: status.read }) : t('portfolio.loadStarting')}</span>
        </>
      ) : status.state === 'failed' ? (
        <>
          <p role="alert" className="banner banner--warn small">
            {t('portfolio.loadFailed', { message: status.error?.message ?? '' })}
          </p>
          {status.loaded.length ? <span className="small muted">{done}</span> : null}
        </>
      ) : status.loaded.length ? (
        <span className="small muted">{done}</span>
      ) : (
        <span className="small muted">{t('portfolio.loadNone')}</span>
      )}
      {running ? null : (
        <button type="button" className="btn btn--small" onClick={onLoad}>
          {t('portfolio.loadAgain')}
        </button>
      )}
    </section>
  );
}
