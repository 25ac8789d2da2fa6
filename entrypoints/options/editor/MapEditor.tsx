import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { isUnder } from '../../../lib/editor/issues';
import { emptySkeleton, newFromDefault } from '../../../lib/editor/skeleton';
import type { SidecarDb } from '../../../lib/db/schema';
import type { PackDraft } from '../../../lib/db/pack-drafts';
import type { ParseError } from '../../../lib/engine/types';
import { pathErrorText } from '../../../lib/i18n/errors';
import { useT } from '../i18n';
import { Button } from '../ui';
import { TextField } from './sections/fields';
import { EDITOR_SECTIONS } from './sections/index';
import { useEditorDraft } from './useEditorDraft';
import './editor.css';

// The map editor (issue 19): the pack edited section by section, without JSON. One draft, kept in
// sync with the JSON tab both ways, undoable, saved as you edit, checked as you type (each problem
// beside its field and all of them at the top), and installed only through the check → impact →
// install flow of the pack section.

export interface MapEditorProps {
  db: SidecarDb;
  /** The JSON tab's text (the pack section's draft). */
  json: string;
  onJson: (json: string) => void;
  installedJson: string | undefined;
  base: PackDraft['base'] | null;
  /** Changes when another pack is installed or the pack is reset: the editor starts again from it. */
  baseKey: string;
  /** The JSON (advanced) tab: the pack section's JSON editor. */
  jsonTab: ReactNode;
  /** Why nothing can be installed here (policy or the pack URL governs): the editor works on a draft. */
  locked?: string | undefined;
  /** Check the draft and, when it passes, show its impact before installing. */
  onInstall: () => void;
  busy: boolean;
  /** The draft was just installed. */
  installedNow?: boolean;
}

const JSON_TAB = 'json';

/** The tab a problem belongs to: the first section whose paths cover it; none means the map's own fields. */
function tabOf(path: string): string | null {
  return EDITOR_SECTIONS.find((s) => s.paths.some((p) => isUnder(path, p)))?.id ?? null;
}

export function MapEditor(p: MapEditorProps) {
  const { t, locale, dateTime } = useT();
  const [tab, setTab] = useState<string>(EDITOR_SECTIONS[0]?.id ?? JSON_TAB);
  const ed = useEditorDraft({ db: p.db, json: p.json, onJson: p.onJson, installedJson: p.installedJson, base: p.base, tab, baseKey: p.baseKey });
  const draft = ed.draft;
  const problems = ed.problems;
  const tabs = [...EDITOR_SECTIONS.map((s) => ({ id: s.id, label: t(s.label), count: problems.filter((e) => tabOf(e.path) === s.id).length })), { id: JSON_TAB, label: t('editor.tab.json'), count: 0 }];
  const active = EDITOR_SECTIONS.find((s) => s.id === tab);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    // The JSON tab's own text area keeps the browser's undo for what is typed there.
    if ((e.target as HTMLElement).id === 'pack-json') return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) {
      e.preventDefault();
      ed.undo();
    } else if ((k === 'z' && e.shiftKey) || k === 'y') {
      e.preventDefault();
      ed.redo();
    }
  };

  const installWhy = p.locked ?? (problems.length > 0 ? t('editor.installBlocked', { count: problems.length }) : ed.jsonInvalid ? t('editor.jsonInvalid') : '');
  const goTo = (e: ParseError) => setTab(tabOf(e.path) ?? tab);

  return (
    <div className="card map-editor" role="group" aria-labelledby="map-editor-title" onKeyDown={onKeyDown} onBlur={ed.seal} data-testid="map-editor">
      <div className="card__head">
        <h3 id="map-editor-title">{t('editor.title')}</h3>
        <div className="actions">
          <Button variant="ghost" onClick={ed.undo} disabled={!ed.canUndo} title={ed.undoWhat ? t('editor.undoWhat', { what: ed.undoWhat }) : undefined} aria-keyshortcuts="Control+Z Meta+Z">
            {t('editor.undo')}
          </Button>
          <Button variant="ghost" onClick={ed.redo} disabled={!ed.canRedo} title={ed.redoWhat ? t('editor.redoWhat', { what: ed.redoWhat }) : undefined} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z">
            {t('editor.redo')}
          </Button>
          <Button variant="ghost" onClick={() => ed.change(newFromDefault(locale), t('editor.newDefault'))}>
            {t('editor.newDefault')}
          </Button>
          <Button variant="ghost" onClick={() => ed.change(emptySkeleton(locale), t('editor.newEmpty'))}>
            {t('editor.newEmpty')}
          </Button>
        </div>
      </div>
      <p className="muted small">{t('editor.intro')}</p>
      {ed.offer ? (
        <div className="alert alert--info map-editor__offer" role="status">
          <p>{t('editor.offer', { at: dateTime(ed.offer.savedAt), name: ed.offer.base.packId, version: ed.offer.base.version })}</p>
          <div className="actions">
            <Button variant="primary" onClick={ed.takeOffer}>
              {t('editor.offerTake')}
            </Button>
            <Button variant="ghost" onClick={ed.dropOffer}>
              {t('editor.offerDrop')}
            </Button>
          </div>
        </div>
      ) : null}
      {p.locked ? <p className="alert alert--warn">{t('editor.lockedDraft', { why: p.locked })}</p> : null}
      <p className="muted small" aria-live="polite" data-testid="editor-save" data-state={ed.save.kind}>
        {ed.save.kind === 'saved' ? t('editor.saved', { at: dateTime(ed.save.at) }) : ed.save.kind === 'pending' ? t('editor.saving') : ed.save.kind === 'failed' ? t('editor.saveFailed', { message: ed.save.message }) : ''}
      </p>

      {problems.length > 0 ? (
        <div className="alert alert--bad map-editor__problems" data-testid="editor-problems">
          <p id="editor-problems-title">
            <strong>{t('editor.problems', { count: problems.length })}</strong>
          </p>
          <ul aria-labelledby="editor-problems-title">
            {problems.slice(0, 50).map((e, i) => (
              <li key={`${e.path}-${i}`}>
                <button type="button" className="linklike" onClick={() => goTo(e)}>
                  <code>{e.path}</code>
                </button>{' '}
                {pathErrorText(e, locale)}
              </li>
            ))}
          </ul>
        </div>
      ) : draft ? (
        <p className="alert alert--ok" role="status" data-testid="editor-valid">
          {t('editor.valid')}
        </p>
      ) : null}

      {draft ? (
        // The map's own name and version: what the sidebar's top bar, the versions list and the impact review call it.
        <div className="ed-grid map-editor__map" data-testid="editor-map">
          <TextField label={t('editor.mapName')} path="name" issues={problems} value={draft.name} hint={t('editor.mapNameHint')} onChange={(v) => ed.change({ ...draft, name: v }, t('editor.mapName'))} />
          <TextField label={t('editor.mapVersion')} path="version" issues={problems} value={draft.version} hint={t('editor.mapVersionHint')} onChange={(v) => ed.change({ ...draft, version: v }, t('editor.mapVersion'))} />
        </div>
      ) : null}
      <div className="map-editor__tabs" role="tablist" aria-label={t('editor.tabs')}>
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            id={`editor-tab-${x.id}`}
            aria-selected={x.id === tab}
            aria-controls={`editor-panel-${x.id}`}
            tabIndex={x.id === tab ? 0 : -1}
            className={`map-editor__tab${x.id === tab ? ' is-active' : ''}`}
            onClick={() => setTab(x.id)}
            onKeyDown={(e) => {
              const i = tabs.findIndex((y) => y.id === x.id);
              const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : null;
              if (next) {
                e.preventDefault();
                setTab(next.id);
                document.getElementById(`editor-tab-${next.id}`)?.focus();
              }
            }}
          >
            {x.label}
            {x.count > 0 ? (
              <span className="map-editor__count" aria-label={t('editor.tabProblems', { count: x.count })}>
                {x.count}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`editor-panel-${tab}`} aria-labelledby={`editor-tab-${tab}`} className="map-editor__panel" data-testid={`editor-panel-${tab}`}>
        {tab === JSON_TAB ? (
          p.jsonTab
        ) : !draft ? (
          <p className="muted">{t('editor.loading')}</p>
        ) : active ? (
          <>
            {ed.jsonInvalid ? <p className="alert alert--warn">{t('editor.jsonInvalid')}</p> : null}
            <active.Component draft={draft} change={ed.change} issues={problems} locale={locale} />
          </>
        ) : null}
      </div>

      <div className="actions map-editor__install">
        <Button variant="primary" onClick={p.onInstall} busy={p.busy} disabled={!draft || !!installWhy} aria-describedby="editor-install-why">
          {t('editor.install')}
        </Button>
        <span className="muted small" id="editor-install-why" data-testid="editor-install-why">
          {installWhy || t('editor.installNext')}
        </span>
      </div>
      {p.installedNow && tab !== JSON_TAB ? (
        // The JSON tab says so itself.
        <div className="alert alert--ok" role="status" data-testid="editor-installed">
          {t('pack.installedNow')}
        </div>
      ) : null}
    </div>
  );
}
