import { referenceCount, renameId } from '../../../../lib/editor/rename';
import { RESERVED_BAND_UNKNOWN } from '../../../../lib/engine/schema';
import { useT } from '../../i18n';
import type { SectionProps } from '../types';
import { freshId, IdField, ItemIssues, ItemTools, LocalizedFields, NumberField, pick, TextField, textIn, useEdit } from './fields';

// Health bands, worst first: id, labels, the score where each starts, colour. `unknown` is reserved for
// "insufficient data" and is never defined here, though playbook rules may name it.

const HEX = /^#[0-9a-f]{6}$/i;

export function BandsSection({ draft, change, issues }: SectionProps) {
  const { t, locale } = useT();
  const edit = useEdit(draft, change);
  const bands = draft.bands;
  const name = (i: number) => pick(bands[i]?.label, locale) || bands[i]?.id || t('sec.bands.item', { n: i + 1 });
  return (
    <div className="ed-section" data-testid="section-bands">
      <p className="ed-intro muted">{t('sec.bands.intro')}</p>
      <p className="ed-note">{t('sec.bands.unknown', { id: RESERVED_BAND_UNKNOWN })}</p>
      <ItemIssues path="bands" issues={issues.filter((i) => i.path === 'bands')} shown={[]} />
      <ol className="ed-items">
        {bands.map((b, i) => {
          const p = `bands[${i}]`;
          const field = (f: string) => t('sec.what.field', { field: f, item: name(i) });
          return (
            <li key={i} className="ed-item">
              <div className="ed-item__head">
                <h4>
                  <span className="ed-swatch" style={{ background: b.color && HEX.test(b.color) ? b.color : 'transparent' }} aria-hidden="true" />
                  {t('sec.bands.heading', { n: i + 1, name: name(i) })}
                </h4>
                <ItemTools
                  edit={edit}
                  list={(d) => d.bands}
                  name={name(i)}
                  index={i}
                  count={bands.length}
                  keep={1}
                  removeNote={t('sec.refs', { count: referenceCount(draft, 'band', b.id) })}
                />
              </div>
              <div className="ed-grid">
                <IdField label={t('sec.field.id')} path={`${p}.id`} issues={issues} value={b.id} hint={t('sec.refs', { count: referenceCount(draft, 'band', b.id) })} onCommit={(to) => change(renameId(draft, 'band', i, to), t('sec.what.rename', { from: b.id, to }))} />
                <NumberField label={t('sec.bands.min')} path={`${p}.min`} issues={issues} value={b.min} min={0} max={100} hint={i === 0 ? t('sec.bands.minFirst') : undefined} onChange={(n) => edit(field(t('sec.bands.min')), (d) => (d.bands[i]!.min = n ?? 0))} />
                <TextField
                  label={t('sec.bands.color')}
                  path={`${p}.color`}
                  issues={issues}
                  value={b.color ?? ''}
                  hint={t('sec.bands.colorHint')}
                  onChange={(v) =>
                    edit(field(t('sec.bands.color')), (d) => {
                      if (v === '') delete d.bands[i]!.color;
                      else d.bands[i]!.color = v;
                    })
                  }
                />
              </div>
              <LocalizedFields label={t('sec.field.label')} path={`${p}.label`} issues={issues} value={b.label} onChange={(v) => edit(field(t('sec.field.label')), (d) => (d.bands[i]!.label = v ?? {}))} />
              <ItemIssues path={p} issues={issues} shown={[`${p}.id`, `${p}.min`, `${p}.color`, `${p}.label`]} />
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="btn"
        onClick={() =>
          edit(t('sec.bands.added'), (d) => {
            const last = d.bands.at(-1);
            d.bands.push({ id: freshId('band', d.bands.map((x) => x.id)), label: textIn(locale, t('sec.bands.newLabel')), min: Math.min(100, (last?.min ?? -10) + 10) });
          })
        }
      >
        {t('sec.bands.add')}
      </button>
    </div>
  );
}
