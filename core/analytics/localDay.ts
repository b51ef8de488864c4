/**
 * Days in a time zone. The analytics rollups are kept per quarter-hour slot of UTC time
 * (SLOT_MS) and grouped into a zone's days when read: every zone's offset today is a whole number
 * of quarter-hours (+05:30 India, +05:45 Nepal, +08:45 Eucla, −03:30 Newfoundland; DST moves by
 * 30 or 60 minutes), so a slot never straddles a local midnight and per-day figures are exact in
 * any zone. An hour slot would misfile up to 45 minutes a day in Nepal.
 */
import { must } from "../model/must";

export const SLOT_MS = 15 * 60_000;

/** The default zone of a project whose lead has not set one: UTC, so figures do not change when the server moves. */
export const DEFAULT_TIME_ZONE = "UTC";

/** Start of the quarter-hour slot holding `ms` (slots start at the Unix epoch, as SQL date_bin with origin 1970). */
export const slotOf = (ms: number): number => Math.floor(ms / SLOT_MS) * SLOT_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** Whether `timeZone` is an IANA zone name this runtime knows (Asia/Shanghai, UTC, America/St_Johns). */
export function isTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day (YYYY-MM-DD) of the instant `ms` in `timeZone`. */
export function localDay(ms: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: string) =>
    must(
      parts.find((p) => p.type === type),
      `${type} of a formatted date`,
    ).value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** The day `days` after (or before, when negative) the calendar day `day` (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A range of UTC instants that surely holds every instant of the local days `fromDay`…`toDay` in
 * any zone (offsets lie within −12:00 and +14:00): for a coarse SQL filter, refined by localDay.
 */
export function instantsAround(fromDay?: string, toDay?: string): { fromMs?: number; toMs?: number } {
  return {
    ...(fromDay ? { fromMs: Date.parse(`${fromDay}T00:00:00Z`) - 14 * 3_600_000 } : {}),
    ...(toDay ? { toMs: Date.parse(`${toDay}T00:00:00Z`) + 86_400_000 + 12 * 3_600_000 } : {}),
  };
}
