import type { QaFixKind, QaKind, QaSeverity } from "../../core/qa/QaFinding";
import { t } from "./i18n";

/** QA finding kinds, what they mean, their fixes and severities in the UI language (core/qa). */
const KIND: Record<QaKind, () => string> = {
  "few-points": () => t("qa.kind.fewPoints"),
  "points-outside": () => t("qa.kind.pointsOutside"),
  "loose-box": () => t("qa.kind.looseBox"),
  "size-implausible": () => t("qa.kind.sizeImplausible"),
  "size-change": () => t("qa.kind.sizeChange"),
  "heading-flip": () => t("qa.kind.headingFlip"),
  "heading-off": () => t("qa.kind.headingOff"),
  "position-jump": () => t("qa.kind.positionJump"),
  "impossible-speed": () => t("qa.kind.impossibleSpeed"),
  "missing-frame": () => t("qa.kind.missingFrame"),
  "class-change": () => t("qa.kind.classChange"),
  "attribute-change": () => t("qa.kind.attributeChange"),
  duplicate: () => t("qa.kind.duplicate"),
  "id-swap": () => t("qa.kind.idSwap"),
  "below-ground": () => t("qa.kind.belowGround"),
  floating: () => t("qa.kind.floating"),
};
export const qaKindLabel = (kind: QaKind): string => KIND[kind]?.() ?? kind;

const HINT: Record<QaKind, () => string> = {
  "few-points": () => t("qa.hint.fewPoints"),
  "points-outside": () => t("qa.hint.pointsOutside"),
  "loose-box": () => t("qa.hint.looseBox"),
  "size-implausible": () => t("qa.hint.sizeImplausible"),
  "size-change": () => t("qa.hint.sizeChange"),
  "heading-flip": () => t("qa.hint.headingFlip"),
  "heading-off": () => t("qa.hint.headingOff"),
  "position-jump": () => t("qa.hint.positionJump"),
  "impossible-speed": () => t("qa.hint.impossibleSpeed"),
  "missing-frame": () => t("qa.hint.missingFrame"),
  "class-change": () => t("qa.hint.classChange"),
  "attribute-change": () => t("qa.hint.attributeChange"),
  duplicate: () => t("qa.hint.duplicate"),
  "id-swap": () => t("qa.hint.idSwap"),
  "below-ground": () => t("qa.hint.belowGround"),
  floating: () => t("qa.hint.floating"),
};
/** A finding's explanation, for languages other than the English core/qa writes its details in. */
export const qaHint = (kind: QaKind): string => HINT[kind]?.() ?? kind;

const FIX: Record<QaFixKind, () => string> = {
  "unify-size": () => t("qa.fix.unifySize"),
  "flip-heading": () => t("qa.fix.flipHeading"),
  "heading-to-motion": () => t("qa.fix.headingToMotion"),
  "fill-gap": () => t("qa.fix.fillGap"),
  "delete-duplicate": () => t("qa.fix.deleteDuplicate"),
  "snap-to-ground": () => t("qa.fix.snapToGround"),
};
export const qaFixLabel = (fix: QaFixKind): string => FIX[fix]?.() ?? fix;

const SEVERITY: Record<QaSeverity, () => string> = {
  error: () => t("qa.severity.error"),
  warning: () => t("qa.severity.warning"),
  info: () => t("qa.severity.info"),
};
export const qaSeverityLabel = (s: QaSeverity): string => SEVERITY[s]?.() ?? s;
