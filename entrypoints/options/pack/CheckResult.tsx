import type { PackCheck } from '../../../lib/messages/options';
import { useT } from '../i18n';

/** The result of pack.check: every error with the path it names, or what the valid pack holds. */
export function CheckResult({ result }: { result: PackCheck }) {
  const { t, number } = useT();
  if (!result.ok) {
    return (
      <div className="alert alert--bad" role="alert" aria-labelledby="check-errors-title">
        <strong id="check-errors-title">{t('pack.invalid', { count: result.errors.length })}</strong>
        <ol className="check-errors">
          {result.errors.map((e, i) => (
            <li key={`${e.path}-${i}`}>
              <code className="check-errors__path">{e.path}</code>
              <span>{e.message}</span>
            </li>
          ))}
        </ol>
      </div>
    );
  }
  const s = result.summary;
  return (
    <div className="alert alert--ok" role="status">
      <strong>{t('pack.valid')}</strong>
      {s ? (
        <>
          <p>
            {s.name} <span className="muted">({s.id} · v{s.version})</span>
            {s.migratedFrom !== undefined ? <span className="muted"> · {t('pack.migrated', { from: s.migratedFrom })}</span> : null}
          </p>
          <dl className="counts">
            {(
              [
                ['pack.count.signals', s.signals],
                ['pack.count.scorecards', s.scorecards],
                ['pack.count.levels', s.levels],
                ['pack.count.rules', s.playbookRules],
                ['pack.count.templates', s.templates],
              ] as const
            ).map(([key, n]) => (
              <div key={key}>
                <dt>{t(key)}</dt>
                <dd>{number(n)}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </div>
  );
}
