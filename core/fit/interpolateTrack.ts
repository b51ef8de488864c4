import { IDENTITY_POSE, invertPose, type Pose3, transformPoint } from "../geometry/pose";
import type { Vec3 } from "../geometry/vec3";
import type { CuboidSize } from "../model/Cuboid";
import type { Provenance } from "../model/Provenance";
import { wrapAngleRad } from "./angles";
import { yawOfPose } from "./yawOfPose";

/** How much better (metres, summed over inner keys) lidar coordinates must predict the keys to win. */
const LIDAR_FRAME_MARGIN_M = 0.3;

/** A frame of the sequence as interpolation needs it. */
export interface TimedFrame {
  frameIndex: number;
  timestampS: number;
  worldFromLidar: Pose3;
}

/** A human-made box of one track, in its frame's lidar coordinates. */
export interface KeyframeBox {
  frameIndex: number;
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
}

export interface InterpolatedBox extends KeyframeBox {
  provenance: Provenance;
}

/**
 * Boxes for every frame strictly between a track's first and last keyframe that is not a keyframe.
 * Done in world coordinates (the ego pose applied), so the ego's own motion does not bend the
 * path: centres follow a cubic Hermite curve through the keyframes with Catmull-Rom tangents
 * (finite differences over the neighbouring keyframes, by time, so unevenly spaced keys work);
 * yaw turns along the shortest arc between consecutive keys; size is linear. Keyframes may come
 * in any order; frames are looked up by frameIndex.
 *
 * Poses can be wrong (estimated from the lidar, or a bad log), and a wrong pose bends the path
 * worse than ignoring the ego's motion. So with three or more keyframes the track is checked
 * against its own keys: each inner key is left out and predicted from the others, once in world
 * coordinates and once in lidar coordinates (identity poses); the track is interpolated in lidar
 * coordinates only where those predictions miss the keys by less than half as much, in sum, as the
 * world ones, and by LIDAR_FRAME_MARGIN_M less: with few keys a small difference is noise, and
 * right poses should win ties.
 */
export function interpolateTrack(
  keyframes: readonly KeyframeBox[],
  frames: readonly TimedFrame[],
): InterpolatedBox[] {
  const inWorld = interpolateAlongPoses(keyframes, frames);
  if (keyframes.length < 3) return inWorld;
  const lidarFrames = frames.map((f) => ({ ...f, worldFromLidar: IDENTITY_POSE }));
  const worldMiss = leaveOneOutMiss(keyframes, frames);
  const lidarMiss = leaveOneOutMiss(keyframes, lidarFrames);
  const clearlyBetter = lidarMiss < worldMiss / 2 && worldMiss - lidarMiss > LIDAR_FRAME_MARGIN_M;
  return clearlyBetter ? interpolateAlongPoses(keyframes, lidarFrames) : inWorld;
}

/**
 * How far the track's inner keys lie from where the other keys put them: the sum over inner keys
 * of the BEV centre distance plus the half-length arc of the heading error, metres.
 */
function leaveOneOutMiss(keyframes: readonly KeyframeBox[], frames: readonly TimedFrame[]): number {
  const keys = [...keyframes].sort((a, b) => a.frameIndex - b.frameIndex);
  let miss = 0;
  for (let i = 1; i < keys.length - 1; i++) {
    const left = keys[i];
    if (!left) continue;
    const others = keys.filter((_, j) => j !== i);
    const wanted = new Set([left.frameIndex, ...others.map((k) => k.frameIndex)]);
    const guess = interpolateAlongPoses(
      others,
      frames.filter((f) => wanted.has(f.frameIndex)),
    ).find((b) => b.frameIndex === left.frameIndex);
    if (!guess) continue;
    miss +=
      Math.hypot(guess.centerM.x - left.centerM.x, guess.centerM.y - left.centerM.y) +
      (left.size.lengthM / 2) * Math.abs(wrapAngleRad(guess.yawRad - left.yawRad));
  }
  return miss;
}

/** interpolateTrack's curve in world coordinates of the frames' poses, as given. */
function interpolateAlongPoses(
  keyframes: readonly KeyframeBox[],
  frames: readonly TimedFrame[],
): InterpolatedBox[] {
  const byIndex = new Map(frames.map((f) => [f.frameIndex, f]));
  const keys = [...keyframes]
    .sort((a, b) => a.frameIndex - b.frameIndex)
    .map((k) => {
      const f = byIndex.get(k.frameIndex);
      if (!f) throw new Error(`interpolateTrack: keyframe at frame ${k.frameIndex} is not among the frames`);
      return {
        t: f.timestampS,
        c: transformPoint(f.worldFromLidar, k.centerM),
        yaw: k.yawRad + yawOfPose(f.worldFromLidar),
        key: k,
      };
    });
  const firstKey = keys[0];
  const lastKey = keys[keys.length - 1];
  if (keys.length < 2 || !firstKey || !lastKey) return [];
  const keyAt = (i: number) => {
    const k = keys[Math.max(0, Math.min(keys.length - 1, i))];
    if (!k) throw new Error(`interpolateTrack: no keyframe ${i} of ${keys.length}`);
    return k;
  };
  // Unwrap yaws so consecutive keys differ by at most π: linear interpolation is then the shortest arc.
  for (let i = 1; i < keys.length; i++) {
    const here = keyAt(i);
    const before = keyAt(i - 1);
    here.yaw = before.yaw + wrapAngleRad(here.yaw - before.yaw);
  }
  const tangent = (i: number): Vec3 => {
    const a = keyAt(i - 1);
    const b = keyAt(i + 1);
    const dt = b.t - a.t;
    return dt > 0
      ? { x: (b.c.x - a.c.x) / dt, y: (b.c.y - a.c.y) / dt, z: (b.c.z - a.c.z) / dt }
      : { x: 0, y: 0, z: 0 };
  };
  const keyIndices = new Set(keys.map((k) => k.key.frameIndex));
  const first = firstKey.key.frameIndex;
  const last = lastKey.key.frameIndex;
  const out: InterpolatedBox[] = [];
  let seg = 0;
  for (const f of [...frames].sort((a, b) => a.frameIndex - b.frameIndex)) {
    if (f.frameIndex <= first || f.frameIndex >= last || keyIndices.has(f.frameIndex)) continue;
    while (seg < keys.length - 2 && keyAt(seg + 1).key.frameIndex < f.frameIndex) seg++;
    const a = keyAt(seg);
    const b = keyAt(seg + 1);
    const h = b.t - a.t;
    const s =
      h > 0
        ? (f.timestampS - a.t) / h
        : (f.frameIndex - a.key.frameIndex) / (b.key.frameIndex - a.key.frameIndex);
    const ma = tangent(seg);
    const mb = tangent(seg + 1);
    // Hermite basis on s ∈ [0, 1]; tangents scale by the segment's duration h.
    const h00 = 2 * s ** 3 - 3 * s ** 2 + 1;
    const h10 = s ** 3 - 2 * s ** 2 + s;
    const h01 = -2 * s ** 3 + 3 * s ** 2;
    const h11 = s ** 3 - s ** 2;
    const hermite = (pa: number, pb: number, va: number, vb: number) =>
      h00 * pa + h10 * h * va + h01 * pb + h11 * h * vb;
    const world = {
      x: hermite(a.c.x, b.c.x, ma.x, mb.x),
      y: hermite(a.c.y, b.c.y, ma.y, mb.y),
      z: hermite(a.c.z, b.c.z, ma.z, mb.z),
    };
    const lerp = (p: number, q: number) => p + (q - p) * s;
    out.push({
      frameIndex: f.frameIndex,
      centerM: transformPoint(invertPose(f.worldFromLidar), world),
      size: {
        lengthM: lerp(a.key.size.lengthM, b.key.size.lengthM),
        widthM: lerp(a.key.size.widthM, b.key.size.widthM),
        heightM: lerp(a.key.size.heightM, b.key.size.heightM),
      },
      yawRad: wrapAngleRad(lerp(a.yaw, b.yaw) - yawOfPose(f.worldFromLidar)),
      provenance: "interpolated",
    });
  }
  return out;
}
