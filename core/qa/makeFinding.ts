import type { QaConfig } from "./QaConfig";
import type { QaItem } from "./QaContext";
import type { QaFinding, QaFixKind, QaKind } from "./QaFinding";

/** A finding on a box, with the severity its check is configured to give. */
export function makeFinding(
  config: QaConfig,
  kind: QaKind,
  item: QaItem,
  message: string,
  extra: { fix?: QaFixKind; otherTrackId?: string } = {},
): QaFinding {
  return {
    kind,
    severity: config[kind].severity,
    frameIndex: item.box.frameIndex,
    trackId: item.box.trackId,
    boxId: item.box.id,
    message,
    ...extra,
  };
}

/** Metres with two decimals, for messages. */
export const m2 = (v: number): string => `${v.toFixed(2)} m`;
export const deg = (rad: number): string => `${Math.round((rad * 180) / Math.PI)}°`;
