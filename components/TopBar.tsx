import type { LocaleSetting } from '../lib/i18n/index';
import type { PackView } from '../lib/messages/protocol';
import { useId } from 'react';
import { useI18n } from './i18n';
import { CollapseIcon } from './Icons';

/** The team badge: the pack's name and version, so everyone can see they are on the same map, and who manages it. */
function PackBadge({ pack }: { pack: Pick<PackView, 'name' | 'version' | 'source'> }) {
  const { t } = useI18n();
  const by = pack.source === 'policy' ? t('bar.packPolicy') : pack.source === 'url' ? t('bar.packUrl') : null;
  const title = [t('bar.pack', { name: pack.name, version: pack.version }), pack.source === 'policy' ? t('bar.packPolicyTitle') : pack.source === 'url' ? t('bar.packUrlTitle') : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className={`topbar__pack${pack.source === 'policy' ? ' topbar__pack--policy' : ''}`} data-testid="pack-badge" title={title}>
      {by ? t('bar.packBy', { pack: `${pack.name} v${pack.version}`, by }) : `${pack.name} v${pack.version}`}
    </span>
  );
}

/** Sidecar's own bar: the team badge, the language and the collapse button. */
export function TopBar({ localeSetting, onLocaleChange, onCollapse, pack }: { localeSetting: LocaleSetting; onLocaleChange: (l: LocaleSetting) => void; onCollapse: () => void; pack?: Pick<PackView, 'name' | 'version' | 'source'> | undefined }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="topbar">
      <span className="topbar__brand">Sidecar</span>
      {pack ? <PackBadge pack={pack} /> : null}
      <span className="spacer" />
      <span className="topbar__lang">
        <label htmlFor={id} className="sr-only">
          {t('bar.language')}
        </label>
        <select id={id} value={localeSetting} onChange={(e) => onLocaleChange(e.target.value as LocaleSetting)} title={t('bar.language')}>
          <option value="auto">{t('lang.auto')}</option>
          <option value="ja" lang="ja">
            {t('lang.ja')}
          </option>
          <option value="en" lang="en">
            {t('lang.en')}
          </option>
        </select>
      </span>
      <button type="button" className="icon-btn" onClick={onCollapse} aria-label={t('bar.collapse')} title={`${t('bar.collapse')} (Alt+Shift+S)`}>
        <CollapseIcon />
      </button>
    </div>
  );
}
