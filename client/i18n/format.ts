import { currentLanguage } from "./i18n";

/**
 * Locale formatting (Intl) for the current UI language. Units keep their SI symbols (m, °, s)
 * in both languages, as annotation tools in China do; only digits grouping and dates change.
 */
const nf = (opts: Intl.NumberFormatOptions) => new Intl.NumberFormat(currentLanguage(), opts);

export const formatNumber = (x: number, maxFractionDigits = 2): string =>
  nf({ maximumFractionDigits: maxFractionDigits }).format(x);

/** Fixed decimals, e.g. box sizes in a form: `formatFixed(1.5, 2)` → "1.50". */
export const formatFixed = (x: number, digits: number): string =>
  nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

export const formatMeters = (m: number, digits = 2): string => `${formatFixed(m, digits)} m`;
export const formatDegrees = (deg: number, digits = 1): string => `${formatFixed(deg, digits)}°`;
export const formatSeconds = (s: number, digits = 1): string => `${formatFixed(s, digits)} s`;
export const formatPercent = (fraction: number, digits = 0): string =>
  nf({ style: "percent", maximumFractionDigits: digits }).format(fraction);

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"] as const;
export function formatBytes(bytes: number): string {
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < BYTE_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${formatNumber(v, u === 0 ? 0 : 1)} ${BYTE_UNITS[u]}`;
}

/** A date and time, e.g. "Dec 2, 2026, 13:49" / "2026/12/2 13:49". Accepts ISO strings. */
export const formatDateTime = (d: Date | string | number): string =>
  new Intl.DateTimeFormat(currentLanguage(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(d));

export const formatDate = (d: Date | string | number): string =>
  new Intl.DateTimeFormat(currentLanguage(), { dateStyle: "medium" }).format(new Date(d));

/** A list: "a, b and c" / "a、b和c". */
export const formatList = (items: string[]): string =>
  new Intl.ListFormat(currentLanguage(), { style: "long", type: "conjunction" }).format(items);
