import { createI18n } from 'vue-i18n';
import { en as vuetifyEn, fr as vuetifyFr } from 'vuetify/locale';
import en from '@/locales/en';
import fr from '@/locales/fr';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const KEY = 'relais.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(KEY);
  return saved === 'en' || saved === 'fr' ? saved : 'fr';
}

/** French first, English second; Vuetify's own strings ride along under `$vuetify`. */
export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'fr',
  messages: {
    fr: { ...fr, $vuetify: vuetifyFr },
    en: { ...en, $vuetify: vuetifyEn },
  },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(KEY, locale);
  document.documentElement.lang = locale;
}

/** BCP 47 tag for Intl formatting in the current language. */
export function intlLocale(): string {
  return i18n.global.locale.value === 'en' ? 'en-GB' : 'fr-FR';
}

document.documentElement.lang = initialLocale();
