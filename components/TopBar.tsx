import type { LocaleSetting } from '../lib/i18n/index';
import { useId } from 'react';
import { useI18n } from './i18n';
import { CollapseIcon } from './Icons';

/** Sidecar's own bar: the language and the collapse button. */
export function TopBar({ localeSetting, onLocaleChange, onCollapse }: { localeSetting: LocaleSetting; onLocaleChange: (l: LocaleSetting) => void; onCollapse: () => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="topbar">
      <span className="topbar__brand">Sidecar</span>
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
