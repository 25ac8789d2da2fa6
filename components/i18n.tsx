import { createContext, useContext, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { createI18n, hasCatalog, loadCatalog, type I18n, type Locale } from '../lib/i18n/index';

// Language is context, not data: every component reads it, none fetches it.
const I18nContext = createContext<I18n>(createI18n('en'));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => createI18n(locale), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/**
 * The language on screen: the wanted one once its strings have loaded (the one before meanwhile;
 * null before any has). Sets <html lang>, in a layout effect: it picks the CJK glyphs, so it must
 * change in the same frame as the text.
 */
export function useLoadedLocale(wanted: Locale): Locale | null {
  const [locale, setLocale] = useState<Locale | null>(() => (hasCatalog(wanted) ? wanted : null));
  useEffect(() => {
    let live = true;
    void loadCatalog(wanted).then(() => live && setLocale(wanted));
    return () => {
      live = false;
    };
  }, [wanted]);
  useLayoutEffect(() => {
    if (locale) document.documentElement.lang = locale;
  }, [locale]);
  return locale;
}
