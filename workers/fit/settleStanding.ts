import { wrapAngleRad } from "../../core/fit/angles";
import { yawOfPose } from "../../core/fit/yawOfPose";
import { invertPose, transformPoint } from "../../core/geometry/pose";
import type { Vec3 } from "../../core/geometry/vec3";
import type { PropagatedBox, PropagationFrame } from "./propagateTrack";

/**
 * Placements of a track that all lie within this of their mean, over at least this long and
 * this many frames, are of a standing object (see standingMean).
 */
const STANDING_RADIUS_M = 0.5;
const STANDING_MIN_S = 0.5;
const STANDING_MIN_FRAMES = 4;
/** …and whose older and newer halves' means lie within this of each other along the heading (a creeping car's do not). */
const STANDING_MAX_DRIFT_M = 0.2;

/** A placement in world coordinates, weighted by its points. */
interface Placement {
  t: number;
  c: Vec3;
  yaw: number;
  weight: number;
}

/**
 * The tracker's boxes, in walk order, where the object stands (its latest placements all within
 * STANDING_RADIUS_M of their mean): at that mean rather than at each fit, which only adds noise
 * around where it stands, and for a far one drifts with the view (a parked car at 60 m slid
 * 0.6 m in 15 frames). Flagged boxes are left as they are and do not count.
 */
export function settleStanding(frames: readonly PropagationFrame[], boxes: PropagatedBox[]): PropagatedBox[] {
  const placements: Placement[] = [];
  return boxes.map((b) => {
    if (b.needsReview) return b;
    const pose = frames[b.frameIndex]?.worldFromLidar;
    const t = frames[b.frameIndex]?.timestampS;
    if (!pose || t === undefined) return b;
    placements.push({
      t,
      c: transformPoint(pose, b.centerM),
      yaw: b.yawRad + yawOfPose(pose),
      weight: Math.max(1, b.pointCount),
    });
    const standing = standingMean(placements);
    if (!standing) return b;
    const c = transformPoint(invertPose(pose), standing.c);
    return {
      ...b,
      centerM: { x: c.x, y: c.y, z: b.centerM.z },
      yawRad: wrapAngleRad(standing.yaw - yawOfPose(pose)),
    };
  });
}

/**
 * Where a track stands, if it does: the point-weighted mean (centre and heading, world) of its
 * longest run of latest placements that all lie within STANDING_RADIUS_M of that mean, when the
 * run spans STANDING_MIN_S and STANDING_MIN_FRAMES; null while it moves.
 */
function standingMean(placements: readonly Placement[]): { c: Vec3; yaw: number } | null {
  const latest = placements.at(-1);
  if (!latest) return null;
  let best: { c: Vec3; yaw: number } | null = null;
  let w = 0;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  let syaw = 0;
  for (let j = placements.length - 1; j >= 0; j--) {
    const p = placements[j];
    if (!p) break;
    w += p.weight;
    sx += p.weight * p.c.x;
    sy += p.weight * p.c.y;
    sz += p.weight * p.c.z;
    syaw += p.weight * wrapAngleRad(p.yaw - latest.yaw);
    const mean = { x: sx / w, y: sy / w, z: sz / w };
    let within = true;
    for (let i = j; i < placements.length && within; i++) {
      const q = placements[i];
      if (q && Math.hypot(q.c.x - mean.x, q.c.y - mean.y) > STANDING_RADIUS_M) within = false;
    }
    if (!within || driftM(placements, j) > STANDING_MAX_DRIFT_M) break;
    if (placements.length - j >= STANDING_MIN_FRAMES && Math.abs(latest.t - p.t) >= STANDING_MIN_S - 1e-6)
      best = { c: mean, yaw: latest.yaw + syaw / w };
  }
  return best;
}

/**
 * How far the point-weighted mean of the newer half of placements[from…] lies from the older
 * half's along the latest heading, metres: a vehicle moves along it; across, a far one's fits
 * slide as the view turns.
 */
function driftM(placements: readonly Placement[], from: number): number {
  const mid = from + (placements.length - from) / 2;
  const a = { w: 0, x: 0, y: 0 };
  const b = { w: 0, x: 0, y: 0 };
  for (let i = from; i < placements.length; i++) {
    const p = placements[i];
    if (!p) continue;
    const h = i < mid ? a : b;
    h.w += p.weight;
    h.x += p.weight * p.c.x;
    h.y += p.weight * p.c.y;
  }
  const latest = placements.at(-1);
  if (a.w === 0 || b.w === 0 || !latest) return 0;
  return Math.abs(
    (a.x / a.w - b.x / b.w) * Math.cos(latest.yaw) + (a.y / a.w - b.y / b.w) * Math.sin(latest.yaw),
  );
}
