import type { Pose3 } from "../../core/geometry/pose";
import type { EgoMotionCheck } from "./checkEgoMotionChain";
import { createEgoPoseEstimator } from "./createEgoPoseEstimator";
import type { FrameIndex } from "./FrameIndex";

export interface EgoPoseEstimate {
  /** World-from-lidar per frame, frame 0 at the origin; null when the check refused the chain. */
  poses: Pose3[] | null;
  check: EgoMotionCheck;
}

/**
 * Ego poses for a sequence recorded without them: the frame-to-frame lidar estimates chained from
 * frame 0 and anchored every few frames (chainEgoPoses), used only when checkEgoMotionChain finds
 * every step consistent, or else the anchor steps alone where checkAnchorChain finds those
 * consistent (null otherwise: then work in lidar coordinates, which is never worse than a wrong
 * chain). The one estimate both the product (stored after import) and the evaluations use.
 */
export function estimateEgoPoses(
  frames: ReadonlyArray<{ index: () => FrameIndex; timestampS: number }>,
): EgoPoseEstimate {
  const estimator = createEgoPoseEstimator(frames.length);
  for (const [k, f] of frames.entries())
    estimator.add(f.index(), k === 0 ? 0 : f.timestampS - (frames[k - 1]?.timestampS ?? f.timestampS));
  return estimator.finish();
}
