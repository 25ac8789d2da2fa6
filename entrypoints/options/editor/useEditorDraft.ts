import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { canRedo, canUndo, record, redo, redoWhat, seal, startHistory, undo, undoWhat, type History } from '../../../lib/editor/history';
import { draftFromJson, draftJson, draftProblems } from '../../../lib/editor/model';
import { discardPackDraft, loadPackDraft, savePackDraft, type PackDraft } from '../../../lib/db/pack-drafts';
import type { SidecarDb } from '../../../lib/db/schema';
import type { ConfigPack, ParseError } from '../../../lib/engine/types';

// The editor's state: the undo history of whole drafts, kept in sync with the JSON tab's text both
// ways, saved to the options page's IndexedDB as CS Ops edits (debounced), and the saved draft
// offered back when the editor opens. Nothing here installs.

const SAVE_AFTER_MS = 400;

export interface EditorDraftOptions {
  db: SidecarDb;
  /** The JSON tab's text. */
  json: string;
  /** A structured edit rewrites the JSON tab. */
  onJson: (json: string) => void;
  /** The installed pack's JSON and what it is, for "started from" and to know when the draft is no change at all. */
  installedJson: string | undefined;
  base: PackDraft['base'] | null;
  tab: string;
  /** Changes when another pack is installed (or reset): the history starts again from it. */
  baseKey: string;
}

/** `pending`: an edit is waiting to be saved (the page says so, so nobody closes it thinking the draft is kept). */
export type SaveState = { kind: 'idle' } | { kind: 'pending' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

/** The key of the field being typed in: keystrokes in one text field coalesce into one undo step. */
function typingKey(): string | null {
  const el = document.activeElement;
  if (el instanceof HTMLTextAreaElement) return el.id || null;
  if (el instanceof HTMLInputElement && (el.type === 'text' || el.type === 'search' || el.type === '')) return el.id || null;
  return null;
}

export function useEditorDraft(o: EditorDraftOptions) {
  const [history, setHistory] = useState<History<ConfigPack> | null>(null);
  /** The draft saved earlier, until CS Ops takes it up, discards it or edits over it. */
  const [saved, setSaved] = useState<PackDraft | null>(null);
  const [jsonInvalid, setJsonInvalid] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  /** The JSON this hook last wrote to, or read from, the JSON tab: its echo is no edit. */
  const synced = useRef<string | null>(null);
  /**
   * What changed the draft last: the JSON tab (never written back over what is being typed there,
   * even when keystrokes outrun renders), or the editor itself (an edit, undo, redo: the JSON follows).
   */
  const cause = useRef<'tab' | 'editor'>('editor');
  const dirty = useRef(false);
  // The installed pack as the editor writes it (parsing puts keys in the schema's order): "no change" compares like with like.
  const installed = useMemo(() => {
    if (o.installedJson === undefined) return undefined;
    const r = draftFromJson(o.installedJson);
    return r.ok ? draftJson(r.draft) : o.installedJson;
  }, [o.installedJson]);
  const opts = useRef({ ...o, installed });
  opts.current = { ...o, installed };

  // Another pack installed: its steps belong to the pack it replaced, so the history starts again.
  const lastBase = useRef(o.baseKey);
  useEffect(() => {
    if (lastBase.current === o.baseKey) return;
    lastBase.current = o.baseKey;
    synced.current = null;
    dirty.current = false;
    setHistory(null);
    setSave({ kind: 'idle' });
  }, [o.baseKey]);

  // The JSON tab → the structured draft: a valid pack replaces it (one undo step); anything else leaves it.
  useEffect(() => {
    if (o.json === synced.current) return;
    const r = o.json.trim() ? draftFromJson(o.json) : null;
    if (!r) return;
    if (!r.ok) {
      setJsonInvalid(true);
      return;
    }
    setJsonInvalid(false);
    synced.current = o.json;
    cause.current = 'tab';
    setHistory((h) => {
      if (!h) return startHistory(r.draft);
      if (draftJson(h.present) === draftJson(r.draft)) return h;
      dirty.current = true;
      return record(h, r.draft, 'JSON', 'json');
    });
  }, [o.json, o.baseKey]);

  // The structured draft → the JSON tab, whenever it changes here (an edit, undo, redo, a new map).
  const present = history?.present;
  useEffect(() => {
    if (!present) return;
    if (cause.current === 'tab') return;
    const out = draftJson(present);
    if (out === opts.current.json) return;
    synced.current = out;
    setJsonInvalid(false);
    opts.current.onJson(out);
  }, [present]);

  // The saved draft is read once, when the editor opens.
  useEffect(() => {
    let live = true;
    void loadPackDraft(o.db).then((row) => {
      if (live && row) setSaved(row);
    });
    return () => {
      live = false;
    };
  }, [o.db]);
  // It is offered once the installed pack is in the editor, and only if it says something that pack does not.
  const savedJson = useMemo(() => {
    if (!saved) return null;
    const text = draftJson(saved.pack as ConfigPack);
    const r = draftFromJson(text);
    return r.ok ? draftJson(r.draft) : text;
  }, [saved]);
  const offer = saved && history && installed !== undefined && savedJson !== installed ? saved : null;

  // Saved as CS Ops edits, a moment after the last change; back to the installed pack, the draft goes.
  useEffect(() => {
    if (!present || !dirty.current) return;
    setSave({ kind: 'pending' });
    const timer = setTimeout(() => {
      const { db, installed: base0, base, tab } = opts.current;
      const same = base0 !== undefined && draftJson(present) === base0;
      const at = new Date().toISOString();
      const done = same ? discardPackDraft(db) : savePackDraft(db, { pack: present, base: base ?? { packId: present.id, version: present.version }, savedAt: at, tab });
      done.then(
        () => setSave(same ? { kind: 'idle' } : { kind: 'saved', at }),
        (e: unknown) => setSave({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [present]);

  const change = useCallback((next: ConfigPack, what: string) => {
    dirty.current = true;
    cause.current = 'editor';
    // An edit before the saved draft was taken up starts over: the new draft replaces the saved one.
    setSaved(null);
    setHistory((h) => (h ? record(h, next, what, typingKey()) : startHistory(next)));
  }, []);

  const problems: ParseError[] = useMemo(() => (present ? draftProblems(present) : []), [present]);

  return {
    draft: present ?? null,
    problems,
    change,
    jsonInvalid,
    save,
    offer,
    canUndo: !!history && canUndo(history),
    canRedo: !!history && canRedo(history),
    undoWhat: history ? undoWhat(history) : null,
    redoWhat: history ? redoWhat(history) : null,
    undo: () => {
      dirty.current = true;
      cause.current = 'editor';
      setHistory((h) => (h ? undo(h) : h));
    },
    redo: () => {
      dirty.current = true;
      cause.current = 'editor';
      setHistory((h) => (h ? redo(h) : h));
    },
    seal: () => setHistory((h) => (h ? seal(h) : h)),
    takeOffer: () => {
      if (!offer) return;
      dirty.current = true;
      cause.current = 'editor';
      const pack = offer.pack as ConfigPack;
      setSaved(null);
      setHistory((h) => (h ? record(h, pack, 'draft') : startHistory(pack)));
    },
    dropOffer: () => {
      setSaved(null);
      void discardPackDraft(o.db);
    },
  };
}
