import {
  composePoses,
  invertPose,
  matrix4RowMajorFromPose,
  type Pose3,
  poseFromMatrix4RowMajor,
} from "../geometry/pose";
import { quatFromRotationMatrix } from "../geometry/quat";
import type { CameraSensor } from "../model/CameraSensor";
import { FormatError } from "./FormatError";
import { parseNumberList } from "./parseNumberList";
import type { ImageSizePx } from "./sustechLabels";
import { must } from "../model/must";

/**
 * KITTI calibration, object (`calib/<frame>.txt`: `P2: …`, `R0_rect: …`, `Tr_velo_to_cam: …`) and
 * tracking (`calib/<seq>.txt`: `R_rect …`, `Tr_velo_cam …`, no colons) spellings alike.
 * All matrices row-major. KITTI labels live in "rect" coordinates: rect = R0_rect · Tr_velo_to_cam · lidar,
 * and image 2 pixels = P2 · rect.
 */
export interface KittiCalib {
  /** 3×4 projection matrices P0..P3 of rect coordinates; P2 (left colour camera) is required. */
  projections: { P0?: number[]; P1?: number[]; P2: number[]; P3?: number[] };
  /** 3×3 rectifying rotation. */
  r0Rect: number[];
  /** 3×4 lidar → camera-0. */
  trVeloToCam: number[];
  /** 3×4 IMU → lidar (needed for oxts poses). */
  trImuToVelo?: number[];
}

const ALIASES: Record<string, keyof Omit<KittiCalib, "projections"> | "P0" | "P1" | "P2" | "P3"> = {
  P0: "P0",
  P1: "P1",
  P2: "P2",
  P3: "P3",
  R0_rect: "r0Rect",
  R_rect: "r0Rect",
  Tr_velo_to_cam: "trVeloToCam",
  Tr_velo_cam: "trVeloToCam",
  Tr_imu_to_velo: "trImuToVelo",
  Tr_imu_velo: "trImuToVelo",
};

export function parseKittiCalib(text: string, file: string): KittiCalib {
  const found: Record<string, number[]> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const [, name, numbers] = /^([A-Za-z0-9_]+):?\s+(.*)$/.exec(line) ?? [];
    if (name === undefined || numbers === undefined)
      throw new FormatError(
        file,
        `line ${i + 1}`,
        `expected "<name>: <numbers>", got "${line.slice(0, 40)}"`,
      );
    const key = ALIASES[name];
    if (!key) return; // other matrices (e.g. R0_rect of other cameras) are not needed
    const values = parseNumberList(numbers, file, `line ${i + 1}`);
    const want = key === "r0Rect" ? 9 : 12;
    if (values.length !== want)
      throw new FormatError(file, `line ${i + 1}`, `${name} needs ${want} numbers, got ${values.length}`);
    found[key] = values;
  });
  const { P2, r0Rect, trVeloToCam } = found;
  if (!P2) throw new FormatError(file, "", "missing P2");
  if (!r0Rect) throw new FormatError(file, "", "missing R0_rect");
  if (!trVeloToCam) throw new FormatError(file, "", "missing Tr_velo_to_cam");
  return {
    projections: { P0: found.P0, P1: found.P1, P2, P3: found.P3 },
    r0Rect,
    trVeloToCam,
    ...(found.trImuToVelo ? { trImuToVelo: found.trImuToVelo } : {}),
  };
}

const row = (name: string, v: readonly number[], colon: boolean) =>
  `${name}${colon ? ":" : ""} ${v.map((x) => x.toExponential(12)).join(" ")}`;

/** Writes the object spelling (`R0_rect:`) or the tracking spelling (`R_rect`, no colons). */
export function serializeKittiCalib(c: KittiCalib, style: "object" | "tracking"): string {
  const colon = style === "object";
  const p = c.projections;
  const lines = (["P0", "P1", "P2", "P3"] as const).map((k) => row(k, p[k] ?? p.P2, true));
  lines.push(row(colon ? "R0_rect" : "R_rect", c.r0Rect, colon));
  lines.push(row(colon ? "Tr_velo_to_cam" : "Tr_velo_cam", c.trVeloToCam, colon));
  if (c.trImuToVelo) lines.push(row(colon ? "Tr_imu_to_velo" : "Tr_imu_velo", c.trImuToVelo, colon));
  return `${lines.join("\n")}\n`;
}

const rotationPose = (r: readonly number[]): Pose3 => {
  const e = (i: number): number => must(r[i], `R0_rect entry ${i}`);
  return {
    rotation: quatFromRotationMatrix([e(0), e(1), e(2), e(3), e(4), e(5), e(6), e(7), e(8)]),
    translationM: { x: 0, y: 0, z: 0 },
  };
};

/** rect ← lidar; rotations are re-orthonormalised (KITTI's are orthonormal to ~1e-6). */
export const rectFromLidar = (c: KittiCalib): Pose3 =>
  composePoses(rotationPose(c.r0Rect), poseFromMatrix4RowMajor(c.trVeloToCam));

/** lidar ← IMU, or null when the file has no Tr_imu_to_velo. */
export const lidarFromImu = (c: KittiCalib): Pose3 | null =>
  c.trImuToVelo ? poseFromMatrix4RowMajor(c.trImuToVelo) : null;

/** Image 2's camera: P2 = K·[I | t] splits into intrinsics K and camera2 ← rect = translation t. */
export function kittiCameraSensor(c: KittiCalib, name: string, image: ImageSizePx): CameraSensor {
  const p = (i: number): number => must(c.projections.P2[i], `P2 entry ${i}`);
  const fxPx = p(0);
  const skew = p(1);
  const cxPx = p(2);
  const fyPx = p(5);
  const cyPx = p(6);
  const tz = p(11);
  const ty = (p(7) - cyPx * tz) / fyPx;
  const tx = (p(3) - skew * ty - cxPx * tz) / fxPx;
  const camera2FromRect: Pose3 = {
    rotation: { w: 1, x: 0, y: 0, z: 0 },
    translationM: { x: tx, y: ty, z: tz },
  };
  return {
    name,
    ...image,
    intrinsics: { fxPx, fyPx, cxPx, cyPx, skew },
    distortion: { model: "none" },
    cameraFromLidar: composePoses(camera2FromRect, rectFromLidar(c)),
  };
}

/**
 * A KITTI calibration equivalent to a camera of ours (for exporting a sequence that was not
 * KITTI): rect = that camera's frame (R0_rect = I), P2 = K·[I | 0].
 */
export function kittiCalibFromCamera(camera: CameraSensor, lidarFromImuPose?: Pose3): KittiCalib {
  const k = camera.intrinsics;
  const p2 = [k.fxPx, k.skew, k.cxPx, 0, 0, k.fyPx, k.cyPx, 0, 0, 0, 1, 0];
  return {
    projections: { P0: p2, P1: p2, P2: p2, P3: p2 },
    r0Rect: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    trVeloToCam: matrix4RowMajorFromPose(camera.cameraFromLidar).slice(0, 12),
    ...(lidarFromImuPose ? { trImuToVelo: matrix4RowMajorFromPose(lidarFromImuPose).slice(0, 12) } : {}),
  };
}

export const lidarFromRect = (c: KittiCalib): Pose3 => invertPose(rectFromLidar(c));
