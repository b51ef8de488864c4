import { wrapAngleRad } from "../../core/fit/angles";
import { type EgoMotionOptions, estimateEgoMotion, type PlanarMotion } from "./estimateEgoMotion";
import type { FrameIndex } from "./FrameIndex";

export interface EgoMotionCheck {
  /** Whether every step passed; only then may the chained estimates serve as ego poses. */
  consistent: boolean;
  /** motions[k] is frame k's lidar coordinates from frame k+1's (aFromB), for k = 0 … n−2. */
  motions: PlanarMotion[];
  /** The first failed step and why; null when consistent. */
  reason: string | null;
  /**
   * Each step k → k+1 on its own, also after the first failure: the structure it matched (the
   * lesser of both ways) and whether it closed there and back and kept its speed within braking
   * of the step before (checkAnchorChain weighs them with its own overlap bar).
   */
  steps?: Array<{ overlap: number; closes: boolean }>;
}

export interface EgoMotionCheckOptions extends EgoMotionOptions {
  /** Round trip (there and back) must close within this, metres (default 0.3). */
  maxRoundTripM?: number;
  /** … and within this, radians (default 0.01 ≈ 0.6°). */
  maxRoundTripYawRad?: number;
  /** Least share of structure cells that must match (default 0.3). */
  minOverlap?: number;
  /** Largest change of speed between steps, m/s² (default 6: hard braking). */
  maxAccelerationMps2?: number;
}

/**
 * Estimates the ego motion between consecutive frames and says whether the estimates can be
 * trusted, before anything uses them as poses: each step is estimated both ways and the round
 * trip must close (a correlation that locked onto a repeated structure — guard rails, a row of
 * parked cars, an empty highway — rarely closes from both sides); the structure must overlap
 * enough; and the speed may not change between steps faster than a car can brake. One failed step
 * refuses the whole chain: a wrong step shifts every later frame, which is worse than working in
 * lidar coordinates.
 */
export function checkEgoMotionChain(
  frames: ReadonlyArray<{ index: () => FrameIndex; timestampS: number }>,
  options: EgoMotionCheckOptions = {},
): EgoMotionCheck {
  const chain = createEgoMotionChain(options);
  for (let k = 1; k < frames.length; k++) {
    const fa = frames[k - 1];
    const fb = frames[k];
    if (!fa || !fb) throw new Error(`checkEgoMotionChain: no frame ${k} of ${frames.length}`);
    chain.step(fa.index(), fb.index(), fb.timestampS - fa.timestampS);
  }
  return chain.result();
}

/**
 * checkEgoMotionChain one step at a time (frames k−1 → k, in order), for callers that must yield
 * between steps or hold only two frames at once (a server estimating a long sequence).
 */
export function createEgoMotionChain(options: EgoMotionCheckOptions = {}): {
  step(a: FrameIndex, b: FrameIndex, dtS: number): void;
  result(): EgoMotionCheck;
} {
  const maxRoundTripM = options.maxRoundTripM ?? 0.3;
  const maxRoundTripYawRad = options.maxRoundTripYawRad ?? 0.01;
  const minOverlap = options.minOverlap ?? 0.3;
  const maxAcceleration = options.maxAccelerationMps2 ?? 6;
  const motions: PlanarMotion[] = [];
  const steps: Array<{ overlap: number; closes: boolean }> = [];
  let reason: string | null = null;
  let prevSpeed: { mps: number; dtS: number } | null = null;
  return {
    step(a, b, dtS) {
      const k = motions.length + 1;
      const there = estimateEgoMotion(a, b, options);
      motions.push(there);
      const back = estimateEgoMotion(b, a, options);
      // there ∘ back maps a to a: it should be the identity.
      const c = Math.cos(there.yawRad);
      const s = Math.sin(there.yawRad);
      const tx = c * back.xM - s * back.yM + there.xM;
      const ty = s * back.xM + c * back.yM + there.yM;
      const yaw = wrapAngleRad(there.yawRad + back.yawRad);
      const speed = dtS > 0 ? Math.hypot(there.xM, there.yM) / dtS : 0;
      const step = `frames ${k - 1} → ${k}`;
      const overlap = Math.min(there.overlap, back.overlap);
      const misses = Math.hypot(tx, ty) > maxRoundTripM || Math.abs(yaw) > maxRoundTripYawRad;
      const jumps =
        prevSpeed !== null &&
        Math.abs(speed - prevSpeed.mps) > maxAcceleration * ((dtS + prevSpeed.dtS) / 2) + 0.5;
      if (overlap < minOverlap) reason ??= `${step}: structure overlap ${overlap.toFixed(2)} < ${minOverlap}`;
      else if (misses)
        reason ??= `${step}: there and back misses by ${Math.hypot(tx, ty).toFixed(2)} m, ${((Math.abs(yaw) * 180) / Math.PI).toFixed(2)}°`;
      else if (jumps && prevSpeed)
        reason ??= `${step}: speed jumps from ${prevSpeed.mps.toFixed(1)} to ${speed.toFixed(1)} m/s`;
      steps.push({ overlap, closes: !misses && !jumps });
      prevSpeed = { mps: speed, dtS };
    },
    result: () => ({ consistent: reason === null, motions: [...motions], reason, steps: [...steps] }),
  };
}
