import { apiClient, ok } from "../app/apiClient";
import { type Language, setLanguage } from "./i18n";

/**
 * Switches the UI now and remembers the choice for the signed-in user (PUT /api/auth/locale).
 * When the server cannot store it, the UI has switched anyway; the warning says why it will not
 * be remembered.
 */
export async function chooseLanguage(lang: Language): Promise<void> {
  setLanguage(lang);
  await ok(apiClient.api.auth.locale.$put({ json: { locale: lang } })).catch((e: Error) =>
    console.warn(`language ${lang} not remembered: ${e.message}`),
  );
}
