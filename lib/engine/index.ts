// The engine's public surface. Pure TypeScript: no React, WXT or DOM.
export { parseConfigPack } from './parse.ts';
export { isPackErrorKey, PACK_ERROR_KEYS } from './pack-errors.ts';
export type { PackErrorKey, PackWord } from './pack-errors.ts';
export { defaultConfigPack } from './default-pack/index.ts';
export { evaluateAccount, createEvaluator } from './evaluate.ts';
export { renderTemplate, templatesFor, resolveTemplate } from './templates.ts';
export type { RenderResult, ResolvedTemplate, MergeContext } from './templates.ts';
export { MERGE_FIELDS, isMergeField, placeholder } from './merge-fields.ts';
export type { MergeField } from './merge-fields.ts';
export { ratingSignals, signalIdsForCrm, csvColumns, associationSignals, mergeContextFor } from './helpers.ts';
export type { RatingSignal, MergeBase } from './helpers.ts';
export { CURRENT_SCHEMA_VERSION, ConfigPackSchema } from './schema.ts';
export type {
  AccountInput,
  ActionMatch,
  Condition,
  ConfigPack,
  CriterionResult,
  Driver,
  Evaluation,
  Health,
  HealthChanges,
  LevelResult,
  Locale,
  LocalText,
  Localized,
  Maturity,
  MeasureChange,
  MeasureResult,
  NextAction,
  OverrideState,
  ParseError,
  ParseResult,
  Priority,
  RuleHit,
  SignalDef,
  SignalSource,
  SignalValue,
  StaleInput,
  Template,
  TemplateKind,
} from './types.ts';
