import { useEffect, useId, useState, type ReactNode } from 'react';
import type { ConfigPack, Locale, Localized, ParseError } from '../../../../lib/engine/types';
import { parseNumber } from '../../../../lib/editor/conditions';
import { moveItem } from '../../../../lib/editor/edit';
import { isUnder, issuesUnder } from '../../../../lib/editor/issues';
import { pathErrorText } from '../../../../lib/i18n/errors';
import { useT } from '../../i18n';
import './sections.css';

// The small form pieces every section of the map editor shares. Each field knows the pack path it edits, shows the
// draft's problems at that path beside itself (aria-describedby), and reports a new value; the section turns that
// into a whole new draft (one undoable step).

/** The pack text in the UI language, falling back to the other. */
export function pick(text: Localized | undefined, locale: Locale): string {
  return text?.[locale] ?? text?.ja ?? text?.en ?? '';
}

/** A new text in one language (the other falls back to it until it is written). */
export function textIn(locale: Locale, text: string): Localized {
  return locale === 'ja' ? { ja: text } : { en: text };
}

/** One edit of the draft: a copy is changed by `recipe` and proposed as the next draft. */
export function useEdit(draft: ConfigPack, change: (next: ConfigPack, what: string) => void) {
  return (what: string, recipe: (p: ConfigPack) => void) => {
    const next = structuredClone(draft);
    recipe(next);
    change(next, what);
  };
}

/** The problems exactly at `path` (not under it): a field shows these; the ones below belong to its sub-fields. */
export function issuesAt(issues: readonly ParseError[], path: string): ParseError[] {
  return issues.filter((i) => i.path === path);
}

export function IssueList({ id, issues }: { id: string; issues: readonly ParseError[] }) {
  const { locale } = useT();
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="ed-issues">
      {issues.map((e, i) => (
        <li key={`${e.path}-${e.key}-${i}`} className="field__error">
          {pathErrorText(e, locale)}
        </li>
      ))}
    </ul>
  );
}

/** Props every field takes: its label, the pack path it edits, and the draft's problems (all of them; it picks its own). */
interface FieldBase {
  label: string;
  path: string;
  issues: readonly ParseError[];
  hint?: string;
  /** Also show the problems under the path (a field that stands for a whole object, such as a condition). */
  deep?: boolean;
  className?: string;
}

function useFieldIssues(issues: readonly ParseError[], path: string, deep: boolean | undefined) {
  const id = useId();
  const mine = deep ? issuesUnder(issues, path) : issuesAt(issues, path);
  const hintId = `${id}-hint`;
  const issueId = `${id}-issues`;
  return { id, mine, hintId, issueId };
}

function describedBy(hint: string | undefined, hintId: string, mine: readonly ParseError[], issueId: string): string | undefined {
  const ids = [hint ? hintId : '', mine.length > 0 ? issueId : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Frame({ id, label, hint, hintId, mine, issueId, className, children }: { id: string; label: string; hint?: string; hintId: string; mine: readonly ParseError[]; issueId: string; className?: string; children: ReactNode }) {
  return (
    <div className={`field field--compact ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <IssueList id={issueId} issues={mine} />
    </div>
  );
}

export function TextField({ label, path, issues, hint, deep, className, value, onChange, multiline }: FieldBase & { value: string; onChange: (v: string) => void; multiline?: boolean }) {
  const { id, mine, hintId, issueId } = useFieldIssues(issues, path, deep);
  const common = {
    id,
    value,
    'aria-invalid': mine.length > 0 ? true : undefined,
    'aria-describedby': describedBy(hint, hintId, mine, issueId),
  } as const;
  return (
    <Frame id={id} label={label} hint={hint} hintId={hintId} mine={mine} issueId={issueId} className={className}>
      {multiline ? <textarea {...common} rows={4} onChange={(e) => onChange(e.target.value)} /> : <input type="text" {...common} onChange={(e) => onChange(e.target.value)} />}
    </Frame>
  );
}

/**
 * A text in both languages. An emptied language is removed from the pack (it then falls back to the other); with both
 * empty the pack check says so beside the pair.
 */
export function LocalizedFields({ label, path, issues, value, onChange, multiline, optional }: { label: string; path: string; issues: readonly ParseError[]; value: Localized | undefined; onChange: (v: Localized | undefined) => void; multiline?: boolean; optional?: boolean }) {
  const { t } = useT();
  const set = (locale: Locale, text: string) => {
    const next: Record<string, string> = { ...(value ?? {}) };
    if (text === '') delete next[locale];
    else next[locale] = text;
    onChange(optional && Object.keys(next).length === 0 ? undefined : (next as Localized));
  };
  const groupId = useId();
  const group = issuesAt(issues, path);
  return (
    <div className="ed-localized" role="group" aria-labelledby={`${groupId}-label`} aria-describedby={group.length > 0 ? `${groupId}-issues` : undefined}>
      <span id={`${groupId}-label`} className="field__label">
        {label}
      </span>
      <div className="ed-localized__pair">
        <TextField label={t('sec.lang.ja')} path={`${path}.ja`} issues={issues} value={value?.ja ?? ''} onChange={(v) => set('ja', v)} multiline={multiline} />
        <TextField label={t('sec.lang.en')} path={`${path}.en`} issues={issues} value={value?.en ?? ''} onChange={(v) => set('en', v)} multiline={multiline} />
      </div>
      <IssueList id={`${groupId}-issues`} issues={group} />
    </div>
  );
}

/**
 * A number typed as text: the draft changes when the text is a number (full-width digits read), so a half-typed
 * "-" never becomes 0. An optional field emptied removes the value.
 */
export function NumberField({ label, path, issues, hint, className, value, onChange, optional, min, max }: FieldBase & { value: number | undefined; onChange: (v: number | undefined) => void; optional?: boolean; min?: number; max?: number }) {
  const { t } = useT();
  const { id, mine, hintId, issueId } = useFieldIssues(issues, path, false);
  const [text, setText] = useState(value === undefined ? '' : String(value));
  // Follow the draft when it changes from outside (undo, another field), not while this text means the same number.
  useEffect(() => {
    setText((cur) => (parseNumber(cur) === (value ?? null) ? cur : value === undefined ? '' : String(value)));
  }, [value]);
  const parsed = parseNumber(text);
  const notNumber = text !== '' && parsed === null;
  const ownId = `${id}-own`;
  const ids = [describedBy(hint, hintId, mine, issueId), notNumber ? ownId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <Frame id={id} label={label} hint={hint} hintId={hintId} mine={mine} issueId={issueId} className={className}>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={mine.length > 0 || notNumber ? true : undefined}
        aria-describedby={ids}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          const n = parseNumber(raw);
          if (n !== null) onChange(n);
          else if (raw.trim() === '' && optional) onChange(undefined);
        }}
      />
      {notNumber ? (
        <p id={ownId} className="field__error">
          {min !== undefined && max !== undefined ? t('sec.number.range', { min, max }) : t('sec.number.invalid')}
        </p>
      ) : null}
    </Frame>
  );
}

/**
 * An id: changed when the field is left (or Enter), not per keystroke, so that a rename carries its references once
 * and never passes through another item's id on the way.
 */
export function IdField({ label, path, issues, hint, value, onCommit }: FieldBase & { value: string; onCommit: (v: string) => void }) {
  const { id, mine, hintId, issueId } = useFieldIssues(issues, path, false);
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    const v = text.trim();
    if (v !== value) onCommit(v);
  };
  return (
    <Frame id={id} label={label} hint={hint} hintId={hintId} mine={mine} issueId={issueId} className="ed-id">
      <input
        id={id}
        type="text"
        value={text}
        spellCheck={false}
        aria-invalid={mine.length > 0 ? true : undefined}
        aria-describedby={describedBy(hint, hintId, mine, issueId)}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </Frame>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField({ label, path, issues, hint, deep, className, value, onChange, choices }: FieldBase & { value: string; onChange: (v: string) => void; choices: readonly Choice[] }) {
  const { id, mine, hintId, issueId } = useFieldIssues(issues, path, deep);
  // A value the draft names but the choices lack (an unknown id) stays visible, so the problem beside it makes sense.
  const all = choices.some((c) => c.value === value) ? choices : [{ value, label: value || '—' }, ...choices];
  return (
    <Frame id={id} label={label} hint={hint} hintId={hintId} mine={mine} issueId={issueId} className={className}>
      <select id={id} value={value} aria-invalid={mine.length > 0 ? true : undefined} aria-describedby={describedBy(hint, hintId, mine, issueId)} onChange={(e) => onChange(e.target.value)}>
        {all.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/**
 * A set of ids where "none ticked" means "any" (the key is left out of the pack): segments of a touch assignment,
 * the stages, bands and touch models of a playbook rule.
 */
export function IdSetField({ legend, path, issues, choices, value, onChange, noneText }: { legend: string; path: string; issues: readonly ParseError[]; choices: readonly Choice[]; value: readonly string[] | undefined; onChange: (v: string[] | undefined) => void; noneText?: string }) {
  const { t } = useT();
  const id = useId();
  const mine = issuesUnder(issues, path);
  const selected = new Set(value ?? []);
  // Ids the draft names that no longer exist stay listed (and flagged) until they are unticked.
  const all = [...choices, ...[...selected].filter((v) => !choices.some((c) => c.value === v)).map((v) => ({ value: v, label: v }))];
  const toggle = (v: string, on: boolean) => {
    const next = all.map((c) => c.value).filter((x) => (x === v ? on : selected.has(x)));
    onChange(next.length === 0 ? undefined : next);
  };
  return (
    <fieldset className="ed-set" aria-describedby={[`${id}-hint`, mine.length > 0 ? `${id}-issues` : ''].filter(Boolean).join(' ')}>
      <legend>{legend}</legend>
      <div className="ed-set__items">
        {all.map((c) => (
          <label key={c.value} className="inline-check">
            <input type="checkbox" checked={selected.has(c.value)} onChange={(e) => toggle(c.value, e.target.checked)} />
            {c.label}
          </label>
        ))}
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {selected.size === 0 ? (noneText ?? t('sec.set.any')) : t('sec.set.some', { count: selected.size })}
      </p>
      <IssueList id={`${id}-issues`} issues={mine} />
    </fieldset>
  );
}

/** Move up, move down and remove for one item of a list; `name` says which item, for screen readers. */
export type Edit = ReturnType<typeof useEdit>;

/**
 * Move up, move down and remove for item `index` of the list `list(draft)` returns, each one undoable
 * step named in the UI language. Remove shows while the list has more than `keep` items (the
 * schema's minimum); `after` runs with each move or removal (maturity renumbers its levels);
 * `onMoved` follows the item to its new place (a section that keeps one item open).
 */
export function ItemTools({ edit, list, name, index, count, keep = 0, removeNote, after, onMoved }: {
  edit: Edit;
  list: (draft: ConfigPack) => unknown[];
  name: string;
  index: number;
  count: number;
  keep?: number;
  removeNote?: string;
  after?: (draft: ConfigPack) => void;
  onMoved?: (to: number) => void;
}) {
  const { t } = useT();
  const onMove = (to: number) => {
    edit(t('sec.what.move', { item: name }), (d) => {
      const items = list(d);
      items.splice(0, items.length, ...moveItem(items, index, to));
      after?.(d);
    });
    onMoved?.(to);
  };
  const onRemove =
    count > keep
      ? () =>
          edit(t('sec.what.remove', { item: name }), (d) => {
            list(d).splice(index, 1);
            after?.(d);
          })
      : undefined;
  return (
    <div className="ed-tools">
      <button type="button" className="btn btn--ghost" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={t('sec.item.up', { name })}>
        ↑
      </button>
      <button type="button" className="btn btn--ghost" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={t('sec.item.down', { name })}>
        ↓
      </button>
      {onRemove ? (
        <button type="button" className="btn btn--ghost ed-remove" onClick={onRemove} aria-label={t('sec.item.remove', { name })} title={removeNote}>
          {t('sec.item.removeShort')}
        </button>
      ) : null}
    </div>
  );
}

// List edits are lib/editor/edit.ts's, shared with the other sections.
export { freshId } from '../../../../lib/editor/edit';

/** The problems at an item itself or under it that none of its fields show: listed once under the item. */
export function ItemIssues({ path, issues, shown }: { path: string; issues: readonly ParseError[]; shown: readonly string[] }) {
  const id = useId();
  const rest = issuesUnder(issues, path).filter((i) => !shown.some((p) => isUnder(i.path, p)));
  return <IssueList id={id} issues={rest} />;
}
