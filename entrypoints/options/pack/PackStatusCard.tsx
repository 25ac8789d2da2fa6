import { useState } from 'react';
import type { TeamStatus } from '../../../lib/messages/options';
import { useT } from '../i18n';
import { Button, Pill } from '../ui';

export interface PackStatusProps {
  name: string | undefined;
  id: string | undefined;
  version: string | undefined;
  source: TeamStatus['pack']['source'] | undefined;
  /** The URL a 'policy' or 'url' pack came from. */
  url?: string | undefined;
  /** Why the pack cannot be reset here (policy or a pack URL governs it). */
  locked?: string | undefined;
  installedAt: string | undefined;
  fileName: string | undefined;
  problem: string | undefined;
  onExport: () => void;
  onReset: () => void;
  resetting: boolean;
}

/** What is in force now, and the two ways out of it: a download, or back to the default. */
export function PackStatusCard(p: PackStatusProps) {
  const { t, dateTime } = useT();
  const [confirming, setConfirming] = useState(false);
  const sourceText =
    p.source === 'file'
      ? t('pack.sourceFile', { file: p.fileName ?? '' })
      : p.source === 'editor'
        ? t('pack.sourceEditor')
        : p.source === 'policy'
          ? t('pack.sourcePolicy')
          : p.source === 'url'
            ? t('pack.sourceUrl', { url: p.url ?? '' })
            : t('pack.sourceDefault');

  return (
    <div className="card" role="group" aria-labelledby="pack-status-title">
      <div className="card__head">
        <h3 id="pack-status-title">{t('pack.installed')}</h3>
        {p.problem ? <Pill tone="bad">{t('conn.problem')}</Pill> : <Pill tone="ok">{t('pack.active')}</Pill>}
      </div>
      <dl className="facts" data-testid="pack-status">
        <div>
          <dt>{t('pack.name')}</dt>
          <dd>{p.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('pack.version')}</dt>
          <dd>{p.version ? `v${p.version}` : '—'}</dd>
        </div>
        <div>
          <dt>{t('pack.source')}</dt>
          <dd>{sourceText}</dd>
        </div>
        <div>
          <dt>{t('pack.installedAt')}</dt>
          <dd>{p.installedAt ? dateTime(p.installedAt) : t('pack.builtIn')}</dd>
        </div>
      </dl>
      {p.problem ? (
        <div className="alert alert--bad" role="alert">
          <strong>{t('pack.problemTitle')}</strong>
          <p>{p.problem}</p>
        </div>
      ) : null}
      <div className="actions">
        <Button onClick={p.onExport} disabled={!p.name}>
          {t('pack.export')}
        </Button>
        {confirming ? (
          <div className="confirm" role="alertdialog" aria-labelledby="reset-q" aria-modal="false">
            <span id="reset-q">{t('pack.resetConfirm')}</span>
            <Button
              variant="danger"
              busy={p.resetting}
              onClick={() => {
                p.onReset();
                setConfirming(false);
              }}
              autoFocus
            >
              {t('pack.resetYes')}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        ) : (
          <Button variant="ghost" onClick={() => setConfirming(true)} disabled={!!p.locked || (p.source === 'default' && !p.problem)} title={p.locked}>
            {t('pack.reset')}
          </Button>
        )}
      </div>
    </div>
  );
}
