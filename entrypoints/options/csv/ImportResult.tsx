import type { ImportRow } from '../../../lib/db/schema';
import { useT } from '../i18n';
import { Button } from '../ui';

export const REJECTED_SHOWN = 20;

export interface ImportResultProps {
  accepted: number;
  rejected: ImportRow['report'];
  /** Rejections in all, which may be more than the rows kept for the report. */
  rejectedTotal: number;
  onDownload: () => void;
  onAnother: () => void;
}

export function ImportResult({ accepted, rejected, rejectedTotal, onDownload, onAnother }: ImportResultProps) {
  const { t, number } = useT();
  const shown = rejected.slice(0, REJECTED_SHOWN);
  return (
    <div data-testid="csv-result">
      <h4>{t('csv.resultTitle')}</h4>
      <dl className="counts result-counts" aria-live="polite">
        <div>
          <dt>{t('csv.accepted')}</dt>
          <dd className="ok" data-testid="csv-accepted">
            {number(accepted)}
          </dd>
        </div>
        <div>
          <dt>{t('csv.rejected')}</dt>
          <dd className={rejectedTotal ? 'bad' : undefined} data-testid="csv-rejected">
            {number(rejectedTotal)}
          </dd>
        </div>
      </dl>
      {rejectedTotal === 0 ? (
        <p className="muted">{t('csv.nothingRejected')}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('csv.rejectedTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('csv.row')}
                  </th>
                  <th scope="col">{t('csv.column')}</th>
                  <th scope="col">{t('csv.value')}</th>
                  <th scope="col">{t('csv.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r, i) => (
                  <tr key={`${r.row}-${r.column}-${i}`}>
                    <td className="num">{r.row || '—'}</td>
                    <td>{r.column || '—'}</td>
                    <td>
                      <code>{r.value}</code>
                    </td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rejectedTotal > shown.length ? <p className="small muted">{t('csv.rejectedMore', { shown: number(shown.length), total: number(rejectedTotal) })}</p> : null}
        </>
      )}
      <div className="actions">
        {rejectedTotal ? (
          <Button variant="primary" onClick={onDownload}>
            {t('csv.download')}
          </Button>
        ) : null}
        <Button variant="ghost" onClick={onAnother}>
          {t('csv.importAnother')}
        </Button>
      </div>
    </div>
  );
}
