import type { ImportRow } from '../../../lib/db/schema';
import { useT } from '../i18n';
import { Button } from '../ui';
import { encodingName } from './FileFacts';

export function RecentImports({ imports, onDownload }: { imports: ImportRow[]; onDownload: (row: ImportRow) => void }) {
  const { t, number, dateTime } = useT();
  return (
    <div className="card" role="group" aria-labelledby="csv-recent-title">
      <div className="card__head">
        <h3 id="csv-recent-title">{t('csv.recent')}</h3>
      </div>
      {imports.length === 0 ? (
        <p className="muted">{t('csv.recentNone')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="csv-recent">
            <thead>
              <tr>
                <th scope="col">{t('csv.when')}</th>
                <th scope="col">{t('csv.file')}</th>
                <th scope="col">{t('csv.encoding')}</th>
                <th scope="col" className="num">
                  {t('csv.accepted')}
                </th>
                <th scope="col" className="num">
                  {t('csv.rejected')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('csv.download')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {imports.map((r) => (
                <tr key={r.id}>
                  <td>{dateTime(r.at)}</td>
                  <th scope="row">{r.fileName}</th>
                  <td>{encodingName(r.encoding)}</td>
                  <td className="num">{number(r.accepted)}</td>
                  <td className="num">{number(r.rejected)}</td>
                  <td>
                    {r.rejected ? (
                      <Button variant="ghost" className="small" onClick={() => onDownload(r)} aria-label={`${t('csv.download')}: ${r.fileName}`}>
                        {t('csv.download')}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
