import type { Pose3 } from "../../core/geometry/pose";
import { must } from "../../core/model/must";
import { chainEgoPoses } from "./chainEgoPoses";
import { checkEgoMotionChain, type EgoMotionCheck } from "./checkEgoMotionChain";
import type { FrameIndex } from "./FrameIndex";

export interface EgoPoseEstimate {
  /** World-from-lidar per frame, frame 0 at the origin; null when the check refused the chain. */
  poses: Pose3[] | null;
  check: EgoMotionCheck;
}

/**
 * Ego poses for a sequence recorded without them: the frame-to-frame lidar estimates chained from
 * frame 0 and anchored every few frames (chainEgoPoses), used only when checkEgoMotionChain finds
 * every step consistent (null otherwise: then
 * work in lidar coordinates, which is never worse than a wrong chain). The one estimate both the
 * product (stored after import) and the evaluations use.
 */
export function estimateEgoPoses(
  frames: ReadonlyArray<{ index: () => FrameIndex; timestampS: number }>,
): EgoPoseEstimate {
  const check = checkEgoMotionChain(frames);
  if (!check.consistent) return { poses: null, check };
  const indexOf = (k: number) => must(frames[k], `frame ${k}`).index();
  return { poses: chainEgoPoses(indexOf, check.motions), check };
}
