import type { PublishSummary } from '../../../lib/messages/publish';
import { useT } from '../i18n';
import { Button, ErrorAlert, Notice } from '../ui';
import { useDownloadReport } from './hooks';

/** A publication's progress (what is left) while it runs, then its counts and the failure report. */
export function PublishRun({ job }: { job: PublishSummary }) {
  const { t, number, dateTime } = useT();
  const report = useDownloadReport();
  const done = job.total - job.left;
  const pct = job.total ? Math.round((done / job.total) * 100) : 100;
  const labelId = `publish-progress-${job.crm}`;
  return (
    <div className="publish-run" data-testid={`publish-run-${job.crm}`} data-status={job.status}>
      <div className="progress">
        <div className="progress__label">
          <span id={labelId}>{t(job.kind === 'scores' ? 'publish.kind.scores' : 'publish.kind.signals')}</span>
          <span aria-hidden="true">
            {t('publish.progress', { done: number(done), total: number(job.total), left: number(job.left) })} · {pct}%
          </span>
        </div>
        <progress aria-labelledby={labelId} max={100} value={pct} />
      </div>
      {job.status === 'running' ? <p className="muted small">{t('publish.running', { left: number(job.left) })}</p> : null}
      {job.status !== 'running' ? (
        <dl className="counts result-counts" aria-live="polite" data-testid="publish-counts">
          <div>
            <dt>{t('publish.count.accounts')}</dt>
            <dd>{number(job.accounts)}</dd>
          </div>
          <div>
            <dt>{t('publish.count.sent')}</dt>
            <dd className="ok" data-testid="publish-sent">
              {number(job.sent)}
            </dd>
          </div>
          <div>
            <dt>{t('publish.count.skipped')}</dt>
            <dd>{number(job.skipped)}</dd>
          </div>
          <div>
            <dt>{t('publish.count.failed')}</dt>
            <dd className={job.failed ? 'bad' : undefined}>{number(job.failed)}</dd>
          </div>
          {job.newerPack ? (
            <div>
              <dt>{t('publish.count.newerPack')}</dt>
              <dd>{number(job.newerPack)}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {job.status === 'done' ? <Notice tone={job.failed ? 'warn' : 'ok'}>{t(job.failed ? 'publish.doneWithFailures' : 'publish.done', { at: dateTime(job.finishedAt), failed: number(job.failed) })}</Notice> : null}
      {job.status !== 'running' && job.recorded === true && job.sent > 0 ? (
        <p className="muted small" data-testid="publish-recorded">
          {t('publish.recorded', { by: job.by ?? '—' })}
        </p>
      ) : null}
      {job.recorded === false ? <Notice tone="warn">{t('publish.notRecorded')}</Notice> : null}
      {job.status === 'stopped' && job.stop ? <Notice tone="warn">{job.stop.message}</Notice> : null}
      {job.failed ? (
        <div className="actions">
          <Button onClick={() => report.mutate(job.id)} busy={report.isPending}>
            {t('publish.downloadReport')}
          </Button>
        </div>
      ) : null}
      <ErrorAlert error={report.error} />
    </div>
  );
}
