import type { z } from 'zod';
import { MIGRATIONS } from './migrations.ts';
import { isPackErrorKey } from './pack-errors.ts';
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

type Raised = Pick<ParseError, 'key' | 'params'>;

// zod's own messages are English and say only what is wrong: each issue becomes a key whose
// words (both languages, lib/i18n/errors.ts) also say what to do about it.
function explain(issue: z.core.$ZodIssue, root: unknown): Raised {
  switch (issue.code) {
    case 'invalid_type': {
      const got = valueAt(root, issue.path);
      if (got === undefined) return { key: 'pack.missing', params: { expected: issue.expected } };
      const fraction = issue.expected === 'int' && typeof got === 'number';
      return { key: 'pack.wrong-type', params: { expected: issue.expected, got: fraction ? 'fraction' : typeName(got) } };
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return { key: valueAt(root, issue.path) === undefined ? 'pack.missing-one-of' : 'pack.one-of', params: { values } };
    }
    case 'unrecognized_keys':
      return { key: 'pack.unknown-keys', params: { keys: issue.keys.map((k) => `"${k}"`).join(', ') } };
    case 'invalid_union': {
      // A discriminated union names the discriminator's own path; a plain union, the object's.
      const got = valueAt(root, issue.path);
      const kind = got && typeof got === 'object' ? (got as Record<string, unknown>)['kind'] : issue.path.at(-1) === 'kind' ? got : undefined;
      return kind !== undefined ? { key: 'pack.unknown-kind', params: { kind: JSON.stringify(kind) } } : { key: 'pack.no-shape' };
    }
    case 'too_small':
      if (issue.origin === 'array') return { key: 'pack.too-small.array', params: { minimum: String(issue.minimum) } };
      if (issue.origin === 'string') return { key: 'pack.too-small.string' };
      return { key: issue.inclusive === false ? 'pack.not-above' : 'pack.too-small', params: { minimum: String(issue.minimum) } };
    case 'too_big':
      return { key: issue.inclusive === false ? 'pack.not-below' : 'pack.too-big', params: { maximum: String(issue.maximum) } };
    default:
      // The schema's own checks (an id's format, a text in no locale) carry their key as the message.
      return { key: isPackErrorKey(issue.message) ? issue.message : 'pack.not-allowed' };
  }
}

function zodErrors(error: z.ZodError, root: unknown): ParseError[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), ...explain(issue, root) }));
}

/** Validates a pack, migrating it from an older schemaVersion first. Never throws on bad input. */
export function parseConfigPack(json: unknown): ParseResult {
  try {
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      return { ok: false, errors: [{ path: '(root)', key: 'pack.not-object', params: { got: typeName(json) } }] };
    }
    let doc: unknown = json;
    const declared = (json as Record<string, unknown>)['schemaVersion'];
    if (typeof declared !== 'number' || !Number.isInteger(declared)) {
      return { ok: false, errors: [{ path: 'schemaVersion', key: 'pack.schema-version.missing', params: { current: CURRENT_SCHEMA_VERSION } }] };
    }
    let version: number = declared;
    if (version > CURRENT_SCHEMA_VERSION) {
      return { ok: false, errors: [{ path: 'schemaVersion', key: 'pack.schema-version.newer', params: { version, current: CURRENT_SCHEMA_VERSION } }] };
    }
    while (version < CURRENT_SCHEMA_VERSION) {
      const step = MIGRATIONS.find((m) => m.from === version);
      if (!step) {
        return { ok: false, errors: [{ path: 'schemaVersion', key: 'pack.schema-version.unsupported', params: { version, current: CURRENT_SCHEMA_VERSION } }] };
      }
      const old = step.schema.safeParse(doc);
      if (!old.success) {
        return { ok: false, errors: zodErrors(old.error, doc).map((e) => ({ ...e, schemaVersion: version })) };
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
    return { ok: false, errors: [{ path: '(root)', key: 'pack.unreadable', params: { detail: (e instanceof Error ? e.message : String(e)).slice(0, 200) } }] };
  }
}
