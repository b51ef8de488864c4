import { quatRotate } from "../geometry/quat";
import { transformPoint } from "../geometry/pose";
import type { Vec3 } from "../geometry/vec3";
import type { BoxLabel } from "./BoxLabel";
import { FormatError } from "./FormatError";
import { type KittiCalib, lidarFromRect, rectFromLidar } from "./kittiCalib";
import type { ImageSizePx } from "./sustechLabels";
import { must } from "../model/must";

/**
 * KITTI labels. Object (`label_2/<frame>.txt`), one box per line, 15 fields (+ optional score):
 *   type truncated occluded alpha left top right bottom h w l x y z rotation_y
 * Tracking (`label_02/<seq>.txt`): `frame track_id` in front of the same 15 (+ score).
 * Boxes are in rect camera coordinates: (x, y, z) is the bottom-face centre (camera y points down),
 * rotation_y turns the box's length axis about camera y; alpha is the observation angle.
 */
export interface KittiLabel {
  /** Tracking labels only: frame number and track id (-1 for DontCare). */
  frame?: number;
  trackId?: number;
  type: string;
  truncated: number;
  occluded: number;
  alphaRad: number;
  bbox2dPx: { left: number; top: number; right: number; bottom: number };
  heightM: number;
  widthM: number;
  lengthM: number;
  /** Bottom-face centre in rect camera coordinates, metres. */
  locationRectM: Vec3;
  rotationYRad: number;
  score?: number;
}

function parseLine(fields: string[], file: string, line: number, offset: number): KittiLabel {
  const num = (i: number, what: string) => {
    const v = Number(fields[i]);
    if (!Number.isFinite(v))
      throw new FormatError(file, `line ${line}`, `${what} "${fields[i]}" is not a number`);
    return v;
  };
  const o = offset;
  const type = fields[o];
  if (type === undefined) throw new FormatError(file, `line ${line}`, "missing the object type");
  const label: KittiLabel = {
    type,
    truncated: num(o + 1, "truncated"),
    occluded: num(o + 2, "occluded"),
    alphaRad: num(o + 3, "alpha"),
    bbox2dPx: {
      left: num(o + 4, "left"),
      top: num(o + 5, "top"),
      right: num(o + 6, "right"),
      bottom: num(o + 7, "bottom"),
    },
    heightM: num(o + 8, "height"),
    widthM: num(o + 9, "width"),
    lengthM: num(o + 10, "length"),
    locationRectM: { x: num(o + 11, "x"), y: num(o + 12, "y"), z: num(o + 13, "z") },
    rotationYRad: num(o + 14, "rotation_y"),
  };
  if (fields.length === o + 16) label.score = num(o + 15, "score");
  if (label.type !== "DontCare" && !(label.heightM > 0 && label.widthM > 0 && label.lengthM > 0))
    throw new FormatError(
      file,
      `line ${line}`,
      `box size h w l must be positive, got ${label.heightM} ${label.widthM} ${label.lengthM}`,
    );
  return label;
}

function parseLines(text: string, file: string, offset: number): KittiLabel[] {
  const out: KittiLabel[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const fields = line.split(/\s+/);
    if (fields.length !== offset + 15 && fields.length !== offset + 16)
      throw new FormatError(
        file,
        `line ${i + 1}`,
        `expected ${offset + 15} or ${offset + 16} fields, got ${fields.length}`,
      );
    const label = parseLine(fields, file, i + 1, offset);
    if (offset === 2) {
      label.frame = Number(fields[0]);
      label.trackId = Number(fields[1]);
      if (!Number.isInteger(label.frame) || label.frame < 0)
        throw new FormatError(file, `line ${i + 1}`, `frame "${fields[0]}" is not a non-negative integer`);
      if (!Number.isInteger(label.trackId))
        throw new FormatError(file, `line ${i + 1}`, `track id "${fields[1]}" is not an integer`);
    }
    out.push(label);
  });
  return out;
}

/** DontCare rows are kept; callers usually drop them (`type === "DontCare"`). */
export const parseKittiObjectLabels = (text: string, file: string): KittiLabel[] => parseLines(text, file, 0);
export const parseKittiTrackingLabels = (text: string, file: string): KittiLabel[] =>
  parseLines(text, file, 2);

const f = (v: number, digits: number) => {
  const s = v.toFixed(digits);
  return s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
};

/** KITTI's own files use 2 decimals; we write 6 for geometry so an export re-imports to within 1e-6 m. */
function serializeBody(l: KittiLabel): string {
  const b = l.bbox2dPx;
  return [
    l.type,
    f(l.truncated, 2),
    String(Math.round(l.occluded)),
    f(l.alphaRad, 6),
    f(b.left, 2),
    f(b.top, 2),
    f(b.right, 2),
    f(b.bottom, 2),
    f(l.heightM, 6),
    f(l.widthM, 6),
    f(l.lengthM, 6),
    f(l.locationRectM.x, 6),
    f(l.locationRectM.y, 6),
    f(l.locationRectM.z, 6),
    f(l.rotationYRad, 6),
    ...(l.score === undefined ? [] : [f(l.score, 6)]),
  ].join(" ");
}

export const serializeKittiObjectLabels = (labels: readonly KittiLabel[]): string =>
  labels.map((l) => `${serializeBody(l)}\n`).join("");

export const serializeKittiTrackingLabels = (labels: readonly KittiLabel[]): string =>
  labels.map((l) => `${l.frame ?? 0} ${l.trackId ?? -1} ${serializeBody(l)}\n`).join("");

/** Wraps an angle to (-π, π]. */
export function wrapAngleRad(a: number): number {
  let r = a % (2 * Math.PI);
  if (r <= -Math.PI) r += 2 * Math.PI;
  if (r > Math.PI) r -= 2 * Math.PI;
  return r;
}

/**
 * A KITTI box → our box in lidar coordinates. The heading (box length axis, (cos ry, 0, −sin ry) in
 * rect) is carried into lidar and its yaw taken in the lidar xy plane; pitch and roll are 0.
 * truncated and occluded are kept as attributes so an export writes them back.
 */
export function boxLabelFromKitti(l: KittiLabel, calib: KittiCalib, trackId: string): BoxLabel {
  const lidarFromRectPose = lidarFromRect(calib);
  const centerRect = { x: l.locationRectM.x, y: l.locationRectM.y - l.heightM / 2, z: l.locationRectM.z };
  const heading = quatRotate(lidarFromRectPose.rotation, {
    x: Math.cos(l.rotationYRad),
    y: 0,
    z: -Math.sin(l.rotationYRad),
  });
  return {
    trackId,
    className: l.type,
    centerM: transformPoint(lidarFromRectPose, centerRect),
    size: { lengthM: l.lengthM, widthM: l.widthM, heightM: l.heightM },
    yawRad: Math.atan2(heading.y, heading.x),
    pitchRad: 0,
    rollRad: 0,
    attributes: { truncated: l.truncated, occluded: l.occluded },
  };
}

/** The 8 corners of a KITTI box in rect coordinates (bottom face first). */
export function kittiBoxCornersRect(
  l: Pick<KittiLabel, "heightM" | "widthM" | "lengthM" | "locationRectM" | "rotationYRad">,
): Vec3[] {
  const c = Math.cos(l.rotationYRad);
  const s = Math.sin(l.rotationYRad);
  const out: Vec3[] = [];
  for (const dy of [0, -l.heightM]) {
    for (const [dx, dz] of [
      [l.lengthM / 2, l.widthM / 2],
      [-l.lengthM / 2, l.widthM / 2],
      [-l.lengthM / 2, -l.widthM / 2],
      [l.lengthM / 2, -l.widthM / 2],
    ] as const) {
      // Rotation about y by ry: x' = c·x + s·z, z' = −s·x + c·z.
      out.push({
        x: l.locationRectM.x + c * dx + s * dz,
        y: l.locationRectM.y + dy,
        z: l.locationRectM.z - s * dx + c * dz,
      });
    }
  }
  return out;
}

/** P2 · corners → pixel box, clipped to the image; all −1 when the box is entirely behind the camera. */
export function projectedBox2dPx(
  corners: readonly Vec3[],
  p2: readonly number[],
  image?: ImageSizePx,
): KittiLabel["bbox2dPx"] {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  const e = (i: number): number => must(p2[i], `P2 entry ${i}`);
  for (const p of corners) {
    const w = e(8) * p.x + e(9) * p.y + e(10) * p.z + e(11);
    if (w < 0.1) continue;
    const u = (e(0) * p.x + e(1) * p.y + e(2) * p.z + e(3)) / w;
    const v = (e(4) * p.x + e(5) * p.y + e(6) * p.z + e(7)) / w;
    left = Math.min(left, u);
    right = Math.max(right, u);
    top = Math.min(top, v);
    bottom = Math.max(bottom, v);
  }
  if (left === Infinity) return { left: -1, top: -1, right: -1, bottom: -1 };
  if (image) {
    const clip = (x: number, max: number) => Math.max(0, Math.min(max - 1, x));
    left = clip(left, image.imageWidthPx);
    right = clip(right, image.imageWidthPx);
    top = clip(top, image.imageHeightPx);
    bottom = clip(bottom, image.imageHeightPx);
  }
  return { left, top, right, bottom };
}

/**
 * Our box (lidar coordinates) → a KITTI label: the exact inverse of boxLabelFromKitti for its yaw.
 * The heading is the direction in the rect x-z plane whose lidar-xy projection has the box's yaw;
 * alpha = rotation_y − atan2(x, z); the 2D box is the projection of the 8 corners through P2.
 */
export function kittiFromBoxLabel(b: BoxLabel, calib: KittiCalib, image?: ImageSizePx): KittiLabel {
  const rectFromLidarPose = rectFromLidar(calib);
  const lidarFromRectPose = lidarFromRect(calib);
  const n = quatRotate(lidarFromRectPose.rotation, { x: 0, y: 1, z: 0 });
  const cy = Math.cos(b.yawRad);
  const sy = Math.sin(b.yawRad);
  const headingLidar = { x: cy, y: sy, z: -(n.x * cy + n.y * sy) / n.z };
  const headingRect = quatRotate(rectFromLidarPose.rotation, headingLidar);
  const rotationYRad = Math.atan2(-headingRect.z, headingRect.x);
  const centerRect = transformPoint(rectFromLidarPose, b.centerM);
  const locationRectM = { x: centerRect.x, y: centerRect.y + b.size.heightM / 2, z: centerRect.z };
  const box = {
    heightM: b.size.heightM,
    widthM: b.size.widthM,
    lengthM: b.size.lengthM,
    locationRectM,
    rotationYRad,
  };
  const num = (v: unknown) => (typeof v === "number" ? v : 0);
  return {
    type: b.className,
    truncated: num(b.attributes.truncated),
    occluded: num(b.attributes.occluded),
    alphaRad: wrapAngleRad(rotationYRad - Math.atan2(locationRectM.x, locationRectM.z)),
    bbox2dPx: projectedBox2dPx(kittiBoxCornersRect(box), calib.projections.P2, image),
    ...box,
  };
}
