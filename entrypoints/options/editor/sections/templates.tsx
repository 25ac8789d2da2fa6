import { useId, useLayoutEffect, useRef, useState } from 'react';
import { renameId, referenceCount } from '../../../../lib/editor/rename';
import { insertMergeField, MERGE_FIELD_NAMES, previewTemplate, unknownMergeFields } from '../../../../lib/editor/templates';
import { MERGE_FIELDS } from '../../../../lib/engine/merge-fields';
import type { Locale, ParseError, Template } from '../../../../lib/engine/types';
import type { OptionsKey } from '../../../../lib/i18n/options-en';
import { useT } from '../../i18n';
import type { SectionProps } from '../types';
import { problemCount } from './conditions';
import { freshId, IdField, IssueList, issuesAt, ItemIssues, ItemTools, LocalizedFields, pick, SelectField, textIn, useEdit } from './fields';

// Templates in both languages with a palette of the merge fields the engine knows (lib/engine/merge-fields.ts),
// inserted where the cursor is, and a live preview of each language filled from a sample customer by the engine's
// own renderTemplate. A field the engine does not know is flagged beside the text, as the pack check flags it.

type Slot = 'subject' | 'body';
const KIND_KEY: Record<Template['kind'], OptionsKey> = { email: 'sec.tpl.kind.email', call: 'sec.tpl.kind.call', chat: 'sec.tpl.kind.chat' };

function TemplateText({ label, path, issues, value, onChange, onFocusEl, multiline }: { label: string; path: string; issues: readonly ParseError[]; value: string; onChange: (v: string) => void; onFocusEl: (el: HTMLInputElement | HTMLTextAreaElement) => void; multiline: boolean }) {
  const id = useId();
  const mine = issuesAt(issues, path);
  const props = {
    id,
    value,
    spellCheck: false,
    'aria-invalid': mine.length > 0 ? true : undefined,
    'aria-describedby': mine.length > 0 ? `${id}-issues` : undefined,
    'data-path': path,
    onFocus: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => onFocusEl(e.currentTarget),
  } as const;
  return (
    <div className="field field--compact">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea {...props} rows={10} onChange={(e) => onChange(e.target.value)} /> : <input type="text" {...props} onChange={(e) => onChange(e.target.value)} />}
      <IssueList id={`${id}-issues`} issues={mine} />
    </div>
  );
}

export function TemplatesSection({ draft, change, issues }: SectionProps) {
  const { t, locale } = useT();
  const edit = useEdit(draft, change);
  const [open, setOpen] = useState(0);
  const templates = draft.templates;
  const i = Math.min(open, templates.length - 1);
  const tpl = templates[i];
  // The text field the palette inserts into: the last one focused, and where to put the caret after the edit.
  const target = useRef<{ slot: Slot; locale: Locale; el: HTMLInputElement | HTMLTextAreaElement } | null>(null);
  const caret = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = target.current?.el;
    if (caret.current !== null && el) {
      el.focus();
      el.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  });
  const name = (k: number) => pick(templates[k]?.title, locale) || templates[k]?.id || '';
  const p = `templates[${i}]`;
  const setText = (slot: Slot, l: Locale, text: string, what: string) =>
    edit(what, (d) => {
      const tt = d.templates[i]!;
      const cur: Record<string, string> = { ...(tt[slot] ?? {}) };
      if (text === '') delete cur[l];
      else cur[l] = text;
      if (slot === 'subject' && Object.keys(cur).length === 0) delete tt.subject;
      else tt[slot] = cur;
    });
  const insert = (field: string) => {
    const tg = target.current;
    if (!tpl || !tg) return;
    const text = tpl[tg.slot]?.[tg.locale] ?? '';
    const out = insertMergeField(text, tg.el.selectionStart ?? text.length, tg.el.selectionEnd ?? text.length, field);
    caret.current = out.caret;
    setText(tg.slot, tg.locale, out.text, t('sec.tpl.inserted', { field: `{{${field}}}`, item: name(i) }));
  };
  const slotLabel = (slot: Slot, l: Locale) => t(slot === 'subject' ? 'sec.tpl.subjectIn' : 'sec.tpl.bodyIn', { lang: t(l === 'ja' ? 'sec.lang.ja' : 'sec.lang.en') });
  const refs = tpl ? referenceCount(draft, 'template', tpl.id) : 0;
  return (
    <div className="ed-section" data-testid="section-templates">
      <p className="ed-intro muted">{t('sec.tpl.intro')}</p>
      <div className="ed-grid">
        <SelectField label={t('sec.tpl.pick')} path="" issues={[]} value={String(i)} choices={templates.map((x, k) => {
            const n = problemCount(issues, `templates[${k}]`);
            const label = `${name(k)} (${x.id})`;
            return { value: String(k), label: n > 0 ? `${label} — ${t('sec.problemCount', { count: n })}` : label };
          })} onChange={(v) => setOpen(Number(v))} />
        <div className="actions">
          <button
            type="button"
            className="btn"
            onClick={() => {
              edit(t('sec.tpl.added'), (d) => d.templates.push({ id: freshId('template', d.templates.map((x) => x.id)), kind: 'email', title: textIn(locale, t('sec.tpl.newTitle')), subject: textIn(locale, t('sec.tpl.newSubject')), body: textIn(locale, t('sec.tpl.newBody')) }));
              setOpen(templates.length);
            }}
          >
            {t('sec.tpl.add')}
          </button>
        </div>
      </div>
      {!tpl ? (
        <p className="muted">{t('sec.tpl.none')}</p>
      ) : (
        <div className="ed-item" data-testid="template-editor">
          <div className="ed-item__head">
            <h4>{t('sec.tpl.editing', { name: name(i) })}</h4>
            <ItemTools edit={edit} list={(d) => d.templates} name={name(i)} index={i} count={templates.length} removeNote={t('sec.refs', { count: refs })} onMoved={setOpen} />
          </div>
          <div className="ed-grid">
            <IdField label={t('sec.field.id')} path={`${p}.id`} issues={issues} value={tpl.id} hint={t('sec.refs', { count: refs })} onCommit={(to) => change(renameId(draft, 'template', i, to), t('sec.what.rename', { from: tpl.id, to }))} />
            <SelectField label={t('sec.tpl.kind')} path={`${p}.kind`} issues={issues} value={tpl.kind} choices={(['email', 'call', 'chat'] as const).map((k) => ({ value: k, label: t(KIND_KEY[k]) }))} onChange={(v) => edit(t('sec.what.field', { field: t('sec.tpl.kind'), item: name(i) }), (d) => (d.templates[i]!.kind = v as Template['kind']))} />
          </div>
          <LocalizedFields label={t('sec.tpl.title')} path={`${p}.title`} issues={issues} value={tpl.title} onChange={(v) => edit(t('sec.what.field', { field: t('sec.tpl.title'), item: name(i) }), (d) => (d.templates[i]!.title = v ?? {}))} />
          <div className="ed-palette" role="group" aria-label={t('sec.tpl.palette')}>
            <span className="field__label">{t('sec.tpl.palette')}</span>
            {MERGE_FIELD_NAMES.map((f) => (
              <button key={f} type="button" className="btn btn--ghost" title={`{{${f}}}`} aria-label={t('sec.tpl.insert', { field: MERGE_FIELDS[f][locale] })} onMouseDown={(e) => e.preventDefault()} onClick={() => insert(f)}>
                {MERGE_FIELDS[f][locale]}
              </button>
            ))}
          </div>
          <p className="field__hint">{t('sec.tpl.paletteHint')}</p>
          {(['subject', 'body'] as const)
            .filter((slot) => slot === 'body' || tpl.kind === 'email' || tpl.subject)
            .map((slot) => (
              <div key={slot} className="ed-localized__pair">
                {(['ja', 'en'] as const).map((l) => (
                  <TemplateText
                    key={l}
                    label={slotLabel(slot, l)}
                    path={`${p}.${slot}.${l}`}
                    issues={issues}
                    value={tpl[slot]?.[l] ?? ''}
                    multiline={slot === 'body'}
                    onFocusEl={(el) => (target.current = { slot, locale: l, el })}
                    onChange={(v) => setText(slot, l, v, t('sec.what.field', { field: slotLabel(slot, l), item: name(i) }))}
                  />
                ))}
                <div style={{ gridColumn: '1 / -1' }}>
                  <IssueList id={`tpl-${slot}-issues`} issues={issuesAt(issues, `${p}.${slot}`)} />
                </div>
              </div>
            ))}
          <ItemIssues path={p} issues={issues} shown={[`${p}.id`, `${p}.kind`, `${p}.title`, `${p}.subject`, `${p}.body`]} />
          <h5>{t('sec.tpl.preview')}</h5>
          <p className="field__hint">{t('sec.tpl.previewHint')}</p>
          <div className="ed-preview" data-testid="template-preview">
            {(['ja', 'en'] as const).map((l) => {
              const out = previewTemplate(draft, tpl, l);
              const unknown = unknownMergeFields(`${tpl.subject?.[l] ?? ''}\n${tpl.body?.[l] ?? ''}`);
              return (
                <section key={l} lang={l} aria-label={t('sec.tpl.previewIn', { lang: t(l === 'ja' ? 'sec.lang.ja' : 'sec.lang.en') })} data-testid={`preview-${l}`}>
                  <h6 className="field__label">{t(l === 'ja' ? 'sec.lang.ja' : 'sec.lang.en')}</h6>
                  {out.subject !== undefined ? <p><strong>{out.subject}</strong></p> : null}
                  <pre>{out.text}</pre>
                  {unknown.length > 0 ? <p className="field__error">{t('sec.tpl.unknown', { fields: unknown.map((f) => `{{${f}}}`).join(', ') })}</p> : null}
                </section>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
