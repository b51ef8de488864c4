import { wrapAngleRad } from "../../core/fit/angles";
import type { EgoMotionCheck } from "./checkEgoMotionChain";
import type { PlanarMotion } from "./estimateEgoMotion";

/** One anchor step (anchorSteps' pair) registered both ways: `there` is from's lidar coordinates from to's (aFromB). */
export interface AnchorRegistration {
  from: number;
  to: number;
  there: PlanarMotion;
  back: PlanarMotion;
}

export interface AnchorChainOptions {
  /** Round trip must close within this, metres (default 0.3, as a step's). */
  maxRoundTripM?: number;
  /** … and within this, radians (default 0.01). */
  maxRoundTripYawRad?: number;
  /**
   * Least share of structure cells that must match (default 0.12). Frames 0.5 s apart share less
   * than neighbours: the synthetic default scene's anchors match 0.15–0.25 where its steps match 0.23–0.36.
   */
  minOverlap?: number;
  /** Largest change of speed between anchor steps, m/s² (default 6). */
  maxAccelerationMps2?: number;
}

/**
 * The ego motion from the anchor steps, for when the frame-to-frame chain was refused: each
 * anchor step (frames ~0.5 s apart) registered both ways must close and match enough structure,
 * and is then split over its frames as a constant speed and turn (`motions[k]` is frame k's lidar
 * coordinates from frame k+1's); an anchor that fails is covered by its own frame-to-frame steps
 * where each of them passed (`steps`, checkEgoMotionChain's). Each span's speed must stay within
 * braking of the span before, which also catches steps that all locked onto the sampling
 * pattern at rest (below).
 *
 * Between neighbouring sweeps the ego moves about as far as a sparse lidar's sampling pattern
 * repeats: a 32-beam sweep's structure cells matched themselves at rest (overlap 0.47) better than
 * the static world 1 m on (synthetic default scene, 10 m/s: 25 of 49 steps answered ~0 m), so
 * the chain was refused and propagation ran in lidar coordinates (78.9% of boxes ≥ 0.7 against
 * 98.0% with the recorded poses). Five frames apart the world has moved 5 m, well clear of that
 * pattern, and every anchor came within 0.03 m and 0.07° of the recorded motion.
 */
export function checkAnchorChain(
  anchors: readonly AnchorRegistration[],
  timestampS: (k: number) => number,
  frameCount: number,
  options: AnchorChainOptions = {},
  steps?: Pick<EgoMotionCheck, "motions" | "steps">,
): EgoMotionCheck {
  const maxRoundTripM = options.maxRoundTripM ?? 0.3;
  const maxRoundTripYawRad = options.maxRoundTripYawRad ?? 0.01;
  const minOverlap = options.minOverlap ?? 0.12;
  const maxAcceleration = options.maxAccelerationMps2 ?? 6;
  const motions: PlanarMotion[] = [];
  let reason: string | null = null;
  let prevSpeed: { mps: number; dtS: number } | null = null;
  let covered = 0;
  for (const { from, to, there, back } of anchors) {
    if (from !== covered || to <= from) {
      reason ??= `anchors do not cover the frames in order (${from} → ${to} after frame ${covered})`;
      break;
    }
    const dtS = timestampS(to) - timestampS(from);
    const c = Math.cos(there.yawRad);
    const s = Math.sin(there.yawRad);
    const tx = c * back.xM - s * back.yM + there.xM;
    const ty = s * back.xM + c * back.yM + there.yM;
    const yaw = wrapAngleRad(there.yawRad + back.yawRad);
    const step = `anchor frames ${from} → ${to}`;
    let failed: string | null = null;
    if (Math.min(there.overlap, back.overlap) < minOverlap)
      failed = `${step}: structure overlap ${Math.min(there.overlap, back.overlap).toFixed(2)} < ${minOverlap}`;
    else if (Math.hypot(tx, ty) > maxRoundTripM || Math.abs(yaw) > maxRoundTripYawRad)
      failed = `${step}: there and back misses by ${Math.hypot(tx, ty).toFixed(2)} m, ${((Math.abs(yaw) * 180) / Math.PI).toFixed(2)}°`;
    // An anchor that failed is covered by its own frame-to-frame steps where each of them closed
    // both ways, kept its speed and matched as much structure as an anchor must.
    const ownSteps = steps?.motions.slice(from, to) ?? [];
    const stepsCover =
      failed !== null &&
      ownSteps.length === to - from &&
      (steps?.steps?.slice(from, to) ?? []).filter((st) => st.closes && st.overlap >= minOverlap).length ===
        to - from;
    if (!stepsCover) reason ??= failed;
    let span = there;
    if (stepsCover) {
      span = ownSteps.reduce(composeMotions);
      motions.push(...ownSteps);
    } else {
      const fractions: number[] = [];
      for (let k = from; k <= to; k++)
        fractions.push(dtS > 0 ? (timestampS(k) - timestampS(from)) / dtS : (k - from) / (to - from));
      motions.push(...splitMotion(there, fractions));
    }
    const speed = dtS > 0 ? Math.hypot(span.xM, span.yM) / dtS : 0;
    if (prevSpeed && Math.abs(speed - prevSpeed.mps) > maxAcceleration * ((dtS + prevSpeed.dtS) / 2) + 0.5)
      reason ??= `${step}: speed jumps from ${prevSpeed.mps.toFixed(1)} to ${speed.toFixed(1)} m/s`;
    prevSpeed = { mps: speed, dtS };
    covered = to;
  }
  if (reason === null && covered !== frameCount - 1)
    reason = `anchors cover frames 0 → ${covered} of ${frameCount}`;
  return { consistent: reason === null, motions, reason };
}

/** a then b (aFromB · bFromC), planar; the weaker overlap of the two. */
export function composeMotions(a: PlanarMotion, b: PlanarMotion): PlanarMotion {
  const c = Math.cos(a.yawRad);
  const s = Math.sin(a.yawRad);
  return {
    xM: a.xM + c * b.xM - s * b.yM,
    yM: a.yM + s * b.xM + c * b.yM,
    yawRad: a.yawRad + b.yawRad,
    overlap: Math.min(a.overlap, b.overlap),
  };
}

/**
 * A planar motion as a constant speed and turn, cut at the given fractions of its duration
 * (0 first, 1 last): the motions between neighbouring cuts, each aFromB of its two ends.
 */
export function splitMotion(m: PlanarMotion, fractions: readonly number[]): PlanarMotion[] {
  const theta = m.yawRad;
  // Position after fraction f of a constant twist: ∫₀^f R(sθ) ds · u, with u chosen so f = 1 lands on (x, y).
  const integral = (f: number): { a: number; b: number } =>
    Math.abs(theta) < 1e-9
      ? { a: f, b: 0 }
      : { a: Math.sin(f * theta) / theta, b: (1 - Math.cos(f * theta)) / theta };
  const one = integral(1);
  const det = one.a * one.a + one.b * one.b;
  const ux = (one.a * m.xM + one.b * m.yM) / det;
  const uy = (-one.b * m.xM + one.a * m.yM) / det;
  const at = (f: number) => {
    const { a, b } = integral(f);
    return { x: a * ux - b * uy, y: b * ux + a * uy, yaw: f * theta };
  };
  const out: PlanarMotion[] = [];
  for (let i = 1; i < fractions.length; i++) {
    const f0 = fractions[i - 1] ?? 0;
    const f1 = fractions[i] ?? 1;
    const p0 = at(f0);
    const p1 = at(f1);
    // p0⁻¹ · p1, in p0's coordinates.
    const c = Math.cos(p0.yaw);
    const s = Math.sin(p0.yaw);
    const dx = p1.x - p0.x;
    const dy = p1.y - p0.y;
    const share = f1 - f0;
    out.push({
      xM: c * dx + s * dy,
      yM: -s * dx + c * dy,
      yawRad: p1.yaw - p0.yaw,
      overlap: m.overlap,
      ...(m.lift
        ? {
            lift: {
              zM: m.lift.zM * share,
              pitchRad: m.lift.pitchRad * share,
              rollRad: m.lift.rollRad * share,
            },
          }
        : {}),
    });
  }
  return out;
}
