import { wrapAngleRad } from "../../fit/angles";
import type { QaItem } from "../QaContext";
import { median } from "../median";
import { weightedMedian } from "../weightedMedian";

/** How far on either side of a box its motion is measured, in boxes of the track. */
const HALF_WINDOW = 3;
/** Pairs of boxes closer than this say nothing reliable about the direction, metres. */
const MIN_BASELINE_M = 1;

export interface Motion {
  /** World-frame direction of travel, radians. */
  directionRad: number;
  /** Metres per unit of t (per second when the sequence is timed). */
  speed: number;
}

/**
 * Each box's direction of travel and speed from its track's world positions within ±3 boxes:
 * the median over the pairs of boxes, so one misplaced box (the kind of error being looked for)
 * cannot turn its neighbours' direction. null where no pair is 1 m apart (standing still).
 * The speed weighs each pair by the square of its time span: a position error e moves a pair's speed by
 * about e·√2/Δt, so a pair 2.5 s apart says 6× more than one 1 s apart. With equal weights a pair
 * that just reaches the 1 m baseline swung a 0.6 m/s rider to 0.81 m/s, across the 0.8 m/s
 * walker threshold, on a 6 mm change of the estimated ego poses.
 */
export function motionOf(items: readonly QaItem[]): Array<Motion | null> {
  return items.map((_, i) => {
    const lo = Math.max(0, i - HALF_WINDOW);
    const hi = Math.min(items.length - 1, i + HALF_WINDOW);
    const dirs: number[] = [];
    const speeds: number[] = [];
    const weights: number[] = [];
    const window = items.slice(lo, hi + 1);
    for (const [a, pa] of window.entries()) {
      for (const pb of window.slice(a + 1)) {
        const dx = pb.worldM.x - pa.worldM.x;
        const dy = pb.worldM.y - pa.worldM.y;
        const dist = Math.hypot(dx, dy);
        if (dist < MIN_BASELINE_M || pb.t <= pa.t) continue;
        dirs.push(Math.atan2(dy, dx));
        speeds.push(dist / (pb.t - pa.t));
        weights.push((pb.t - pa.t) ** 2);
      }
    }
    // Median of the angles relative to the first, so the wrap at ±π does not split them.
    const ref = dirs[0];
    if (ref === undefined) return null;
    return {
      directionRad: wrapAngleRad(ref + median(dirs.map((d) => wrapAngleRad(d - ref)))),
      speed: weightedMedian(speeds, weights),
    };
  });
}
