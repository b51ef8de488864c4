import type { QaMessageCode, QaMessageValues } from "./qaMessages";

/** What a check found wrong; one kind per check. */
export const QA_KINDS = [
  "few-points",
  "points-outside",
  "loose-box",
  "size-implausible",
  "size-change",
  "heading-flip",
  "heading-off",
  "position-jump",
  "impossible-speed",
  "missing-frame",
  "class-change",
  "attribute-change",
  "duplicate",
  "id-swap",
  "below-ground",
  "floating",
] as const;
export type QaKind = (typeof QA_KINDS)[number];

export type QaSeverity = "error" | "warning" | "info";

/** The one-click fixes (core/qa/fixes); a finding names the one that applies, if any. */
export type QaFixKind =
  | "unify-size"
  | "flip-heading"
  | "heading-to-motion"
  | "fill-gap"
  | "delete-duplicate"
  | "snap-to-ground";

/** One finding on one box (or, for a missing frame, on the frame where the track has no box). */
export interface QaFinding {
  kind: QaKind;
  severity: QaSeverity;
  /** Position of the frame in the sequence. */
  frameIndex: number;
  trackId: string;
  /** The box the finding is about; null when there is none (a missing frame). */
  boxId: string | null;
  /** What the finding says, for any language: a code (core/qa/qaMessages) and the values it names. */
  code: QaMessageCode;
  values: QaMessageValues;
  /** The same in English (CLI, JSON). */
  message: string;
  /** The other track involved (a duplicate's original, the other side of an id swap). */
  otherTrackId?: string;
  fix?: QaFixKind;
}
