import type { QaConfig } from "./QaConfig";
import type { QaItem } from "./QaContext";
import type { QaFinding, QaFixKind, QaKind } from "./QaFinding";
import { type QaMessageCode, type QaMessageValues, qaMessageText } from "./qaMessages";

/** A finding on a box, with the severity its check is configured to give and its message in English. */
export function makeFinding(
  config: QaConfig,
  kind: QaKind,
  item: QaItem,
  code: QaMessageCode,
  values: QaMessageValues,
  extra: { fix?: QaFixKind; otherTrackId?: string } = {},
): QaFinding {
  return {
    kind,
    severity: config[kind].severity,
    frameIndex: item.box.frameIndex,
    trackId: item.box.trackId,
    boxId: item.box.id,
    code,
    values,
    message: qaMessageText(code, values),
    ...extra,
  };
}
