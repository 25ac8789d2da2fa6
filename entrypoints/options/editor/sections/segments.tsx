import { referenceCount, renameId } from '../../../../lib/editor/rename';
import { useT } from '../../i18n';
import type { SectionProps } from '../types';
import { ConditionList } from './conditions';
import { freshId, IdField, ItemIssues, ItemTools, LocalizedFields, pick, textIn, useEdit } from './fields';

// Customer segments (e.g. by ARR): the first whose conditions all hold wins, else the last, so order matters and
// the last usually has no conditions. Each segment is scored by one scorecard and picks touch models.

export function SegmentsSection({ draft, change, issues }: SectionProps) {
  const { t, locale } = useT();
  const edit = useEdit(draft, change);
  const segs = draft.segments;
  const name = (i: number) => pick(segs[i]?.label, locale) || segs[i]?.id || t('sec.segments.item', { n: i + 1 });
  return (
    <div className="ed-section" data-testid="section-segments">
      <p className="ed-intro muted">{t('sec.segments.intro')}</p>
      <ItemIssues path="segments" issues={issues.filter((i) => i.path === 'segments')} shown={[]} />
      <ol className="ed-items">
        {segs.map((s, i) => {
          const p = `segments[${i}]`;
          const scorecard = draft.scorecards.find((sc) => sc.segments.includes(s.id));
          const isLast = i === segs.length - 1;
          return (
            <li key={i} className="ed-item">
              <div className="ed-item__head">
                <h4>{t('sec.segments.heading', { n: i + 1, name: name(i) })}</h4>
                <ItemTools
                  edit={edit}
                  list={(d) => d.segments}
                  name={name(i)}
                  index={i}
                  count={segs.length}
                  keep={1}
                  removeNote={t('sec.refs', { count: referenceCount(draft, 'segment', s.id) })}
                />
              </div>
              <div className="ed-grid">
                <IdField label={t('sec.field.id')} path={`${p}.id`} issues={issues} value={s.id} hint={t('sec.refs', { count: referenceCount(draft, 'segment', s.id) })} onCommit={(to) => change(renameId(draft, 'segment', i, to), t('sec.what.rename', { from: s.id, to }))} />
                <p className="field__hint">{scorecard ? t('sec.segments.scoredBy', { name: pick(scorecard.label, locale) || scorecard.id }) : t('sec.segments.unscored')}</p>
              </div>
              <LocalizedFields label={t('sec.field.label')} path={`${p}.label`} issues={issues} value={s.label} onChange={(v) => edit(t('sec.what.field', { field: t('sec.field.label'), item: name(i) }), (d) => (d.segments[i]!.label = v ?? {}))} />
              <ConditionList
                legend={t('sec.segments.when')}
                empty={isLast ? t('sec.segments.emptyLast') : t('sec.segments.empty')}
                value={s.when}
                path={`${p}.when`}
                issues={issues}
                draft={draft}
                onChange={(when) => edit(t('sec.what.field', { field: t('sec.segments.when'), item: name(i) }), (d) => (d.segments[i]!.when = when))}
              />
              <ItemIssues path={p} issues={issues} shown={[`${p}.id`, `${p}.label`, `${p}.when`]} />
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="btn"
        onClick={() =>
          edit(t('sec.segments.added'), (d) => {
            // A new segment goes before the catch-all last one, so that it can ever be chosen.
            const seg = { id: freshId('segment', d.segments.map((x) => x.id)), label: textIn(locale, t('sec.segments.newLabel')), when: [] };
            d.segments.splice(Math.max(0, d.segments.length - 1), 0, seg);
          })
        }
      >
        {t('sec.segments.add')}
      </button>
    </div>
  );
}
