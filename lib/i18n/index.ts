import type { MessageKey, Messages } from './en';

export type Locale = 'ja' | 'en';
export type LocaleSetting = 'auto' | Locale;
export type { MessageKey };
/** Pack-provided text, every locale filled by the background. */
export interface LocalText {
  ja: string;
  en: string;
}
export type Vars = Record<string, string | number>;

// Each language is its own chunk, loaded on demand: the sidebar ships only the one it shows,
// which keeps it inside its bundle budget.
const catalogs: Partial<Record<Locale, Messages>> = {};

export function registerCatalog(locale: Locale, messages: Messages): void {
  catalogs[locale] = messages;
}

export function hasCatalog(locale: Locale): boolean {
  return catalogs[locale] !== undefined;
}

export async function loadCatalog(locale: Locale): Promise<void> {
  if (catalogs[locale]) return;
  catalogs[locale] = locale === 'ja' ? (await import('./ja')).ja : (await import('./en')).en;
}

/** 'auto' follows the browser: Japanese for any ja-* language, English otherwise. */
export function resolveLocale(setting: LocaleSetting | undefined, browserLanguage: string | undefined): Locale {
  if (setting === 'ja' || setting === 'en') return setting;
  return (browserLanguage ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Fills {name} placeholders; an unknown placeholder stays visible rather than becoming "undefined". */
export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : m));
}

/** Before its catalog has loaded, a key reads as itself: visible, never "undefined". */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const catalog = catalogs[locale];
  return interpolate(catalog ? catalog[key] : key, vars);
}

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, vars?: Vars) => string;
  /** Picks a pack text in the UI locale. */
  text: (value: LocalText | undefined) => string;
  date: (iso: string | undefined) => string;
  dateTime: (iso: string | undefined) => string;
  /** How long ago, in words. */
  age: (iso: string, now?: number) => string;
  number: (n: number) => string;
}

// Building an Intl formatter costs far more than using one (the first, cold, costs milliseconds),
// and the sidebar's first paint formats a handful of values: build each on first use, once.
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
const bcp47 = (locale: Locale) => (locale === 'ja' ? 'ja-JP' : 'en-US');

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions) {
  const f = once(() => new Intl.DateTimeFormat(bcp47(locale), options));
  return (iso: string | undefined) => {
    if (!iso) return '';
    // Date-only strings (YYYY-MM-DD) are calendar days: read them as local midnight, not UTC.
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00`).getTime() : Date.parse(iso);
    return Number.isNaN(ms) ? iso : f().format(ms);
  };
}

export function createI18n(locale: Locale): I18n {
  const nf = once(() => new Intl.NumberFormat(bcp47(locale), { maximumFractionDigits: 1 }));
  return {
    locale,
    t: (key, vars) => translate(locale, key, vars),
    text: (value) => (value ? value[locale] || value[locale === 'ja' ? 'en' : 'ja'] : ''),
    date: formatter(locale, { year: 'numeric', month: 'short', day: 'numeric' }),
    dateTime: formatter(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
    age: (iso: string, now = Date.now()) => relativeAge(locale, iso, now),
    number: (n) => nf().format(n),
  };
}


const AGE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['minute', 60_000],
  ['hour', 3_600_000],
  ['day', 86_400_000],
];

const relativeFormats: Record<Locale, () => Intl.RelativeTimeFormat> = {
  ja: once(() => new Intl.RelativeTimeFormat(bcp47('ja'), { numeric: 'auto' })),
  en: once(() => new Intl.RelativeTimeFormat(bcp47('en'), { numeric: 'auto' })),
};

/** "5 minutes ago" / "5 分前": how old cached data is, so a CSM offline knows what they are looking at. */
export function relativeAge(locale: Locale, iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  const rtf = relativeFormats[locale]();
  if (ms < 60_000) return rtf.format(0, 'minute');
  let unit: Intl.RelativeTimeFormatUnit = 'minute';
  let size = 60_000;
  for (const [u, s] of AGE_STEPS) if (ms >= s) [unit, size] = [u, s];
  return rtf.format(-Math.floor(ms / size), unit);
}
