// Undo and redo for the editor: a bounded list of whole drafts. Consecutive edits of the same
// field (one key: the field's path) are one step, so typing a label letter by letter undoes in
// one go; a different field, an explicit `seal` (the field lost focus) or an undo starts a new one.
// No clocks: the steps depend on what was edited, never on how fast.

export const HISTORY_LIMIT = 100;

export interface History<T> {
  readonly past: ReadonlyArray<{ state: T; what: string }>;
  readonly present: T;
  readonly future: ReadonlyArray<{ state: T; what: string }>;
  /** The key of the step still open to coalescing; null after a seal, an undo or a redo. */
  readonly openKey: string | null;
}

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], openKey: null };
}

/**
 * Record an edit. With the same `key` as the step still open, the edit joins that step (its
 * state before stays the one undo returns to). An edit that changes nothing is no step.
 */
export function record<T>(h: History<T>, next: T, what: string, key: string | null = null, limit = HISTORY_LIMIT): History<T> {
  if (Object.is(next, h.present)) return h;
  if (key !== null && key === h.openKey && h.past.length > 0) {
    return { ...h, present: next, future: [] };
  }
  const past = [...h.past, { state: h.present, what }];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [], openKey: key };
}

/** Close the open step: the next edit is a step of its own even on the same field. */
export function seal<T>(h: History<T>): History<T> {
  return h.openKey === null ? h : { ...h, openKey: null };
}

export function canUndo<T>(h: History<T>): boolean {
  return h.past.length > 0;
}

export function canRedo<T>(h: History<T>): boolean {
  return h.future.length > 0;
}

export function undo<T>(h: History<T>): History<T> {
  const last = h.past[h.past.length - 1];
  if (!last) return h;
  return {
    past: h.past.slice(0, -1),
    present: last.state,
    future: [{ state: h.present, what: last.what }, ...h.future],
    openKey: null,
  };
}

export function redo<T>(h: History<T>): History<T> {
  const next = h.future[0];
  if (!next) return h;
  return { past: [...h.past, { state: h.present, what: next.what }], present: next.state, future: h.future.slice(1), openKey: null };
}

/** The name of the step undo would take back, and the one redo would bring back. */
export function undoWhat<T>(h: History<T>): string | null {
  return h.past[h.past.length - 1]?.what ?? null;
}

export function redoWhat<T>(h: History<T>): string | null {
  return h.future[0]?.what ?? null;
}
