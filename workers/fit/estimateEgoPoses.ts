import { IDENTITY_POSE, composePoses, type Pose3 } from "../../core/geometry/pose";
import { quatFromYaw } from "../../core/geometry/quat";
import { checkEgoMotionChain, type EgoMotionCheck } from "./checkEgoMotionChain";
import type { PlanarMotion } from "./estimateEgoMotion";
import type { FrameIndex } from "./FrameIndex";

export interface EgoPoseEstimate {
  /** World-from-lidar per frame, frame 0 at the origin; null when the check refused the chain. */
  poses: Pose3[] | null;
  check: EgoMotionCheck;
}

/**
 * Ego poses for a sequence recorded without them: the frame-to-frame lidar estimates chained from
 * frame 0, used only when checkEgoMotionChain finds every step consistent (null otherwise: then
 * work in lidar coordinates, which is never worse than a wrong chain). The one estimate both the
 * product (stored after import) and the evaluations use.
 */
export function estimateEgoPoses(
  frames: ReadonlyArray<{ index: () => FrameIndex; timestampS: number }>,
): EgoPoseEstimate {
  const check = checkEgoMotionChain(frames);
  return { poses: check.consistent ? chainEgoMotions(check.motions) : null, check };
}

/**
 * World-from-lidar per frame from the steps between consecutive frames (motions[k]: frame k's
 * lidar coordinates from frame k+1's), frame 0 at the origin.
 */
export function chainEgoMotions(motions: readonly PlanarMotion[]): Pose3[] {
  const poses: Pose3[] = [IDENTITY_POSE];
  for (const [k, m] of motions.entries()) {
    const prevFromThis: Pose3 = { translationM: { x: m.xM, y: m.yM, z: 0 }, rotation: quatFromYaw(m.yawRad) };
    const prev = poses[k];
    if (!prev) throw new Error(`chainEgoMotions: no pose for frame ${k}`);
    poses.push(composePoses(prev, prevFromThis));
  }
  return poses;
}
