import type { PackView, RecordView } from '../lib/messages/protocol';
import { useI18n } from './i18n';
import { CheckIcon, MissIcon } from './Icons';

export type Maturity = NonNullable<RecordView['evaluation']>['maturity'];

/** Packs often name levels "Lv.2 …" already; the card adds the number itself. */
export const bareLevelLabel = (label: string) => label.replace(/^\s*Lv\.?\s*\d+\s*[:：.\-–]?\s*/i, '') || label;

/** The adoption ladder: where the customer stands, what it has, and what the next rung needs. */
export function MaturityCard({ maturity, levels }: { maturity: Maturity | null; levels: PackView['levels'] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const text = (v: { ja: string; en: string } | undefined) => i18n.text(v);
  const levelName = (v: { ja: string; en: string }) => bareLevelLabel(i18n.text(v));
  if (!maturity) return null;
  const ladder = [...levels].sort((a, b) => a.level - b.level);
  const current = ladder.find((l) => l.level === maturity.level);
  const next = maturity.next ? ladder.find((l) => l.level === maturity.next!.level) : undefined;
  const resultFor = (level: number) => maturity.levels.find((l) => l.level === level);
  const criteriaOf = (level: PackView['levels'][number]) => {
    const result = resultFor(level.level);
    return level.criteria.map((c) => {
      const r = result?.criteria.find((x) => x.id === c.id);
      const unmet = maturity.next?.level === level.level ? maturity.next.unmet.find((u) => u.id === c.id) : undefined;
      return { id: c.id, label: text(c.label), met: r?.met ?? false, detail: unmet ? text(unmet.text) : undefined };
    });
  };
  const criteriaList = (items: ReturnType<typeof criteriaOf>) => (
    <ul className="plain-list criteria">
      {items.map((c) => (
        <li key={c.id} className={c.met ? 'crit crit--met' : 'crit crit--missing'}>
          <span className="crit__icon">{c.met ? <CheckIcon /> : <MissIcon />}</span>
          <span className="sr-only">{c.met ? t('maturity.met') : t('maturity.notMet')}: </span>
          <span className="crit__text">
            {c.label}
            {c.detail && c.detail !== c.label ? <span className="crit__detail small muted">{c.detail}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );

  return (
    <section className="card" aria-labelledby="maturity-title">
      <h2 id="maturity-title" className="card__title">
        {t('maturity.title')}
      </h2>
      <ol className="ladder" aria-label={t('maturity.title')}>
        {ladder.map((l) => {
          const reached = l.level <= maturity.level;
          const isCurrent = l.level === maturity.level;
          return (
            <li
              key={l.id}
              className={`ladder__step${reached ? ' is-reached' : ''}${isCurrent ? ' is-current' : ''}`}
              aria-current={isCurrent ? 'step' : undefined}
              title={levelName(l.label)}
            >
              <span className="ladder__lv">{t('maturity.level', { n: l.level })}</span>
              <span className="sr-only"> {levelName(l.label)}</span>
            </li>
          );
        })}
      </ol>
      <p className="maturity__now">
        <span className="muted small">{t('maturity.current')}: </span>
        <strong>{current ? `${t('maturity.level', { n: current.level })} ${levelName(current.label)}` : t('maturity.belowFirst')}</strong>
      </p>
      {current?.description ? <p className="small muted">{text(current.description)}</p> : null}
      {current ? criteriaList(criteriaOf(current)) : null}
      {next ? (
        <div className="maturity__next">
          <h3 className="subhead">{t('maturity.next', { n: next.level, label: levelName(next.label) })}</h3>
          {criteriaList(criteriaOf(next))}
        </div>
      ) : maturity.level > 0 ? (
        <p className="small muted">{t('maturity.top')}</p>
      ) : null}
    </section>
  );
}
