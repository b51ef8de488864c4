import { invertPose, type Pose3, transformPoint } from "../geometry/pose";
import { yawOfQuat } from "../geometry/quat";
import type { CuboidSize } from "../model/Cuboid";
import { DEFAULT_CLASSES } from "../model/defaultClasses";
import type { DetectOptions } from "./detectObjects";
import { fitStaticTrack } from "./fitStaticTrack";
import type { TrackedDetection } from "./trackDetections";

const VEHICLES = new Set(["Car", "Van", "Truck", "Bus"]);
/** An observed extent counts as the whole object only when this share of frames sees at most it. */
const SIZE_PERCENTILE = 0.8;
/** Never shorter than this share of the class size: a car is never seen whole in a track of rears. */
const MIN_SHARE_OF_CLASS = 0.85;
/**
 * Cars and vans come in a narrow range of sizes (the longest cars, ~6 m, are 1.35 × the catalogue's
 * 4.5 m); a longer extent is a neighbour or a hedge joined to it in some frames. Trucks and
 * buses vary too much (6.5–18 m) for a bound.
 */
const MAX_CAR_SHARE = 1.4;
/**
 * Vehicle widths vary little (cars 1.6–2.1 m, vans ~2.1 m, trucks and buses at most the legal
 * 2.55 m): a wider extent is a bush, a post or a walker joined to the vehicle in most frames
 * (Argoverse: a van at 19–31 m seen 3.3–3.4 m wide in 8 frames, boxed 2.8 m wide and missed at
 * BEV IoU 0.44–0.49 against its 2.06 m label).
 */
const MAX_WIDTH_SHARE = 1.15;
/** As classifyCluster: longer than this is a bus. */
const BUS_MIN_LENGTH_M = 9.5;

const sizeOf = (className: string, options: DetectOptions): CuboidSize =>
  options.classSizes?.[className as "Car"] ?? catalogueSize(className);

/**
 * One size per vehicle track (a car does not change size; labels are amodal): each extent is the
 * 80th percentile of what the frames observed of it, but never under 85 % of the class size, and
 * every box of the track is refitted to its points with it (the face seen nearest the lidar stays,
 * the rest of the box extends away from it). Tracks of one box keep their own fit.
 */
export function refitVehicleTracks(
  frames: TrackedDetection[][],
  options: DetectOptions = {},
  worldFromLidar: ReadonlyArray<Pose3 | null> = [],
): void {
  const byTrack = new Map<number, Array<{ d: TrackedDetection; k: number }>>();
  frames.forEach((dets, k) => {
    for (const d of dets) {
      if (!VEHICLES.has(d.className)) continue;
      const list = byTrack.get(d.trackId) ?? [];
      list.push({ d, k });
      byTrack.set(d.trackId, list);
    }
  });
  const poses: Pose3[] = [];
  for (let k = 0; k < frames.length; k++) {
    const pose = worldFromLidar[k];
    if (!pose) {
      poses.length = 0;
      break;
    }
    poses.push(pose);
  }
  const posed = poses.length === frames.length && frames.length > 0 ? poses : null;
  for (const seen of byTrack.values()) {
    if (seen.length < 2) continue;
    const dets = seen.map((s) => s.d);
    const worldYawRad = posed ? trackWorldYaw(seen, posed) : null;
    const observedLengthM = percentile(dets.map((d) => d.shape.lengthM + 0.1));
    const observedWidthM = percentile(dets.map((d) => d.shape.widthM + 0.1));
    let className = majority(dets.map((d) => d.className));
    // Seen longer than any car over most of its track: a truck whose short views looked like a car.
    const carSize = sizeOf("Car", options);
    if ((className === "Car" || className === "Van") && observedLengthM > MAX_CAR_SHARE * carSize.lengthM)
      className = observedLengthM > BUS_MIN_LENGTH_M ? "Bus" : "Truck";
    const classSize = sizeOf(className, options);
    const maxShare = className === "Car" || className === "Van" ? MAX_CAR_SHARE : Number.POSITIVE_INFINITY;
    const bound = (observedM: number, classM: number, share: number) =>
      Math.min(share * classM, Math.max(MIN_SHARE_OF_CLASS * classM, observedM));
    const size: CuboidSize = {
      lengthM: bound(observedLengthM, classSize.lengthM, maxShare),
      widthM: bound(observedWidthM, classSize.widthM, Math.min(maxShare, MAX_WIDTH_SHARE)),
      heightM: percentile(dets.map((d) => d.size.heightM)),
    };
    const still = posed ? stillBox(seen, posed, size, worldYawRad) : null;
    for (const { d, k } of seen) {
      const pose = posed?.[k];
      if (still && pose) {
        const c = transformPoint(invertPose(pose), still.centerM);
        // The box keeps its frame's ground (its own bottom) under the track's height.
        d.centerM = { x: c.x, y: c.y, z: d.centerM.z + (still.size.heightM - d.size.heightM) / 2 };
        d.size = { ...still.size };
        d.yawRad = still.yawRad - yawOfQuat(pose.rotation);
        d.className = className as TrackedDetection["className"];
        continue;
      }
      const box = d.refit(
        size,
        worldYawRad === null || !pose ? undefined : worldYawRad - yawOfQuat(pose.rotation),
      );
      if (!box) continue;
      d.centerM = box.centerM;
      d.size = box.size;
      d.yawRad = box.yawRad;
      d.className = className as TrackedDetection["className"];
    }
  }
}

/** As detectObjects' refit: the heading a track gives its boxes is searched within ±20° of it. */
const YAW_WINDOW_RAD = (20 * Math.PI) / 180;

/**
 * The one world box of a track that stood still, fitted to all its frames' points (fitStaticTrack),
 * or null when together they do not look like one vehicle of the track's size.
 */
function stillBox(
  seen: ReadonlyArray<{ d: TrackedDetection; k: number }>,
  poses: Pose3[],
  size: CuboidSize,
  worldYawRad: number | null,
) {
  const views = seen.flatMap(({ d, k }) => {
    const pose = poses[k];
    return pose
      ? [{ points: d.points(), groundZM: d.centerM.z - d.size.heightM / 2, worldFromLidar: pose }]
      : [];
  });
  return fitStaticTrack(views, size, worldYawRad, YAW_WINDOW_RAD);
}

/**
 * One heading for a vehicle track in the world frame, or null when its boxes do not tell: a car
 * seen only from behind shows a ~1.8 m face that the box search takes for a side (its boxes
 * then turn 90°; a third of Argoverse's misfits). Its heading is the one of the frame that saw
 * it longest when that view is longer than any car's rear or front (2.8 m), or else its
 * direction of travel when it moved more than 3 m while tracked.
 */
function trackWorldYaw(
  seen: ReadonlyArray<{ d: TrackedDetection; k: number }>,
  poses: Pose3[],
): number | null {
  const start = seen[0];
  const end = seen[seen.length - 1];
  if (!start || !end) return null;
  let best = start;
  for (const s of seen) if (s.d.shape.lengthM > best.d.shape.lengthM) best = s;
  const bestPose = poses[best.k];
  if (best.d.shape.lengthM >= SIDE_SEEN_M && bestPose) return best.d.yawRad + yawOfQuat(bestPose.rotation);
  const startPose = poses[start.k];
  const endPose = poses[end.k];
  if (!startPose || !endPose) return null;
  const first = transformPoint(startPose, start.d.centerM);
  const last = transformPoint(endPose, end.d.centerM);
  if (Math.hypot(last.x - first.x, last.y - first.y) < MIN_TRAVEL_M) return null;
  return Math.atan2(last.y - first.y, last.x - first.x);
}

/** Longer than any car's rear or front (≤ 2.1 m) and than a rear plus a corner seen at an angle. */
const SIDE_SEEN_M = 2.8;
/** Box centres of a parked car wander by up to ~1.5 m as its seen face changes; more is travel. */
const MIN_TRAVEL_M = 3;

function percentile(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const found = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * SIZE_PERCENTILE))];
  if (found === undefined) throw new Error("percentile of no values");
  return found;
}

function majority(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!top) throw new Error("majority of no names");
  return top[0];
}

const catalogueSize = (name: string): CuboidSize => {
  const found = DEFAULT_CLASSES.find((c) => c.name === name);
  if (!found) throw new Error(`class "${name}" is not in the default catalogue`);
  return { ...found.defaultSize };
};
