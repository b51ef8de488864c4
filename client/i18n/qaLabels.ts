import type { QaFinding, QaFixKind, QaKind, QaSeverity } from "../../core/qa/QaFinding";
import type { DimName, FACE_NAMES, QaMessageCode } from "../../core/qa/qaMessages";
import { t } from "./i18n";
import { trackLabel } from "./trackLabel";

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

/** The catalogue key of every finding message (core/qa/qaMessages): literal, so the catalogue test sees them. */
const MESSAGE_KEY: Record<QaMessageCode, string> = {
  fewPointsSeeThrough: "qa.message.fewPointsSeeThrough",
  fewPointsVsTrack: "qa.message.fewPointsVsTrack",
  pointsOutside: "qa.message.pointsOutside",
  looseBox: "qa.message.looseBox",
  sizeImplausible: "qa.message.sizeImplausible",
  sizeChange: "qa.message.sizeChange",
  headingFlipVsTrack: "qa.message.headingFlipVsTrack",
  headingFlipVsMotion: "qa.message.headingFlipVsMotion",
  headingOffVsTrack: "qa.message.headingOffVsTrack",
  headingOffVsMotion: "qa.message.headingOffVsMotion",
  positionJump: "qa.message.positionJump",
  positionJumpOffObject: "qa.message.positionJumpOffObject",
  positionJumpPointsStayed: "qa.message.positionJumpPointsStayed",
  impossibleSpeed: "qa.message.impossibleSpeed",
  missingFrameUnseen: "qa.message.missingFrameUnseen",
  missingFrameVisible: "qa.message.missingFrameVisible",
  classChange: "qa.message.classChange",
  attributeChange: "qa.message.attributeChange",
  duplicate: "qa.message.duplicate",
  idSwap: "qa.message.idSwap",
  idSwapLook: "qa.message.idSwapLook",
  belowGround: "qa.message.belowGround",
  floating: "qa.message.floating",
  floatingOverObject: "qa.message.floatingOverObject",
};

const FACE: Record<(typeof FACE_NAMES)[number], () => string> = {
  front: () => t("qa.face.front"),
  back: () => t("qa.face.back"),
  left: () => t("qa.face.left"),
  right: () => t("qa.face.right"),
};
const DIM: Record<DimName, () => string> = {
  length: () => t("qa.dim.length"),
  width: () => t("qa.dim.width"),
  height: () => t("qa.dim.height"),
};
const faceLabel = (face: string): string => FACE[face as keyof typeof FACE]?.() ?? face;
const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A finding's message in the UI language: its code's catalogue message filled with its values
 * (faces and dimensions named in the language). A finding without a known code (from an older
 * server) shows its English message.
 */
export function qaFindingText(f: Pick<QaFinding, "code" | "values" | "message">): string {
  const key = (MESSAGE_KEY as Partial<Record<string, string>>)[f.code];
  if (!key) return f.message;
  const v: Record<string, string | number> = { ...f.values };
  if (typeof v.otherTrack === "string") v.otherTrack = trackLabel(v.otherTrack);
  if (typeof v.face === "string") v.face = faceLabel(v.face);
  if (typeof v.faces === "string") v.faces = v.faces.split(",").map(faceLabel).join(t("qa.listSeparator"));
  if (typeof v.dims === "string")
    v.dims = v.dims
      .split(",")
      .map((d) =>
        t("qa.dimValue", {
          dim: DIM[d as DimName]?.() ?? d,
          value: f.values[`${d}M`],
          ref: f.values[`ref${capitalized(d)}M`],
        }),
      )
      .join(t("qa.listSeparator"));
  return t(key, v);
}
