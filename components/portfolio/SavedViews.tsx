import { useState } from 'react';
import { useI18n } from '../i18n';

export interface SavedView<F> {
  name: string;
  filters: F;
  sort: number;
}

/** Named views of the book: pick one to apply it, save the one on screen under a name, delete one. */
export function SavedViews<F>({ views, onApply, onSave, onDelete }: {
  views: Array<SavedView<F>>;
  onApply: (view: SavedView<F>) => void;
  onSave: (name: string) => void;
  onDelete: (name: string) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [picked, setPicked] = useState('');
  return (
    <div className="saved-views" role="group" aria-label={t('portfolio.views')}>
      <label className="field">
        <span>{t('portfolio.views')}</span>
        <select
          value={picked}
          onChange={(e) => {
            setPicked(e.target.value);
            const v = views.find((x) => x.name === e.target.value);
            if (v) onApply(v);
          }}
        >
          <option value="">{t('portfolio.viewsPick')}</option>
          {views.map((v) => (
            <option key={v.name} value={v.name}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {picked ? (
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            onDelete(picked);
            setPicked('');
          }}
        >
          {t('portfolio.viewDelete')}
        </button>
      ) : null}
      <label className="field">
        <span>{t('portfolio.viewName')}</span>
        <input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
      </label>
      <button
        type="button"
        className="btn btn--small"
        disabled={!name.trim()}
        onClick={() => {
          onSave(name.trim());
          setPicked(name.trim());
          setName('');
        }}
      >
        {t('portfolio.viewSave')}
      </button>
    </div>
  );
}
