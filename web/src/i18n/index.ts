import { createI18n } from 'vue-i18n';
import en, { type MessageSchema } from './en';
import es from './es';

export const SUPPORTED_LOCALES = ['es', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];

export const FALLBACK_LOCALE: AppLocale = 'en';
const STORAGE_KEY = 'cc.locale';

function isSupported(value: string | null | undefined): value is AppLocale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value ?? '');
}

/** The first supported language among the browser's preferences ('es-ES' → 'es'), else English. */
export function pickLocale(languages: readonly string[]): AppLocale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isSupported(base)) return base;
  }
  return FALLBACK_LOCALE;
}

function browserLanguages(): string[] {
  if (typeof navigator === 'undefined') return [];
  const list = navigator.languages?.length ? [...navigator.languages] : [];
  return navigator.language ? [navigator.language, ...list] : list;
}

function storedLocale(): AppLocale | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isSupported(value) ? value : null;
  } catch {
    return null;
  }
}

/** Remember an explicit choice so it wins over the browser language next time. */
export function rememberLocale(locale: AppLocale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage can be unavailable (private mode, quota); the choice then lasts for this tab only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function createAppI18n(locale: AppLocale = storedLocale() ?? pickLocale(browserLanguages())) {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: FALLBACK_LOCALE,
    messages: { es, en },
  });
}
