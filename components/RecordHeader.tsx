import type { PackView, RecordView } from '../lib/messages/protocol';
import { useI18n } from './i18n';
import { OfflineIcon, RefreshIcon } from './Icons';

type Context = NonNullable<RecordView['evaluation']>['health']['context'];

export interface RecordHeaderProps {
  account: RecordView['account'];
  context: Context | null;
  pack: PackView;
  sources: RecordView['sources'];
  asOf?: string;
  via?: RecordView['via'];
  refreshing: boolean;
  onRefresh: () => void;
  offline: boolean;
}

function label(list: Array<{ id: string; label: { ja: string; en: string } }>, id: string | undefined, text: (v: { ja: string; en: string }) => string) {
  if (!id) return undefined;
  const hit = list.find((x) => x.id === id);
  return hit ? text(hit.label) : id;
}

/** Who the customer is, where the figures come from, and how fresh they are. */
export function RecordHeader({ account, context, pack, sources, asOf, via, refreshing, onRefresh, offline }: RecordHeaderProps) {
  const { t, text, dateTime, age } = useI18n();
  const facts: Array<[string, string | undefined]> = [
    [t('header.segment'), label(pack.segments, context?.segment, text)],
    [t('header.touch'), label(pack.touchModels, context?.touchModel, text)],
    [t('header.stage'), label(pack.stages, context?.stage ?? account.lifecycleStage, text)],
  ];
  // The owner's name comes from the CRM; without the owners scope the header says why it is missing.
  const ownerMissing = !account.owner && account.ownerUnavailable ? t('header.ownerUnavailable', { scope: account.ownerUnavailable.scope }) : undefined;
  return (
    <header className="rec">
      {/* elementtiming: Chromium reports when this name reaches the screen (npm run bench reads it). */}
      <h1 className="rec__name" data-testid="record-id" title={account.name} {...{ elementtiming: `record ${account.key}` }}>
        {account.name ?? t('header.unnamed')}
      </h1>
      {via ? <p className="small muted">{t('header.via', { type: t(`object.${via.objectType}` as 'object.contact') })}</p> : null}
      <dl className="rec__facts">
        {facts.map(([k, v]) => (
          <div key={k} className="rec__fact">
            <dt>{k}</dt>
            <dd className={v ? undefined : 'muted'}>{v ?? t('header.notSet')}</dd>
          </div>
        ))}
        <div className="rec__fact">
          <dt>{t('header.owner')}</dt>
          <dd className={account.owner ? undefined : 'muted'} data-testid="owner">
            {account.owner ?? ownerMissing ?? t('header.notSet')}
          </dd>
        </div>
      </dl>
      <div className="rec__meta">
        <ul className="chips" aria-label={t('header.sources')}>
          {sources.map((s) => (
            <li key={s} className={`chip chip--src chip--${s}`}>
              {t(`source.${s}`)}
            </li>
          ))}
        </ul>
        {offline ? (
          <span className="chip chip--offline" title={t('state.offlineHint')}>
            <OfflineIcon /> {t('state.offline')}
          </span>
        ) : null}
        <span className="rec__asof small muted" data-testid="as-of">
          {asOf ? (
            <>
              {t('header.asOf', { time: dateTime(asOf) })}{' '}
              {/* Relative, so left out of the stored snapshot, where it would go stale. */}
              <span data-snapshot-skip="">({age(asOf)})</span>
            </>
          ) : null}
        </span>
        <button
          type="button"
          className={`icon-btn${refreshing ? ' is-spinning' : ''}`}
          onClick={onRefresh}
          disabled={refreshing || offline}
          aria-label={refreshing ? t('header.refreshing') : t('header.refresh')}
          title={refreshing ? t('header.refreshing') : t('header.refresh')}
        >
          <RefreshIcon />
        </button>
      </div>
    </header>
  );
}
