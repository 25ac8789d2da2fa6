import { useId, type FormEvent } from 'react';
import type { PackView } from '../lib/messages/protocol';
import type { DraftValue } from '../lib/ui/queries';
import { useI18n } from './i18n';

export const TOUCHPOINTS = ['meeting', 'call', 'email', 'event'] as const;

/** One rating from the pack as a radio group: 1–5, each point with its label. */
function RatingGroup({ rating, value, onChange }: { rating: PackView['ratings'][number]; value: number | undefined; onChange: (v: number | undefined) => void }) {
  const { t, text } = useI18n();
  const name = useId();
  const legendId = useId();
  const chosen = rating.points.find((p) => p.value === value);
  return (
    <fieldset className="rating" aria-describedby={rating.description ? `${legendId}-d` : undefined}>
      <legend id={legendId} className="rating__legend">
        {text(rating.label)}
      </legend>
      {rating.description ? (
        <p id={`${legendId}-d`} className="small muted rating__desc">
          {text(rating.description)}
        </p>
      ) : null}
      <div className="rating__row">
        <div className="rating__points">
          {rating.points.map((p) => (
            <label key={p.value} className="rating__point" title={text(p.label)}>
              <input type="radio" name={name} value={p.value} checked={value === p.value} onChange={() => onChange(p.value)} />
              <span aria-hidden="true">{p.value}</span>
              <span className="sr-only">
                {p.value} {text(p.label)}
              </span>
            </label>
          ))}
        </div>
        <span className="rating__chosen small">{chosen ? text(chosen.label) : ''}</span>
        {value !== undefined ? (
          <button type="button" className="link-btn small" onClick={() => onChange(undefined)}>
            {t('notes.clearRating')}
            <span className="sr-only"> {text(rating.label)}</span>
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

export interface NoteComposerProps {
  ratings: PackView['ratings'];
  value: DraftValue;
  onChange: (next: DraftValue) => void;
  onSubmit: () => void;
  saving: boolean;
  error?: string;
  /** A stored draft is on screen. */
  hasDraft?: boolean;
}

/** Writing a touchpoint note: ratings that feed the score, free text, and the kind of touch. */
export function NoteComposer({ ratings, value, onChange, onSubmit, saving, error, hasDraft }: NoteComposerProps) {
  const { t } = useI18n();
  const touchId = useId();
  const textId = useId();
  const empty = value.text.trim() === '' && Object.keys(value.ratings).length === 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!empty && !saving) onSubmit();
  };
  const setRating = (id: string, v: number | undefined) => {
    const next = { ...value.ratings };
    if (v === undefined) delete next[id];
    else next[id] = v;
    onChange({ ...value, ratings: next });
  };
  return (
    <form className="composer" onSubmit={submit} aria-label={t('notes.compose')}>
      {ratings.map((r) => (
        <RatingGroup key={r.id} rating={r} value={value.ratings[r.id]} onChange={(v) => setRating(r.id, v)} />
      ))}
      <div className="field">
        <label htmlFor={touchId}>{t('notes.touchpoint')}</label>
        <select id={touchId} value={value.touchpoint} onChange={(e) => onChange({ ...value, touchpoint: e.target.value as DraftValue['touchpoint'] })}>
          {TOUCHPOINTS.map((tp) => (
            <option key={tp} value={tp}>
              {t(`touchpoint.${tp}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={textId}>{t('notes.text')}</label>
        <textarea id={textId} className="composer__text" rows={4} maxLength={20_000} placeholder={t('notes.placeholder')} value={value.text} onChange={(e) => onChange({ ...value, text: e.target.value })} />
      </div>
      {error ? (
        <p className="form__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form__actions">
        {hasDraft && !empty ? <span className="small muted composer__draft">{t('notes.draft')}</span> : null}
        <button type="submit" className="btn btn--primary" disabled={saving || empty} title={empty ? t('notes.required') : undefined}>
          {saving ? t('notes.saving') : t('notes.save')}
        </button>
      </div>
    </form>
  );
}
