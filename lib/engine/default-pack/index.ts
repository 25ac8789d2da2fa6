import { CURRENT_SCHEMA_VERSION } from '../schema.ts';
import type { ConfigPack, Locale } from '../types.ts';
import { playbook } from './playbook.ts';
import { defaultSignals } from './signals.ts';
import { bands, lifecycle, maturity, roles, scorecards, segments, touch } from './structure.ts';
import { templates } from './templates.ts';

/**
 * The shipped pack, built from the CS operations map. Both locales' text is included; `locale` picks the default
 * display locale and the currency of the ARR segments (JPY for 'ja', USD for 'en'). A fresh object each call, so a
 * caller may edit it.
 */
export function defaultConfigPack(locale: Locale): ConfigPack {
  const currency = locale === 'ja' ? 'JPY' : 'USD';
  const pack: ConfigPack = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: `sidecar-default-${locale}`,
    name: locale === 'ja' ? 'Sidecar 標準パック' : 'Sidecar default pack',
    version: '1.0.0',
    locales: { default: locale, available: ['ja', 'en'] },
    bands,
    roles,
    signals: defaultSignals(currency),
    segments: segments(currency),
    scorecards,
    maturity,
    touch,
    lifecycle,
    playbook,
    templates,
  } as ConfigPack;
  // structuredClone: the module-level pieces stay untouched if a caller edits the returned pack.
  return structuredClone(pack);
}
