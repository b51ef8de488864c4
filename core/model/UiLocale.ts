import { z } from "zod";

/** The languages the client UI is translated into (client/i18n/<locale>.json); stored per user. */
export const UI_LOCALES = ["en", "zh-CN"] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
export const uiLocaleSchema = z.enum(UI_LOCALES);
