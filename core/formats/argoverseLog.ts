import { z } from "zod";
import type { Pose3 } from "../geometry/pose";
import { type Quat, quatNormalize, rotationMatrixFromQuat } from "../geometry/quat";
import type { BoxLabel } from "./BoxLabel";
import { FormatError } from "./FormatError";

/**
 * The Argoverse 1 log layout (one log folder):
 *   lidar/PC_<ns>.ply                                   one sweep, in the ego-vehicle frame
 *   poses/city_SE3_egovehicle_<ns>.json                 { rotation: [w,x,y,z], translation: [x,y,z] }
 *   per_sweep_annotations_amodal/tracked_object_labels_<ns>.json
 *       [{ center:{x,y,z}, rotation:{x,y,z,w}, length, width, height, track_label_uuid, label_class }]
 *   vehicle_calibration_info.json                       sensor extrinsics (cameras, lidars)
 * <ns> is the sweep's time in nanoseconds (GPS epoch); the sweep's points and its boxes share
 * the ego frame, so the ego frame is our "lidar" frame and city_SE3_egovehicle is worldFromLidar.
 */
export const ARGOVERSE_LIDAR_DIR = "lidar";
export const ARGOVERSE_POSES_DIR = "poses";
export const ARGOVERSE_LABELS_DIR = "per_sweep_annotations_amodal";

const LIDAR_NAME = /^PC_(\d+)\.ply$/;
const POSE_NAME = /^city_SE3_egovehicle_(\d+)\.json$/;
const LABEL_NAME = /^tracked_object_labels_(\d+)\.json$/;

/** One sweep of a log: its files (relative to the log folder) matched by their nanosecond stamp. */
export interface ArgoverseSweep {
  /** The frame's id: the lidar file name without extension, e.g. "PC_315978406019574000". */
  name: string;
  /** Microseconds (the nanosecond stamp / 1000, exact for stamps below 2^53 µs). */
  timestampUs: number;
  lidarPath: string;
  posePath: string;
  /** Null when the sweep has no label file. */
  labelPath: string | null;
}

const stampOf = (pattern: RegExp, file: string): string | null => pattern.exec(file)?.[1] ?? null;
const microsFromNanos = (ns: string): number => Number(BigInt(ns) / 1000n);

/**
 * Matches the three folders' file names by stamp, in time order. Every sweep needs its pose (the
 * layout always has one); a pose or label file for a stamp without a sweep is an error naming it.
 */
export function argoverseSweeps(
  lidarFiles: readonly string[],
  poseFiles: readonly string[],
  labelFiles: readonly string[],
): ArgoverseSweep[] {
  const poses = new Map<string, string>();
  for (const f of poseFiles) {
    const ns = stampOf(POSE_NAME, f);
    if (ns !== null) poses.set(ns, f);
  }
  const labels = new Map<string, string>();
  for (const f of labelFiles) {
    const ns = stampOf(LABEL_NAME, f);
    if (ns !== null) labels.set(ns, f);
  }
  const sweeps: Array<ArgoverseSweep & { ns: bigint }> = [];
  for (const f of lidarFiles) {
    const ns = stampOf(LIDAR_NAME, f);
    if (ns === null) continue;
    const pose = poses.get(ns);
    if (pose === undefined)
      throw new FormatError(
        `${ARGOVERSE_LIDAR_DIR}/${f}`,
        "",
        `no ${ARGOVERSE_POSES_DIR}/city_SE3_egovehicle_${ns}.json for this sweep`,
      );
    const label = labels.get(ns);
    labels.delete(ns);
    sweeps.push({
      ns: BigInt(ns),
      name: f.replace(/\.ply$/, ""),
      timestampUs: microsFromNanos(ns),
      lidarPath: `${ARGOVERSE_LIDAR_DIR}/${f}`,
      posePath: `${ARGOVERSE_POSES_DIR}/${pose}`,
      labelPath: label === undefined ? null : `${ARGOVERSE_LABELS_DIR}/${label}`,
    });
  }
  const orphan = labels.values().next();
  if (!orphan.done)
    throw new FormatError(
      `${ARGOVERSE_LABELS_DIR}/${orphan.value}`,
      "",
      "labels a sweep that lidar/ does not hold",
    );
  if (sweeps.length === 0)
    throw new FormatError(`${ARGOVERSE_LIDAR_DIR}/`, "", "no PC_<timestamp ns>.ply sweeps");
  sweeps.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
  return sweeps.map(({ ns: _, ...s }) => s);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FormatError(file, "", `not valid JSON (${(e as Error).message})`);
  }
}

function firstIssue(error: z.ZodError, file: string): FormatError {
  const issue = error.issues[0];
  if (!issue) return new FormatError(file, "", error.message);
  const place = issue.path.length
    ? `at ${issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`
    : "";
  return new FormatError(file, place, issue.message);
}

const finite = z.number().finite();
const poseSchema = z.object({
  rotation: z.tuple([finite, finite, finite, finite]),
  translation: z.tuple([finite, finite, finite]),
});

function unitQuat(q: Quat, file: string, place: string): Quat {
  const n = Math.hypot(q.w, q.x, q.y, q.z);
  if (!(Math.abs(n - 1) < 1e-3))
    throw new FormatError(file, place, `rotation is not a unit quaternion (norm ${n})`);
  return quatNormalize(q);
}

/** poses/city_SE3_egovehicle_<ns>.json → cityFromEgo (our worldFromLidar). */
export function parseArgoversePose(text: string, file: string): Pose3 {
  const parsed = poseSchema.safeParse(parseJson(text, file));
  if (!parsed.success) throw firstIssue(parsed.error, file);
  const [w, x, y, z] = parsed.data.rotation;
  const [tx, ty, tz] = parsed.data.translation;
  return { translationM: { x: tx, y: ty, z: tz }, rotation: unitQuat({ w, x, y, z }, file, "at .rotation") };
}

const positive = z.number().finite().positive();
const labelSchema = z.array(
  z.object({
    center: z.object({ x: finite, y: finite, z: finite }),
    rotation: z.object({ x: finite, y: finite, z: finite, w: finite }),
    length: positive,
    width: positive,
    height: positive,
    track_label_uuid: z.string().min(1),
    label_class: z.string().min(1),
    occlusion: z.number().optional(),
  }),
);

/** R = Rz(yaw)·Ry(pitch)·Rx(roll) of a unit quaternion, as BoxLabel holds it. */
function yawPitchRollOf(q: Quat): { yawRad: number; pitchRad: number; rollRad: number } {
  const m = rotationMatrixFromQuat(q);
  return {
    yawRad: Math.atan2(m[3], m[0]),
    pitchRad: Math.asin(Math.max(-1, Math.min(1, -m[6]))),
    rollRad: Math.atan2(m[7], m[8]),
  };
}

/**
 * per_sweep_annotations_amodal/tracked_object_labels_<ns>.json → boxes in the ego frame. The class
 * name is kept as the log writes it (VEHICLE, LARGE_VEHICLE, …); the track id is the uuid.
 */
export function parseArgoverseLabels(text: string, file: string): BoxLabel[] {
  const parsed = labelSchema.safeParse(parseJson(text, file));
  if (!parsed.success) throw firstIssue(parsed.error, file);
  const seen = new Set<string>();
  return parsed.data.map((b, i): BoxLabel => {
    if (seen.has(b.track_label_uuid))
      throw new FormatError(file, `at [${i}].track_label_uuid`, `track ${b.track_label_uuid} appears twice`);
    seen.add(b.track_label_uuid);
    const { x, y, z, w } = b.rotation;
    return {
      trackId: b.track_label_uuid,
      className: b.label_class,
      centerM: { ...b.center },
      size: { lengthM: b.length, widthM: b.width, heightM: b.height },
      ...yawPitchRollOf(unitQuat({ w, x, y, z }, file, `at [${i}].rotation`)),
      attributes: b.occlusion === undefined ? {} : { occlusion: b.occlusion },
    };
  });
}
