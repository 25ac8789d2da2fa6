import type { Locale, Localized, LocalText } from './types.ts';

export function pickText(text: Localized, locale: Locale, fallback: Locale): string {
  return text[locale] ?? text[fallback] ?? text.ja ?? text.en ?? '';
}

export function localText(text: Localized, fallback: Locale): LocalText {
  return { ja: pickText(text, 'ja', fallback), en: pickText(text, 'en', fallback) };
}
