import { rotatedExtents } from "./rotatedExtents";
import type { CuboidSize } from "../model/Cuboid";
import { alignYawModPi, wrapAngleRad } from "./angles";
import { type GroundPlane, groundZAt } from "../pointcloud/estimateLocalGround";
import { clearExtensionM } from "./clearExtensionM";
import { headingByRays, lowPoints } from "./headingByRays";
import type { RayBox } from "./scoreBoxByRays";
import { searchRectangleAngle } from "./searchRectangleAngle";

export interface FitOptions {
  /** The expected size: the class prior, the box being refitted, or the track's rigid size. */
  priorSize: CuboidSize;
  /** Use exactly `priorSize` (a track's rigid size) and only place and orient the box. */
  fixedSize?: boolean;
  /** Heading to stay near (mod π) and which of the two axes is the length. */
  yawHintRad?: number;
  /** With a hint: search the box axis within ±this of it. */
  yawWindowRad?: number;
  /** The lidar's position (cloud-local): the faces nearest to it are the ones seen. */
  sensorM: { x: number; y: number };
  /**
   * What the lidar saw around the object (cloud-local xyz, ground included): when given, a new
   * box's heading and which axis is its length are checked against the lines of sight
   * (headingByRays), not taken from the rectangle search and the extents alone.
   */
  rays?: { surroundings: Float32Array };
}

/** A fitted box in cloud-local coordinates plus how well it is supported. */
export interface FittedBox {
  centerM: { x: number; y: number; z: number };
  size: CuboidSize;
  yawRad: number;
  pointCount: number;
  /** Mean BEV distance of the object's points to the nearest box edge: lidar sees surfaces, so small is good. */
  meanEdgeDistanceM: number;
  /** Share of the object's BEV cells more than 0.2 m outside the box: points the box does not explain. */
  outsideShare: number;
}

/** Below this many points the shape search is noise: take the prior's shape around the points. */
const MIN_POINTS_FOR_SHAPE = 8;
/**
 * An observed extent is taken as the object's when a face spanning it faces the lidar and it is at
 * least MIN_SEEN_SHARE of the prior (shorter is occlusion), or, seen or not, when it reaches
 * FULL_SHARE of the prior. Otherwise the prior completes it. A seen face shorter than 85% of
 * the prior is more often cut by something in front of it, or thinned at its ends, than a shorter
 * object: at 0.5 the Argoverse log's auto-fit kept 2.4–3 m "seen" sides of 4.0–4.3 m cars
 * (≥ 0.7: 65.0% → 70.0%; synthetic 84.8% → 93.6%; SUSTechPOINTS unchanged at 80%).
 */
const MIN_SEEN_SHARE = 0.85;
const FULL_SHARE = 0.9;
/** The lidar must be this far outside a face's plane to see that face well. */
const FACE_SEEN_MARGIN_M = 0.2;
/** A face looked at closer than this to its plane is not seen well (see faceSeen). */
const MIN_GRAZING_RAD = (10 * Math.PI) / 180;
/**
 * A new box's length is completed from the prior only up to where this many bumper-high points
 * were seen through the space it would fill (clearExtensionM): a 6 m van whose prior is an 8 m
 * truck. Points, not cells: a wall behind returns dozens. On the Argoverse log (≥ 0.7): 3 points
 * 74.7%, 5 74.6%, 10 75.1%, 15 74.7% (from 74.2%); far cars whose heading is a few degrees off
 * sweep the space beside them, which fewer points let cut them short. Applied to the width too,
 * it narrowed cars seen from behind (74.5%).
 */
const MIN_SEEN_THROUGH = 10;
/** Each side of an observed extent grows by this: points lie on the surface, labels enclose it. */
const SURFACE_PAD_M = 0.05;

/**
 * Oriented box around an object's points. The yaw is the rectangle search's; each extent is the
 * observed one unless the object is partly seen, in which case the prior's extent is laid from the
 * face nearest the lidar (the one actually seen) away from it. Height spans ground to top point.
 */
export function fitBoxToSegment(segment: Float32Array, ground: GroundPlane, o: FitOptions): FittedBox | null {
  const n = segment.length / 3;
  if (n === 0) return null;
  const xy = dedupeBev(segment);
  let topZ = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) topZ = Math.max(topZ, segment[3 * i + 2] ?? 0);

  const sparse = n < MIN_POINTS_FOR_SHAPE;
  let theta: number;
  let lengthOnFirstAxis: boolean;
  if (o.yawHintRad !== undefined) {
    const w = sparse ? 0 : (o.yawWindowRad ?? 0.35);
    theta = w > 0 ? searchRectangleAngle(xy, o.yawHintRad - w, o.yawHintRad + w) : o.yawHintRad;
    lengthOnFirstAxis = true;
  } else {
    theta = sparse
      ? Math.atan2((xy[1] ?? 0) - o.sensorM.y, (xy[0] ?? 0) - o.sensorM.x) + Math.PI / 2
      : searchRectangleAngle(xy);
    const e = rotatedExtents(xy, theta);
    const p = o.priorSize;
    // A face the lidar looks at shows its whole extent (unless something hides it): of a car's
    // rear seen square-on plus 1.5 m of its roof, the rear is the width, not a side cut short.
    const c0 = Math.cos(theta);
    const s0 = Math.sin(theta);
    const sensor1 = o.sensorM.x * c0 + o.sensorM.y * s0;
    const sensor2 = -o.sensorM.x * s0 + o.sensorM.y * c0;
    const seen1 = !sparse && faceSeen(sensor2, e.min2, e.max2, sensor1 - (e.min1 + e.max1) / 2);
    const seen2 = !sparse && faceSeen(sensor1, e.min1, e.max1, sensor2 - (e.min2 + e.max2) / 2);
    const e1 = e.max1 - e.min1;
    const e2 = e.max2 - e.min2;
    lengthOnFirstAxis =
      extentCost(e1, p.lengthM, seen1) + extentCost(e2, p.widthM, seen2) <=
      extentCost(e2, p.lengthM, seen2) + extentCost(e1, p.widthM, seen1);
    if (o.rays && !sparse) {
      theta = headingByRays({
        xy,
        surroundings: o.rays.surroundings,
        ground,
        sensorM: o.sensorM,
        closenessThetaRad: lengthOnFirstAxis ? theta : theta + Math.PI / 2,
        boxAt: (t) => classBoxAt(xy, t, p, o.sensorM),
      });
      lengthOnFirstAxis = true;
    }
  }
  if (!lengthOnFirstAxis) theta += Math.PI / 2;

  const e = rotatedExtents(xy, theta);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const sensor1 = o.sensorM.x * c + o.sensorM.y * s;
  const sensor2 = -o.sensorM.x * s + o.sensorM.y * c;
  // The extent along axis 1 is fully seen when a face spanning it (perpendicular to axis 2) faces the lidar.
  const seen1 = faceSeen(sensor2, e.min2, e.max2, sensor1 - (e.min1 + e.max1) / 2);
  const seen2 = faceSeen(sensor1, e.min1, e.max1, sensor2 - (e.min2 + e.max2) / 2);
  const fixed = o.fixedSize === true;
  let [a1, b1] = completeExtent(e.min1, e.max1, o.priorSize.lengthM, sensor1, seen1 && !sparse, fixed);
  const [a2, b2] = completeExtent(e.min2, e.max2, o.priorSize.widthM, sensor2, seen2 && !sparse, fixed);
  if (o.rays && !sparse && !fixed) {
    // The prior completes the length only where the lidar did not see through the space it fills.
    const cx0 = ((a1 + b1) / 2) * c - ((a2 + b2) / 2) * s;
    const cy0 = ((a1 + b1) / 2) * s + ((a2 + b2) / 2) * c;
    const blockers = lowPoints(o.rays.surroundings, ground, cx0, cy0, Math.hypot(b1 - a1, b2 - a2) / 2 + 1);
    const lo = e.min1 - SURFACE_PAD_M;
    const hi = e.max1 + SURFACE_PAD_M;
    const base = {
      thetaRad: theta,
      sensorM: o.sensorM,
      min2: a2,
      max2: b2,
      blockers,
      minSeenThrough: MIN_SEEN_THROUGH,
    };
    if (b1 > hi + 1e-6 && a1 >= lo - 1e-6)
      b1 = hi + clearExtensionM({ ...base, fromM: hi, direction: 1, maxM: b1 - hi });
    else if (a1 < lo - 1e-6 && b1 <= hi + 1e-6)
      a1 = lo - clearExtensionM({ ...base, fromM: lo, direction: -1, maxM: lo - a1 });
  }
  const m1 = (a1 + b1) / 2;
  const m2 = (a2 + b2) / 2;
  const cx = m1 * c - m2 * s;
  const cy = m1 * s + m2 * c;
  const groundZ = groundZAt(ground, cx, cy);
  const observedHeight = topZ - groundZ;
  const heightM =
    o.fixedSize || sparse || observedHeight < 0.3 * o.priorSize.heightM
      ? o.priorSize.heightM
      : observedHeight;
  const yaw = o.yawHintRad !== undefined ? alignYawModPi(theta, o.yawHintRad) : canonicalYaw(theta);
  // A fixed size is returned as given, not as b − a: a track's boxes must share it bit for bit.
  const size = fixed ? { ...o.priorSize } : { lengthM: b1 - a1, widthM: b2 - a2, heightM };
  return {
    centerM: { x: cx, y: cy, z: groundZ + heightM / 2 },
    size,
    yawRad: yaw,
    pointCount: n,
    ...residuals(xy, theta, a1, b1, a2, b2),
  };
}

/**
 * A point set this much longer or wider than the class at a heading does not show the class at
 * that heading: the rays do not weigh it (a wide blob is a car's side, not its rear).
 * On the Argoverse log, 1.2 over 1.3 and 1.45: 72.7% ≥ 0.7 against 72.2% and 71.5%.
 */
const RAY_MAX_OVER = 1.2;

/**
 * The class-size box at heading `theta` (its length on the first axis) laid from the faces the
 * lidar sees, as completeExtent lays it; null when the points overflow the class there.
 */
function classBoxAt(
  xy: Float32Array,
  theta: number,
  p: CuboidSize,
  sensorM: { x: number; y: number },
): RayBox | null {
  const e = rotatedExtents(xy, theta);
  if (e.max1 - e.min1 > RAY_MAX_OVER * p.lengthM || e.max2 - e.min2 > RAY_MAX_OVER * p.widthM) return null;
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const [min1, max1] = completeExtent(e.min1, e.max1, p.lengthM, sensorM.x * c + sensorM.y * s, false, false);
  const [min2, max2] = completeExtent(e.min2, e.max2, p.widthM, -sensorM.x * s + sensorM.y * c, false, false);
  return { thetaRad: theta, min1, max1, min2, max2 };
}

/**
 * Whether a face lying across [min, max] on one axis (i.e. spanning the other axis) is seen well:
 * the lidar must be outside its plane by FACE_SEEN_MARGIN_M and look at it at least
 * MIN_GRAZING_RAD off the plane (`alongM`: the sensor's offset from the face's middle along it).
 * At a grazing look a face returns few, spread-out points and its far end is lost before the
 * object ends (KITTI 000002's car at 35 m: its side seen at 4.5°, points over 2 of its 4 m).
 */
function faceSeen(sensor: number, min: number, max: number, alongM: number): boolean {
  const offsetM = sensor < min ? min - sensor : sensor > max ? sensor - max : 0;
  return offsetM > FACE_SEEN_MARGIN_M && offsetM >= Math.abs(alongM) * Math.tan(MIN_GRAZING_RAD);
}

/** Yaw in (−π/2, π/2]: without motion or a hint, front and back cannot be told apart. */
const canonicalYaw = (theta: number): number => {
  const w = wrapAngleRad(theta);
  return w > Math.PI / 2 ? w - Math.PI : w <= -Math.PI / 2 ? w + Math.PI : w;
};

/**
 * How implausible an observed extent is for a prior one: longer than the prior costs 4× as much as
 * shorter (occlusion shortens, nothing lengthens), and shorter costs as much as longer along a
 * face the lidar sees well (`seen`), which shows its whole extent.
 */
function extentCost(observed: number, prior: number, seen = false): number {
  const r = (observed - prior) / prior;
  return r > 0 || seen ? 4 * r * r : r * r;
}

/** [lo, hi] along an axis: observed (padded), or the prior extent laid from the face nearest the sensor. */
function completeExtent(
  min: number,
  max: number,
  prior: number,
  sensor: number,
  faceSeen: boolean,
  fixed: boolean,
): [number, number] {
  const lo = min - SURFACE_PAD_M;
  const hi = max + SURFACE_PAD_M;
  const observed = hi - lo;
  if (!fixed && (observed >= FULL_SHARE * prior || (faceSeen && observed >= MIN_SEEN_SHARE * prior)))
    return [lo, hi];
  if (fixed && observed >= prior) {
    const mid = (lo + hi) / 2;
    return [mid - prior / 2, mid + prior / 2];
  }
  if (sensor <= lo) return [lo, lo + prior];
  if (sensor >= hi) return [hi - prior, hi];
  // The sensor is level with the object along this axis: both ends are equally (un)seen.
  const mid = (lo + hi) / 2;
  return [mid - prior / 2, mid + prior / 2];
}

/**
 * How well the rectangle [a1, b1] × [a2, b2] (axes at theta) explains the points: their mean
 * distance to its nearest edge, and the share lying more than 0.2 m outside it.
 */
function residuals(xy: Float32Array, theta: number, a1: number, b1: number, a2: number, b2: number) {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const m = 0.2;
  let sum = 0;
  let outside = 0;
  for (let i = 0; i < xy.length; i += 2) {
    const a = (xy[i] ?? 0) * c + (xy[i + 1] ?? 0) * s;
    const b = -(xy[i] ?? 0) * s + (xy[i + 1] ?? 0) * c;
    sum += Math.min(Math.abs(a - a1), Math.abs(b1 - a), Math.abs(b - a2), Math.abs(b2 - b));
    if (a < a1 - m || a > b1 + m || b < a2 - m || b > b2 + m) outside++;
  }
  const n = xy.length / 2;
  return { meanEdgeDistanceM: sum / n, outsideShare: outside / n };
}

/** One point per occupied 5 cm BEV cell: a face hit by 10 rings counts once, not 10 times. */
function dedupeBev(segment: Float32Array): Float32Array {
  const seen = new Set<number>();
  const out = new Float32Array((segment.length / 3) * 2);
  let k = 0;
  for (let j = 0; j < segment.length; j += 3) {
    const key = Math.floor((segment[j] ?? 0) / 0.05) * 1_000_003 + Math.floor((segment[j + 1] ?? 0) / 0.05);
    if (seen.has(key)) continue;
    seen.add(key);
    out[k++] = segment[j] ?? 0;
    out[k++] = segment[j + 1] ?? 0;
  }
  return out.subarray(0, k);
}
