import type { AnalyticsSettings } from "./AnalyticsSettings";

/** Accepted boxes of one person and class, as counted by the server. */
export interface AcceptedBoxCount {
  person: string;
  className: string;
  /** Accepted boxes that carry a person's work (made or corrected by a person). */
  boxes: number;
  /** Accepted boxes the machine made and nobody changed: counted apart, not paid. */
  machineUnchanged: number;
}

export interface LedgerLine extends AcceptedBoxCount {
  rateMicros: number;
  amountMicros: number;
}

/** Pay per person and class: boxes × the class's rate (or the project's rate per box). Integers, so exact. */
export function payLedger(
  counts: readonly AcceptedBoxCount[],
  settings: Pick<AnalyticsSettings, "ratePerBoxMicros" | "classRatesMicros">,
): LedgerLine[] {
  return counts
    .map((c) => {
      const rateMicros = settings.classRatesMicros[c.className] ?? settings.ratePerBoxMicros;
      return { ...c, rateMicros, amountMicros: c.boxes * rateMicros };
    })
    .sort((a, b) =>
      a.person === b.person ? (a.className < b.className ? -1 : 1) : a.person < b.person ? -1 : 1,
    );
}

/** An amount in micros as a decimal string with the currency's two places ("12.34"), halves away from zero. */
export const formatMicros = (micros: number): string => {
  const abs = Math.round(Math.abs(micros) / 10_000);
  const sign = micros < 0 && abs > 0 ? "-" : "";
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};
