// What the engine says about a pack it refuses: a key with parameters, never words. The words,
// in Japanese and English, live in the one error catalogue (lib/i18n/errors.ts), which must give
// every key here (a type check) and is walked by its test; the background renders them in the
// user's language where it answers the options page or stores a problem.

/** Every key parseConfigPack can raise, with the parameters its words use. */
export const PACK_ERROR_KEYS = [
  // The file and its schemaVersion (parse.ts)
  'pack.not-object', // {got}
  'pack.unreadable', // {detail}
  'pack.schema-version.missing', // {current}
  'pack.schema-version.newer', // {version, current}
  'pack.schema-version.unsupported', // {version, current}
  // Shapes zod checks (parse.ts explain, schema.ts)
  'pack.missing', // {expected}
  'pack.wrong-type', // {expected, got}
  'pack.one-of', // {values}
  'pack.missing-one-of', // {values}
  'pack.unknown-keys', // {keys}
  'pack.unknown-kind', // {kind}
  'pack.no-shape',
  'pack.too-small.array', // {minimum}
  'pack.too-small.string',
  'pack.too-small', // {minimum}
  'pack.not-above', // {minimum}
  'pack.too-big', // {maximum}
  'pack.not-below', // {maximum}
  'pack.id-format',
  'pack.text-locale',
  'pack.not-allowed',
  // Cross-references and meaning (validate.ts)
  'pack.duplicate-id', // {what, id}
  'pack.unknown-ref', // {what, id, where, known}
  'pack.locales.default', // {locale}
  'pack.condition.value', // {op}
  'pack.condition.date', // {id}
  'pack.condition.boolean', // {id}
  'pack.condition.number', // {id}
  'pack.merge-field', // {field}
  'pack.scoring.boolean', // {id}
  'pack.scoring.date', // {id}
  'pack.scoring.numeric', // {id}
  'pack.scoring.points-order',
  'pack.scoring.points-rise', // {id}
  'pack.scoring.points-fall', // {id}
  'pack.scoring.steps-order',
  'pack.scoring.steps-rise', // {id}
  'pack.scoring.steps-fall', // {id}
  'pack.scoring.when-true-rise', // {id}
  'pack.scoring.when-true-fall', // {id}
  'pack.computed.from-date', // {id}
  'pack.computed.type',
  'pack.rating.source',
  'pack.rating.points',
  'pack.rating.type',
  'pack.band.reserved', // {id}
  'pack.band.worst-min',
  'pack.band.order',
  'pack.segment.scored-twice', // {segment, scorecard}
  'pack.segment.unscored', // {segment}
  'pack.measure.twice', // {signal}
  'pack.weights.zero',
  'pack.level.twice', // {level}
  'pack.level.order', // {expected}
  'pack.renewal.signal',
  'pack.template.subject',
  'pack.maturity.swap',
] as const;

export type PackErrorKey = (typeof PACK_ERROR_KEYS)[number];

const keys: ReadonlySet<string> = new Set(PACK_ERROR_KEYS);
export function isPackErrorKey(value: unknown): value is PackErrorKey {
  return typeof value === 'string' && keys.has(value);
}

/**
 * Words a pack error names (`what`, `expected`, `got`): a thing in the pack, or a JSON type.
 * They are codes too; the catalogue gives each one in both languages.
 */
export const PACK_WORDS = [
  'signal', 'segment', 'band', 'role', 'stage', 'scorecard', 'level', 'criterion', 'touch model', 'template', 'playbook rule',
  'number', 'int', 'fraction', 'string', 'boolean', 'object', 'array', 'null', 'undefined',
] as const;
export type PackWord = (typeof PACK_WORDS)[number];
