import type { ParseError } from '../engine/types';

// The structured editor shows each problem of the draft beside the field it names.
// The engine names a problem by its path (`signals[2].label.ja`, formatPath in
// lib/engine/parse.ts); a section asks for the ones at or under its fields.

/** True when `path` is `prefix` itself or lies under it (`signals[2]` covers `signals[2].label.ja`, not `signals[20]`). */
export function isUnder(path: string, prefix: string): boolean {
  if (path === prefix) return true;
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length];
  return next === '.' || next === '[';
}

/** The problems at or under `prefix`, in the order the engine gave them. */
export function issuesUnder(issues: readonly ParseError[], prefix: string): ParseError[] {
  return issues.filter((i) => isUnder(i.path, prefix));
}
