import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createI18n, interpolate, type LocalText, type Locale, type Vars } from '../../lib/i18n/index';
import { optionsEn, type OptionsKey } from '../../lib/i18n/options-en';
import { optionsJa } from '../../lib/i18n/options-ja';

// The options page keeps its own dictionaries (lib/i18n/options-*.ts) beside the
// sidebar's, and borrows only the shared formatting (dates, numbers, pack text).

export interface OptionsI18n {
  locale: Locale;
  t: (key: OptionsKey, vars?: Vars) => string;
  text: (value: LocalText | undefined) => string;
  dateTime: (iso: string | undefined) => string;
  number: (n: number) => string;
}

const catalogs = { en: optionsEn, ja: optionsJa } as const;

export function createOptionsI18n(locale: Locale): OptionsI18n {
  const base = createI18n(locale);
  const full = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' });
  return {
    locale,
    t: (key, vars) => interpolate(catalogs[locale][key], vars),
    text: base.text,
    dateTime: (iso) => {
      if (!iso) return '';
      const ms = Date.parse(iso);
      return Number.isNaN(ms) ? iso : full.format(ms);
    },
    number: base.number,
  };
}

const Ctx = createContext<OptionsI18n>(createOptionsI18n('en'));

export function OptionsI18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => createOptionsI18n(locale), [locale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useT(): OptionsI18n {
  return useContext(Ctx);
}
