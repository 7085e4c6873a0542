import { createI18n } from 'vue-i18n';
import en from './en';
import fr from './fr';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const LOCALE_KEY = 'webconf.locale';

/** French first; English when the user chose it (remembered) — never guessed from the browser. */
export function initialLocale(storage: Pick<Storage, 'getItem'> | undefined): Locale {
  const saved = storage?.getItem(LOCALE_KEY);
  return saved === 'en' ? 'en' : 'fr';
}

export function rememberLocale(locale: Locale): void {
  window.localStorage.setItem(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
}

export function createI18nForApp() {
  const locale = initialLocale(typeof window === 'undefined' ? undefined : window.localStorage);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  return createI18n({ legacy: false, locale, fallbackLocale: 'fr', messages: { fr, en } });
}
