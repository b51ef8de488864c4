import { useTranslation } from "react-i18next";
import { chooseLanguage } from "./chooseLanguage";
import { currentLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES } from "./i18n";

/** The language switch of the user menu: applies at once and is remembered for the user on the server. */
export function LanguageSelect() {
  const { t } = useTranslation(); // re-renders on a language change
  return (
    <select
      data-testid="language-select"
      aria-label={t("userMenu.language")}
      value={currentLanguage()}
      onChange={(e) => {
        if (isLanguage(e.target.value)) void chooseLanguage(e.target.value);
      }}
    >
      {LANGUAGES.map((lang) => (
        <option key={lang} value={lang}>
          {LANGUAGE_NAMES[lang]}
        </option>
      ))}
    </select>
  );
}
