import { useState } from 'react';
import type { PackVersion, PackVersions } from '../../../lib/messages/console';
import { useT } from '../i18n';
import { Button, ErrorAlert, Notice, Pill } from '../ui';
import { useRollback, useVersionDiff, useVersions } from './hooks';
import './console.css';

/** Who installed a version, in words: the CRM user, or where the pack came from. */
function byText(v: PackVersion, t: ReturnType<typeof useT>['t']): string {
  if (v.source === 'policy') return t('console.byPolicy');
  if (v.source === 'url') return t('console.byUrl');
  return v.by ?? t('console.byBrowser');
}

/** Why nothing can be installed here, or undefined when this browser's pack is its own. */
export function governedText(status: Pick<PackVersions, 'governs'> | undefined, url: string | undefined, t: ReturnType<typeof useT>['t']): string | undefined {
  if (!status || status.governs === 'local') return undefined;
  return status.governs === 'user-url' ? t('console.governedUrl', { url: url ?? '' }) : t('console.governedPolicy');
}

/** Every install kept in this browser: who, when, why; the diff between any two; rollback in one click. */
export function VersionsCard({ url }: { url?: string | undefined }) {
  const i18n = useT();
  const { t, dateTime } = i18n;
  const versions = useVersions();
  const rollback = useRollback();
  const list = versions.data?.versions ?? [];
  const governed = governedText(versions.data, url, t);
  const [pick, setPick] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  // Until CS Ops picks, compare the version in force with the one before it (or the built-in pack).
  const to = pick.to ?? list[0]?.id ?? null;
  const from = pick.from ?? list[1]?.id ?? (list.length ? 'default' : null);
  const diff = useVersionDiff(from, to);
  const [rolledBack, setRolledBack] = useState<number | null>(null);

  const label = (id: string | null) => {
    if (id === 'default') return t('console.builtIn');
    const v = list.find((x) => x.id === id);
    return v ? `#${v.n} ${v.name} ${v.version}` : '';
  };
  const options = [...list.map((v) => ({ id: v.id, text: `#${v.n} · ${v.version} · ${dateTime(v.installedAt)}` })), { id: 'default', text: t('console.builtIn') }];

  return (
    <div className="card console" role="group" aria-labelledby="versions-title" data-testid="versions">
      <div className="card__head">
        <h3 id="versions-title">{t('console.versions')}</h3>
      </div>
      <p className="muted small">{t('console.versionsIntro')}</p>
      {governed ? (
        <div className="alert alert--info" role="note" data-testid="versions-governed">
          {governed}
        </div>
      ) : null}
      <ErrorAlert error={versions.error ?? rollback.error} />
      {rolledBack !== null && !rollback.isPending ? <Notice tone="ok">{t('console.rolledBack', { n: rolledBack })}</Notice> : null}
      {list.length === 0 && versions.isSuccess ? <p className="muted">{t('console.noVersions')}</p> : null}
      {list.length ? (
        <div className="table-wrap">
          <table className="table" data-testid="versions-table">
            <thead>
              <tr>
                <th scope="col">{t('console.col.n')}</th>
                <th scope="col">{t('console.col.pack')}</th>
                <th scope="col">{t('console.col.when')}</th>
                <th scope="col">{t('console.col.by')}</th>
                <th scope="col">{t('console.col.note')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('console.rollback', { n: '' })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.id} data-version={v.n}>
                  <th scope="row">#{v.n}</th>
                  <td>
                    {v.name} <span className="muted">{v.version}</span> {v.active ? <Pill tone="ok">{t('console.inForce')}</Pill> : null}
                    {v.rollbackOf ? <span className="muted small"> · {t('console.rollbackOf', { n: v.rollbackOf })}</span> : null}
                  </td>
                  <td className="nowrap">{dateTime(v.installedAt)}</td>
                  <td className="nowrap">{byText(v, t)}</td>
                  <td className="console__note">{v.note ?? ''}</td>
                  <td>
                    {v.active ? null : (
                      <Button
                        variant="ghost"
                        disabled={!!governed}
                        title={governed}
                        busy={rollback.isPending && rollback.variables?.id === v.id}
                        busyLabel={t('console.rollingBack')}
                        onClick={() => rollback.mutate({ id: v.id }, { onSuccess: () => setRolledBack(v.n) })}
                      >
                        {t('console.rollback', { n: v.n })}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.length ? (
        <div className="console__diff" data-testid="versions-diff">
          <h4>{t('console.compare')}</h4>
          <div className="actions">
            <label className="field--inline">
              <span>{t('console.from')}</span>
              <select value={from ?? ''} onChange={(e) => setPick({ from: e.target.value, to })}>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.text}
                  </option>
                ))}
              </select>
            </label>
            <label className="field--inline">
              <span>{t('console.to')}</span>
              <select value={to ?? ''} onChange={(e) => setPick({ from, to: e.target.value })}>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.text}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ErrorAlert error={diff.error} />
          {from && to && from !== to && diff.data ? (
            <>
              <p className="small">
                <strong>{t('console.changesTitle', { from: label(from), to: label(to) })}</strong>
              </p>
              {diff.data.changes.length ? (
                <ul className="console__changes" data-testid="diff-changes">
                  {diff.data.changes.map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('console.noChanges')}</p>
              )}
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
