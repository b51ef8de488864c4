import { DEFAULT_ERROR_TYPES } from "../../core/review/ErrorType";
import type { AttributeDefinition } from "../../core/model/ClassDefinition";
import { attributeDisplayName } from "./classDisplayName";
import { t } from "./i18n";

/** Labels of values the server sends as codes: shown translated, unknown codes as they are. */
const TASK_STATES: Record<string, () => string> = {
  labeling: () => t("taskState.labeling"),
  review: () => t("taskState.review"),
  done: () => t("taskState.done"),
  rejected: () => t("taskState.rejected"),
  todo: () => t("taskState.todo"),
  submitted: () => t("taskState.submitted"),
  "in-review": () => t("taskState.in-review"),
  accepted: () => t("taskState.accepted"),
  rework: () => t("taskState.rework"),
};
export const taskStateLabel = (state: string): string => TASK_STATES[state]?.() ?? state;

const ROLES: Record<string, () => string> = {
  admin: () => t("role.admin"),
  lead: () => t("role.lead"),
  annotator: () => t("role.annotator"),
  reviewer: () => t("role.reviewer"),
  viewer: () => t("role.viewer"),
};
export const roleLabel = (role: string): string => ROLES[role]?.() ?? role;

const PROVENANCE: Record<string, () => string> = {
  human: () => t("provenance.human"),
  "auto-fit": () => t("provenance.autoFit"),
  propagated: () => t("provenance.propagated"),
  interpolated: () => t("provenance.interpolated"),
  imported: () => t("provenance.imported"),
  model: () => t("provenance.model"),
  "qa-fix": () => t("provenance.qaFix"),
  review: () => t("provenance.review"),
};
/** Who or what made a box (core/model/Provenance), as the inspector and timeline show it. */
export const provenanceLabel = (p: string): string => PROVENANCE[p]?.() ?? p;

const REVIEW_REASON: Record<string, () => string> = {
  "too few points": () => t("reviewReason.fewPoints"),
  "large residual": () => t("reviewReason.largeResidual"),
  jump: () => t("reviewReason.jump"),
  "a human box": () => t("reviewReason.humanBox"),
  "points disagree": () => t("reviewReason.pointsDisagree"),
};
/** Why propagation or interpolation flagged a box for checking (workers/fit/propagateTrack, refineInterpolatedBox `needsReview`). */
export const reviewReasonLabel = (reason: string): string => REVIEW_REASON[reason]?.() ?? reason;

const EXPORT_FORMAT: Record<string, () => string> = {
  openlabel: () => t("exportFormat.openlabel"),
  nuscenes: () => t("exportFormat.nuscenes"),
  "kitti-object": () => t("exportFormat.kittiObject"),
  "kitti-tracking": () => t("exportFormat.kittiTracking"),
  sustech: () => t("exportFormat.sustech"),
  native: () => t("exportFormat.native"),
};
/** An export format (core/api/exportFormats) as the export menu names it. */
export const exportFormatLabel = (format: string): string => EXPORT_FORMAT[format]?.() ?? format;

const ERROR_TYPE: Record<string, () => string> = {
  "missing-object": () => t("errorType.missingObject"),
  "extra-object": () => t("errorType.extraObject"),
  "wrong-class": () => t("errorType.wrongClass"),
  "wrong-attributes": () => t("errorType.wrongAttributes"),
  "box-too-loose": () => t("errorType.boxTooLoose"),
  "box-too-tight": () => t("errorType.boxTooTight"),
  "wrong-heading": () => t("errorType.wrongHeading"),
  "wrong-position": () => t("errorType.wrongPosition"),
  "wrong-track-id": () => t("errorType.wrongTrackId"),
  unspecified: () => t("errorType.unspecified"),
};
/**
 * A project's error type (core/review/ErrorType) as people read it: a built-in type its lead has not
 * renamed in the UI language, any other by the name the lead gave it; "unspecified" (rejected
 * without a reason) translated.
 */
export const errorTypeLabel = (type: { code: string; label: string }): string => {
  const builtIn = DEFAULT_ERROR_TYPES.find((e) => e.code === type.code);
  const untouched =
    (builtIn && builtIn.label === type.label) ||
    (type.code === "unspecified" && type.label === "unspecified");
  return untouched ? (ERROR_TYPE[type.code]?.() ?? type.label) : type.label;
};

/** A verdict's reason code named as the project's error types name it (a code it lacks, translated if built in). */
export const reasonCodeLabel = (code: string, types: readonly { code: string; label: string }[]): string => {
  const type = types.find((e) => e.code === code);
  return type ? errorTypeLabel(type) : (ERROR_TYPE[code]?.() ?? code);
};

const AUTHORS: Record<string, () => string> = {
  import: () => t("author.import"),
};
/** Who made a revision (a batch's author): the importer's reserved name translated, a person's as it is. */
export const authorLabel = (name: string): string => AUTHORS[name]?.() ?? name;

const FIELDS: Record<string, () => string> = {
  className: () => t("inspector.class"),
  trackId: () => t("inspector.track"),
  "size.lengthM": () => t("inspector.length"),
  "size.widthM": () => t("inspector.width"),
  "size.heightM": () => t("inspector.height"),
  yawRad: () => t("inspector.yaw"),
  pitchRad: () => t("field.pitch"),
  rollRad: () => t("field.roll"),
};
/**
 * A box or track field by its dotted path in the record ("centerM.x", "attributes.occlusion"), as
 * conflict notices name it: the inspector's word, an attribute by the project's display name.
 */
export const fieldLabel = (path: string, attributes: readonly AttributeDefinition[] = []): string => {
  const known = FIELDS[path];
  if (known) return known();
  const center = /^centerM\.([xyz])$/.exec(path);
  if (center) return t("field.center", { axis: center[1] });
  const attribute = /^attributes\.(.+)$/.exec(path)?.[1];
  if (attribute === undefined) return path;
  const def = attributes.find((a) => a.name === attribute);
  return t("field.attribute", { name: def ? attributeDisplayName(def) : attribute });
};
