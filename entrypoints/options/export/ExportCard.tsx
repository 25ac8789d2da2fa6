import { downloadText } from '../../../lib/ui/download';
import { useT } from '../i18n';
import { Button, ErrorAlert } from '../ui';
import { usePackExport } from '../versions/hooks';
import '../versions/console.css';

/**
 * Publish to the team: the pack in force as the file served at the team's pack URL, or as the
 * policy JSON IT pastes, each with its version, SHA-256 and the diff from the version before.
 */
export function ExportCard() {
  const { t } = useT();
  const exp = usePackExport();
  const run = (target: 'url' | 'policy' | 'admin-console') =>
    exp.mutate(target, { onSuccess: (out) => downloadText(out.fileName, out.text, 'application/json') });
  const out = exp.data;
  return (
    <div className="card console" role="group" aria-labelledby="export-title" data-testid="export">
      <div className="card__head">
        <h3 id="export-title">{t('console.export')}</h3>
      </div>
      <p className="muted small">{t('console.exportIntro')}</p>
      <div className="actions">
        <Button onClick={() => run('url')} busy={exp.isPending && exp.variables === 'url'}>
          {t('console.exportUrl')}
        </Button>
        <Button onClick={() => run('policy')} busy={exp.isPending && exp.variables === 'policy'}>
          {t('console.exportPolicy')}
        </Button>
        <Button onClick={() => run('admin-console')} busy={exp.isPending && exp.variables === 'admin-console'}>
          {t('console.exportAdminConsole')}
        </Button>
      </div>
      <ErrorAlert error={exp.error} />
      {out ? (
        <div className="export__result" role="status" data-testid="export-result">
          <p>
            <strong>{t('console.exported', { file: out.fileName })}</strong>
          </p>
          <dl className="facts facts--tight">
            <div>
              <dt>{t('console.version')}</dt>
              <dd data-testid="export-version">{out.version}</dd>
            </div>
            <div>
              <dt>{t('console.sha')}</dt>
              <dd className="export__sha" data-testid="export-sha">
                {out.sha256}
              </dd>
            </div>
          </dl>
          {out.previousVersion ? (
            out.changes.length ? (
              <>
                <p className="small">{t('console.since', { version: out.previousVersion })}</p>
                <ul className="console__changes" data-testid="export-changes">
                  {out.changes.map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted small">{t('console.noDiff', { version: out.previousVersion })}</p>
            )
          ) : (
            <p className="muted small">{t('console.firstVersion')}</p>
          )}
          <div className="actions">
            <Button variant="ghost" onClick={() => downloadText(out.fileName.replace(/\.json$/, '.txt'), out.releaseNote, 'text/plain;charset=utf-8')}>
              {t('console.releaseNote')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
