import { z } from "zod";
import { DEFAULT_TIME_ZONE, isTimeZone } from "./localDay";

/** An IANA time zone name (Asia/Kolkata, America/St_Johns, UTC). */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, "an IANA time zone name such as Asia/Shanghai, Europe/Berlin or UTC");

/**
 * A project's analytics settings, set by its lead. Pay rates are in millionths of the currency
 * unit (micros) so that a ledger of thousands of boxes at a few cents adds up exactly.
 */
export const analyticsSettingsSchema = z.object({
  /** A gap between two inputs longer than this is not work (active time, work stretches). */
  idleGapMinutes: z.number().int().min(1).max(120),
  /** The workspace reminds an annotator to take a break after a continuous stretch this long. */
  breakAfterMinutes: z.number().int().min(5).max(600),
  /** ISO 4217 code shown beside amounts. */
  currency: z.string().regex(/^[A-Z]{3}$/, "a three-letter ISO 4217 code such as USD"),
  /** Pay per accepted box, in micros (1 cent = 10,000). */
  ratePerBoxMicros: z.number().int().min(0).max(1_000_000_000),
  /** Per-class rates in micros; a class not listed is paid ratePerBoxMicros. */
  classRatesMicros: z.record(z.string().min(1).max(100), z.number().int().min(0).max(1_000_000_000)),
  /**
   * The IANA zone whose calendar days "per day" figures follow (Asia/Shanghai). UTC until the lead
   * sets one (not the server's zone: figures must not change when the server moves); a PUT that
   * leaves it out sets UTC, as PUT replaces the whole settings.
   */
  timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
});
export type AnalyticsSettings = z.infer<typeof analyticsSettingsSchema>;

export const DEFAULT_ANALYTICS_SETTINGS: AnalyticsSettings = {
  idleGapMinutes: 5,
  breakAfterMinutes: 90,
  currency: "USD",
  ratePerBoxMicros: 0,
  classRatesMicros: {},
  timeZone: DEFAULT_TIME_ZONE,
};
