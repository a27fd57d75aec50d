// i18next over the catalogues of common/i18n. React escapes text itself, so
// i18next's escaping is off (it would double-escape notes).
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, type Locale } from '../../common/i18n/locales';
import { messages } from '../../common/i18n/messages';

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: messages.en }, fr: { translation: messages.fr } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  interpolation: { escapeValue: false },
  initAsync: false,
  // i18next otherwise prints a vendor notice in the console of every window.
  showSupportNotice: false,
});

export async function setLocale(locale: Locale): Promise<void> {
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

export function useT() {
  return useTranslation().t;
}

export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return instance.language === 'fr' ? 'fr' : 'en';
}
