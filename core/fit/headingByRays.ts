import { type GroundPlane, groundZAt } from "../pointcloud/estimateLocalGround";
import { type RayBox, scoreBoxByRays } from "./scoreBoxByRays";
import { searchRectangleAngle } from "./searchRectangleAngle";

/** Headings tried over the half turn (the length on the first axis, so both axis choices). */
const COARSE_STEP_RAD = (3 * Math.PI) / 180;
/** The rays must favour another heading by this many points over the rectangle search's own. */
const MARGIN_POINTS = 3;
/** Around the heading the rays chose, the rectangle search refines within ± this. */
const REFINE_WINDOW_RAD = (6 * Math.PI) / 180;
/** Surface tolerance: points lie on the box's face within this, plus this per metre of range. */
const SURFACE_M = 0.15;
const SURFACE_PER_M = 0.003;
/** A line of sight must cross this much of a box before its point counts as seen through it. */
const SEE_THROUGH_M = 0.3;
/**
 * Points at bumper height block: any vehicle hides them. Lower is ground, seen under a car's body
 * at range; higher is a bonnet or roof behind the box's flat face, or seen over a low car.
 */
const BLOCKER_LOW_M = 0.3;
const BLOCKER_HIGH_M = 1;

export interface HeadingByRaysInput {
  /** The object's points (one per BEV cell), interleaved xy, cloud-local. */
  xy: Float32Array;
  /** Everything the lidar saw around it, ground and the object included: interleaved xyz. */
  surroundings: Float32Array;
  ground: GroundPlane;
  sensorM: { x: number; y: number };
  /** The rectangle search's heading, its length on the first axis. */
  closenessThetaRad: number;
  /** The box a heading implies (laid from the faces the lidar sees), or null when the points do not fit the class there. */
  boxAt: (thetaRad: number) => RayBox | null;
}

/**
 * The heading (its length on the first axis) of a new box: the rectangle search's, unless the
 * lidar's lines of sight (scoreBoxByRays) clearly favour the class-size box at another heading
 * over the half turn, in which case the rectangle search refines that one. The rectangle search
 * alone cannot tell a far car's rear, seen square-on with a slice of its roof, from a side: both
 * are a short blob; a box turned the wrong way would cover ground and background the lidar saw.
 * On the Argoverse log (one click per vehicle with ≥ 30 points): median BEV IoU 0.790 → 0.792,
 * ≥ 0.7 71.2% → 72.7%, median heading error 2.50° → 2.41°; SUSTechPOINTS unchanged (0.828, 80%).
 * Tried and dropped: the rays' heading without the rectangle search's margin (66–69%), a box
 * in 3D with the sensor's height (Argoverse's lidar frame is not at the sensor), and leaving the
 * object's own points out of the blockers (68.5%: its points behind the box's seen faces are
 * what tells a turned box from the right one).
 */
export function headingByRays(i: HeadingByRaysInput): number {
  let mx = 0;
  let my = 0;
  for (let j = 0; j < i.xy.length; j += 2) {
    mx += i.xy[j] ?? 0;
    my += i.xy[j + 1] ?? 0;
  }
  const n = i.xy.length / 2;
  if (n === 0) return i.closenessThetaRad;
  mx /= n;
  my /= n;
  const rangeM = Math.hypot(mx - i.sensorM.x, my - i.sensorM.y);
  const opts = {
    sensorM: i.sensorM,
    surfaceM: SURFACE_M + SURFACE_PER_M * rangeM,
    seeThroughM: SEE_THROUGH_M,
  };
  let reachM = 0;
  const probe = i.boxAt(i.closenessThetaRad) ?? i.boxAt(i.closenessThetaRad + Math.PI / 2);
  if (probe) reachM = Math.hypot(probe.max1 - probe.min1, probe.max2 - probe.min2) + 1;
  const blockers = lowPoints(i.surroundings, i.ground, mx, my, Math.max(reachM, 3));
  const score = (theta: number): number => {
    const box = i.boxAt(theta);
    return box ? scoreBoxByRays(box, i.xy, blockers, opts) : Number.NEGATIVE_INFINITY;
  };
  const own = score(i.closenessThetaRad);
  let best = i.closenessThetaRad;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < Math.PI - 1e-9; t += COARSE_STEP_RAD) {
    const v = score(t);
    if (v > bestScore) {
      best = t;
      bestScore = v;
    }
  }
  if (bestScore === Number.NEGATIVE_INFINITY || bestScore <= own + MARGIN_POINTS) return i.closenessThetaRad;
  return searchRectangleAngle(i.xy, best - REFINE_WINDOW_RAD, best + REFINE_WINDOW_RAD);
}

/** xy of the points BLOCKER_LOW_M–BLOCKER_HIGH_M above the ground within radiusM of (cx, cy). */
export function lowPoints(
  xyz: Float32Array,
  ground: GroundPlane,
  cx: number,
  cy: number,
  radiusM: number,
): Float32Array {
  const out: number[] = [];
  const r2 = radiusM * radiusM;
  for (let j = 0; j + 2 < xyz.length; j += 3) {
    const x = xyz[j] ?? 0;
    const y = xyz[j + 1] ?? 0;
    if ((x - cx) ** 2 + (y - cy) ** 2 > r2) continue;
    const h = (xyz[j + 2] ?? 0) - groundZAt(ground, x, y);
    if (h >= BLOCKER_LOW_M && h <= BLOCKER_HIGH_M) out.push(x, y);
  }
  return new Float32Array(out);
}
