import { wrapAngleRad } from "../../core/fit/angles";
import { yawOfPose } from "../../core/fit/yawOfPose";
import { IDENTITY_POSE, composePoses, invertPose, type Pose3 } from "../../core/geometry/pose";
import {
  IDENTITY_QUAT,
  quatFromAxisAngle,
  quatFromEulerZYX,
  quatFromYaw,
  quatMultiply,
} from "../../core/geometry/quat";
import { must } from "../../core/model/must";
import { type EgoMotionOptions, estimateEgoMotion, type PlanarMotion } from "./estimateEgoMotion";
import type { FrameIndex } from "./FrameIndex";

export interface ChainEgoPosesOptions extends EgoMotionOptions {
  /** Frames between anchors registered directly to each other (default 5). */
  anchorEvery?: number;
  /** A direct anchor step replaces the chained one only within this of it, metres (default 0.5). */
  maxDisagreementM?: number;
  /** … and within this, radians (default 0.02). */
  maxDisagreementYawRad?: number;
}

const poseOf = (m: PlanarMotion): Pose3 => ({
  translationM: { x: m.xM, y: m.yM, z: m.lift?.zM ?? 0 },
  rotation: quatFromEulerZYX(m.yawRad, m.lift?.pitchRad ?? 0, m.lift?.rollRad ?? 0),
});

/** `level`'s x, y and yaw with `tilted`'s height and tilt (its rotation less its yaw). */
function withLiftOf(level: Pose3, tilted: Pose3): Pose3 {
  const tilt = quatMultiply(quatFromYaw(-yawOfPose(tilted)), tilted.rotation);
  return {
    translationM: { ...level.translationM, z: tilted.translationM.z },
    rotation: quatMultiply(quatFromYaw(yawOfPose(level)), tilt),
  };
}

/** The share s ∈ [0, 1] of a (small) correction: its translation scaled, its rotation's angle scaled about its axis. */
function partOf(correction: Pose3, s: number): Pose3 {
  const q = correction.rotation;
  const sinHalf = Math.hypot(q.x, q.y, q.z);
  const angle = 2 * Math.atan2(sinHalf, q.w);
  const t = correction.translationM;
  return {
    translationM: { x: t.x * s, y: t.y * s, z: t.z * s },
    rotation: sinHalf < 1e-12 ? IDENTITY_QUAT : quatFromAxisAngle({ x: q.x, y: q.y, z: q.z }, angle * s),
  };
}

/**
 * World-from-lidar poses (frame 0's lidar coordinates as world) from checked frame-to-frame ego
 * motions. Chaining every step adds every step's error: a yaw error of a few hundredths of a degree
 * per step moves a parked car 60 m away by decimetres within a few seconds. So anchor frames every
 * `anchorEvery` frames are registered directly to each other (one step's error per anchor step, not
 * per frame) and frames between anchors chain from the anchor before them, with the anchor step's
 * correction spread linearly over them so that no step jumps. A direct step that
 * disagrees with the chained steps beyond what their drift could explain is a wrong registration:
 * the chained steps are kept there.
 */
export function chainEgoPoses(
  indexOf: (k: number) => FrameIndex,
  motions: readonly PlanarMotion[],
  options: ChainEgoPosesOptions = {},
): Pose3[] {
  return chainEgoPosesWith((a, b) => estimateEgoMotion(indexOf(a), indexOf(b), options), motions, options);
}

/** The anchors chainEgoPoses registers directly: (anchor, next) pairs for a sequence of n frames. */
export function anchorSteps(n: number, anchorEvery = 5): Array<[number, number]> {
  const every = Math.max(1, anchorEvery);
  const steps: Array<[number, number]> = [];
  if (every === 1) return steps;
  for (let a = 0; a < n - 1; a += every) steps.push([a, Math.min(n - 1, a + every)]);
  return steps;
}

/**
 * chainEgoPoses with the direct anchor registrations supplied (`direct(anchor, next)`, anchorSteps'
 * pairs): for a caller that registers them while streaming the sweeps, holding one anchor at a time.
 */
export function chainEgoPosesWith(
  direct: (anchor: number, next: number) => PlanarMotion,
  motions: readonly PlanarMotion[],
  options: ChainEgoPosesOptions = {},
): Pose3[] {
  const every = Math.max(1, options.anchorEvery ?? 5);
  const maxM = options.maxDisagreementM ?? 0.5;
  const maxYaw = options.maxDisagreementYawRad ?? 0.02;
  const n = motions.length + 1;
  const chained: Pose3[] = [IDENTITY_POSE];
  for (const [k, m] of motions.entries())
    chained.push(composePoses(must(chained[k], "chained[k]"), poseOf(m)));
  if (every === 1) return chained;
  const poses: Pose3[] = [IDENTITY_POSE];
  let anchor = 0;
  while (anchor < n - 1) {
    const next = Math.min(n - 1, anchor + every);
    const anchorPose = must(poses[anchor], "poses[anchor]");
    const chainedStep = composePoses(
      invertPose(must(chained[anchor], "chained[anchor]")),
      must(chained[next], "chained[next]"),
    );
    const directMotion = direct(anchor, next);
    // Without the ground's word on height and tilt, the direct step keeps the chained steps' (a
    // level anchor over 0.4° of chained pitch would tilt every frame between it and the last).
    const directStep = directMotion.lift
      ? poseOf(directMotion)
      : withLiftOf(poseOf(directMotion), chainedStep);
    const dx = directStep.translationM.x - chainedStep.translationM.x;
    const dy = directStep.translationM.y - chainedStep.translationM.y;
    const agrees =
      Math.hypot(dx, dy) <= maxM &&
      Math.abs(wrapAngleRad(yawOfPose(directStep) - yawOfPose(chainedStep))) <= maxYaw;
    // Spread the anchor step's correction over the frames between, so no step jumps.
    const end = agrees ? directStep : chainedStep;
    const correction = composePoses(end, invertPose(chainedStep));
    const chainedAnchorInv = invertPose(must(chained[anchor], "chained[anchor]"));
    for (let k = anchor + 1; k < next; k++) {
      const s = (k - anchor) / (next - anchor);
      const partial = partOf(correction, s);
      const local = composePoses(chainedAnchorInv, must(chained[k], "chained[k]"));
      poses.push(composePoses(anchorPose, composePoses(partial, local)));
    }
    poses.push(composePoses(anchorPose, end));
    anchor = next;
  }
  return poses;
}
