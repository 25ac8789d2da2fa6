// The structured editor's model is the pack itself: a ConfigPack-shaped draft whose values may
// not pass the checks yet (a section proposes a whole new draft for each edit). What the editor
// adds around it is here: the copy it edits, its JSON (the "JSON (advanced)" tab, in sync both
// ways), and the draft's problems as parseConfigPack names them.
import { parseConfigPack } from '../engine/parse.ts';
import type { ConfigPack, ParseError } from '../engine/types.ts';
import type { PathErrorCode } from '../i18n/errors.ts';

/** The editor's own copy of a pack: edits never reach the pack it came from. */
export function toModel(pack: ConfigPack): ConfigPack {
  return structuredClone(pack);
}

/** The pack the draft describes (a plain copy: whether it is valid is `draftProblems`' question). */
export function fromModel(model: ConfigPack): ConfigPack {
  return structuredClone(model);
}

/** The draft as the JSON tab shows it and as install sends it. */
export function draftJson(draft: ConfigPack): string {
  return JSON.stringify(draft, null, 2);
}

/**
 * The draft's problems, as the check before install will find them. The draft goes through JSON
 * first, exactly as it is sent: a number field left blank (NaN) is then `null`, named at its path.
 */
export function draftProblems(draft: ConfigPack): ParseError[] {
  let raw: unknown;
  try {
    raw = JSON.parse(draftJson(draft));
  } catch {
    return [{ path: '(root)', key: 'pack.unreadable', params: { detail: 'not JSON' } }];
  }
  const r = parseConfigPack(raw);
  return r.ok ? [] : r.errors;
}

/**
 * JSON typed in the advanced tab, read back into the structured draft: only a valid pack (after
 * migration) replaces the draft; anything else leaves it as it was and the tab shows why.
 */
export function draftFromJson(text: string): { ok: true; draft: ConfigPack } | { ok: false; errors: PathErrorCode[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '(file)', key: 'pack.not-json', params: { detail: (e instanceof Error ? e.message : String(e)).slice(0, 200) } }] };
  }
  const r = parseConfigPack(raw);
  return r.ok ? { ok: true, draft: toModel(r.pack) } : { ok: false, errors: r.errors };
}
