import { createI18n } from 'vue-i18n';
import type { Language } from '../../common/desktop-api';
import en from './en';
import fr from './fr';

export const LOCALES = ['fr', 'en'] as const satisfies readonly Language[];
export type Locale = Language;

/** French first; English when the user chose it in the settings — never guessed from the browser. */
export function createI18nForApp(locale: Locale = 'fr') {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  return createI18n({ legacy: false, locale, fallbackLocale: 'fr', messages: { fr, en } });
}
