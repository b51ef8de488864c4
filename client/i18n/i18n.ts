import i18next, { type TOptions } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import zhCN from "./zh-CN.json";

/**
 * The one i18next instance of the client. Catalogues are JSON files translators edit
 * (`en.json`, `zh-CN.json`, same keys; `i18nCatalogues.test.ts` checks both hold every key the
 * code uses). Plurals follow i18next (`key_one` / `key_other`, Chinese has only `_other`);
 * interpolation is `{{name}}`. Bundled, so `init` is synchronous: `t` works at module load.
 */
export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", "zh-CN": "简体中文" };

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
  lng: detectLanguage(typeof navigator === "undefined" ? [] : navigator.languages),
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

/** Picks the first supported language from the browser's list (`zh`, `zh-Hans`, `zh-SG` → zh-CN). */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith("zh")) return "zh-CN";
    if (lower.startsWith("en")) return "en";
  }
  return "en";
}

export const isLanguage = (x: unknown): x is Language => LANGUAGES.includes(x as Language);

/** Translate outside React (notices, errors, editor code). Components use `useTranslation()`. */
export const t = (key: string, options?: TOptions): string => i18n.t(key, options) as string;

export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : "en");

/** Switches the whole UI; components using `useTranslation()` re-render. */
export function setLanguage(lang: Language): void {
  if (lang === i18n.language) return;
  void i18n.changeLanguage(lang);
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

if (typeof document !== "undefined") document.documentElement.lang = currentLanguage();
