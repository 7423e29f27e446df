import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhTW } from './zh-TW';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-TW', label: '繁體中文' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const resources = { en: { translation: en }, 'zh-TW': { translation: zhTW } } as const;

export function initI18n(lng: LanguageCode = 'en') {
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
