import type { z } from 'zod';
import { MIGRATIONS } from './migrations.ts';
import { ConfigPackSchema, CURRENT_SCHEMA_VERSION } from './schema.ts';
import type { ParseError, ParseResult } from './types.ts';
import { validatePack } from './validate.ts';

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

// zod's own messages say what is wrong; these also say what to do about it.
function explain(issue: z.core.$ZodIssue, root: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const got = valueAt(root, issue.path);
      if (got === undefined) return `Missing: add a ${issue.expected} here.`;
      return `Expected a ${issue.expected}, got ${typeName(got)}: change this value to a ${issue.expected}.`;
    }
    case 'invalid_value':
      return `Use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'unrecognized_keys':
      return `Remove or rename the unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling against lib/engine/README.md).`;
    case 'invalid_union': {
      const got = valueAt(root, issue.path);
      const kind = got && typeof got === 'object' ? (got as Record<string, unknown>)['kind'] : undefined;
      return kind !== undefined
        ? `Unknown kind ${JSON.stringify(kind)}: check the allowed kinds in lib/engine/README.md.`
        : 'This value matches none of the allowed shapes: check lib/engine/README.md.';
    }
    case 'too_small':
      if (issue.origin === 'array') return `Add at least ${String(issue.minimum)} item(s) here.`;
      if (issue.origin === 'string') return 'Give a non-empty text here.';
      return `Use a value of at least ${String(issue.minimum)}.`;
    case 'too_big':
      return `Use a value of at most ${String(issue.maximum)}.`;
    case 'invalid_format':
      return `${issue.message}`;
    default:
      return issue.message;
  }
}

function zodErrors(error: z.ZodError, root: unknown, prefix = ''): ParseError[] {
  return error.issues.map((issue) => ({ path: prefix + formatPath(issue.path), message: explain(issue, root) }));
}

/** Validates a pack, migrating it from an older schemaVersion first. Never throws on bad input. */
export function parseConfigPack(json: unknown): ParseResult {
  try {
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      return { ok: false, errors: [{ path: '(root)', message: `Expected a JSON object for the pack, got ${typeName(json)}.` }] };
    }
    let doc: unknown = json;
    const declared = (json as Record<string, unknown>)['schemaVersion'];
    if (typeof declared !== 'number' || !Number.isInteger(declared)) {
      return { ok: false, errors: [{ path: 'schemaVersion', message: `Add "schemaVersion": ${CURRENT_SCHEMA_VERSION} (an integer).` }] };
    }
    let version: number = declared;
    if (version > CURRENT_SCHEMA_VERSION) {
      return {
        ok: false,
        errors: [{ path: 'schemaVersion', message: `This pack uses schemaVersion ${version}; this Sidecar reads up to ${CURRENT_SCHEMA_VERSION}. Update Sidecar or export the pack in an older version.` }],
      };
    }
    while (version < CURRENT_SCHEMA_VERSION) {
      const step = MIGRATIONS.find((m) => m.from === version);
      if (!step) {
        return { ok: false, errors: [{ path: 'schemaVersion', message: `schemaVersion ${String(version)} is not supported; use 1 or ${CURRENT_SCHEMA_VERSION}.` }] };
      }
      const old = step.schema.safeParse(doc);
      if (!old.success) {
        return { ok: false, errors: zodErrors(old.error, doc).map((e) => ({ ...e, message: `(schemaVersion ${String(version)}) ${e.message}` })) };
      }
      doc = step.migrate(old.data as never);
      version = version + 1;
    }
    const parsed = ConfigPackSchema.safeParse(doc);
    if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error, doc) };
    const errors = validatePack(parsed.data);
    return errors.length > 0 ? { ok: false, errors } : { ok: true, pack: parsed.data };
  } catch (e) {
    // Only a hostile input (a throwing getter, say) lands here; still no throw.
    return { ok: false, errors: [{ path: '(root)', message: `The pack could not be read (${e instanceof Error ? e.message : String(e)}); export it again as plain JSON.` }] };
  }
}
