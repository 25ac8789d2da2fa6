import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createI18n, type I18n, type Locale } from '../lib/i18n/index';

// Language is context, not data: every component reads it, none fetches it.
const I18nContext = createContext<I18n>(createI18n('en'));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => createI18n(locale), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
