import type { CuboidSize } from "../../core/model/Cuboid";
import type { Vec3 } from "../../core/geometry/vec3";
import { estimateAzimuthStepRad } from "./estimateAzimuthStepRad";
import { estimateLocalGround, groundZAt } from "./estimateLocalGround";
import { type FrameIndex, gatherDisc } from "./FrameIndex";
import { type FitOptions, fitBoxToSegment } from "./fitBoxToSegment";
import { searchRectangleAngle } from "./searchRectangleAngle";
import { type SegmentOptions, segmentObject } from "./segmentObject";

export interface FitNearRequest {
  /** Where the object is (lidar coordinates): a click, a box centre, a prediction. */
  seedM: Vec3;
  priorSize: CuboidSize;
  fixedSize?: boolean;
  /**
   * With fixedSize: where the object's own component has fewer than 30 points, take in its
   * fragments as a new box does (a moving vehicle followed from frame to frame; default false).
   */
  joinSparseFragments?: boolean;
  yawHintRad?: number;
  yawWindowRad?: number;
  /** How far (BEV) the object's nearest point may be from the seed; default: half the prior's length + 0.6 m. */
  maxSeedDistanceM?: number;
  /** How far (BEV) from the seed the object may extend; default: 1.2 × the prior's half diagonal + 0.6 m, at most the ground disc's radius. */
  maxRadiusM?: number;
}

/** A box in lidar coordinates with its support; null box when no object point was near the seed. */
export interface FitNearResult {
  box: { centerM: Vec3; size: CuboidSize; yawRad: number } | null;
  pointCount: number;
  meanEdgeDistanceM: number;
  /** Share of the object's points the box leaves out (see FittedBox). */
  outsideShare: number;
  groundZM: number;
}

/**
 * Across the line of sight a surface's neighbouring returns are one azimuth step apart (range ×
 * step), so a gap of a few steps, and at least MIN_TANGENTIAL_LINK_M, separates two objects (a car
 * and the hedge beside it); along it, the gaps between rings grow much faster with range.
 */
const MIN_TANGENTIAL_LINK_M = 0.3;
const TANGENTIAL_LINK_STEPS = 2.5;
/**
 * Whatever the cap, two returns one azimuth step apart (with some jitter) always link: with a
 * coarse scan far away they lie farther apart than linkDistanceM, and a truck's rear face at
 * 61 m seen by a 0.72° scan (0.77 m apart) fell apart into single points. Real 0.08–0.2° scans
 * reach that only beyond ~100 m.
 */
const NEIGHBOUR_LINK_STEPS = 1.5;

/**
 * Fragments of one object lie this close (plus this much per metre of range: rings on a roof
 * spread with range) to the rest of it.
 */
const FRAGMENT_GAP_M = 0.5;
const FRAGMENT_GAP_PER_M = 0.03;
/**
 * …but across the line of sight only this close (or a few azimuth steps on a coarse scan): what
 * stands beside a car at its range (KITTI 000002's pole 0.5 m beside a car's rear at 35 m) is
 * another object, which turned that car's box across the road. 0.3–0.8 m all did as well on the
 * Argoverse log (≥ 0.7: 72.7% → 73.0–73.4%; SUSTechPOINTS 80% → 82.5%); 0.2 m gained nothing.
 */
const FRAGMENT_TANGENTIAL_GAP_M = 0.45;

/**
 * A click on an object lies behind the face the lidar sees of it, up to half its length away: in
 * front of the click (towards the lidar) a point's distance along the line of sight counts half
 * when a new box picks its object. A far car's rear 2.5 m in front of the click lost to a
 * neighbour's few returns 2.6 m beside it. Argoverse log (≥ 0.7): 73.4% → 74.2% (≥ 45 m 53% →
 * 58%), SUSTechPOINTS 82.5% → 85.0%; 0.3 and 0.7 did the same.
 */
const FRONT_DISTANCE_SCALE = 0.5;

/** A tracked box's own component with fewer points than this takes in its fragments too. */
const TRACKED_FRAGMENTS_BELOW_POINTS = 30;

/** A segment this much larger than the class footprint holds something else too. */
const OVERSIZE_LENGTH = 1.25;
const OVERSIZE_WIDTH = 1.3;
/** The window kept of an oversized segment: the footprint grown by this share. */
const WINDOW_SLACK = 1.15;
const WINDOW_STEP_M = 0.2;

/**
 * A new box's segment that is much larger than the class footprint (a near car joined to the hedge
 * or the car beside it) is cut to the footprint-sized window, at the segment's own heading, that
 * holds the click and the most points: the object is what fills the footprint at the click.
 */
function trimToFootprint(
  segment: Float32Array,
  prior: { lengthM: number; widthM: number },
  clickX: number,
  clickY: number,
): Float32Array {
  const n = segment.length / 3;
  if (n < 8) return segment;
  const xy = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = segment[3 * i] ?? 0;
    xy[2 * i + 1] = segment[3 * i + 1] ?? 0;
  }
  const theta = searchRectangleAngle(xy);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  let minA = Number.POSITIVE_INFINITY;
  let maxA = Number.NEGATIVE_INFINITY;
  let minB = Number.POSITIVE_INFINITY;
  let maxB = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    a[i] = c * (xy[2 * i] ?? 0) + s * (xy[2 * i + 1] ?? 0);
    b[i] = -s * (xy[2 * i] ?? 0) + c * (xy[2 * i + 1] ?? 0);
    minA = Math.min(minA, a[i] ?? 0);
    maxA = Math.max(maxA, a[i] ?? 0);
    minB = Math.min(minB, b[i] ?? 0);
    maxB = Math.max(maxB, b[i] ?? 0);
  }
  const eA = maxA - minA;
  const eB = maxB - minB;
  const fits = (e1: number, e2: number) =>
    e1 <= prior.lengthM * OVERSIZE_LENGTH && e2 <= prior.widthM * OVERSIZE_WIDTH;
  if (fits(eA, eB) || fits(eB, eA)) return segment;
  const ca = c * clickX + s * clickY;
  const cb = -s * clickX + c * clickY;
  const L = prior.lengthM * WINDOW_SLACK;
  const W = prior.widthM * WINDOW_SLACK;
  let best = { count: -1, a0: 0, b0: 0, wa: 0, wb: 0 };
  for (const [wa, wb] of [
    [L, W],
    [W, L],
  ] as const) {
    // Window starts along each axis: over the segment, and only where the window holds the click.
    const starts = (min: number, max: number, w: number, click: number) => {
      const lo = Math.max(min, click - w);
      const hi = Math.min(max - w, click);
      if (hi < lo) return [Math.min(Math.max((min + max - w) / 2, click - w), click)];
      const out: number[] = [];
      for (let t = lo; t <= hi + 1e-9; t += WINDOW_STEP_M) out.push(t);
      return out;
    };
    for (const a0 of starts(minA, maxA, wa, ca))
      for (const b0 of starts(minB, maxB, wb, cb)) {
        let count = 0;
        for (let i = 0; i < n; i++)
          if ((a[i] ?? 0) >= a0 && (a[i] ?? 0) <= a0 + wa && (b[i] ?? 0) >= b0 && (b[i] ?? 0) <= b0 + wb)
            count++;
        if (count > best.count) best = { count, a0, b0, wa, wb };
      }
  }
  if (best.count < 8) return segment;
  const out = new Float32Array(3 * best.count);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (
      (a[i] ?? 0) < best.a0 ||
      (a[i] ?? 0) > best.a0 + best.wa ||
      (b[i] ?? 0) < best.b0 ||
      (b[i] ?? 0) > best.b0 + best.wb
    )
      continue;
    out[k++] = segment[3 * i] ?? 0;
    out[k++] = segment[3 * i + 1] ?? 0;
    out[k++] = segment[3 * i + 2] ?? 0;
  }
  return out;
}

/**
 * The one pipeline behind auto-fit, refit and propagation: local ground → region growing from the
 * seed → rectangle search → prior completion. Touches only the index cells near the seed, so its
 * cost depends on the object, not the frame (the frame's cost is paid once in buildFrameIndex).
 */
export function fitNear(index: FrameIndex, r: FitNearRequest): FitNearResult {
  const o = index.originM;
  const sx = r.seedM.x - o.x;
  const sy = r.seedM.y - o.y;
  const p = r.priorSize;
  const halfDiagM = Math.hypot(p.lengthM, p.widthM) / 2;
  const groundRadiusM = Math.max(6, halfDiagM + 3);
  const disc = gatherDisc(index, sx, sy, groundRadiusM);
  const ground = estimateLocalGround(disc, sx, sy, groundRadiusM);
  const rangeM = Math.hypot(r.seedM.x, r.seedM.y);
  const linkDistanceM = Math.min(0.6, 0.3 + 0.01 * rangeM);
  const azimuthStepRad = estimateAzimuthStepRad(disc, -o.x, -o.y);
  const own: SegmentOptions = {
    seedX: sx,
    seedY: sy,
    maxSeedDistanceM: r.maxSeedDistanceM ?? Math.max(p.lengthM, p.widthM) / 2 + 0.6,
    maxRadiusM: Math.min(groundRadiusM, r.maxRadiusM ?? halfDiagM * 1.2 + 0.6),
    minHeightAboveGroundM: 0.25,
    maxHeightAboveGroundM: p.heightM + 1,
    linkDistanceM,
    tangentialLinkDistanceM: Number.isFinite(azimuthStepRad)
      ? Math.max(
          Math.min(
            linkDistanceM,
            Math.max(MIN_TANGENTIAL_LINK_M, TANGENTIAL_LINK_STEPS * azimuthStepRad * rangeM),
          ),
          NEIGHBOUR_LINK_STEPS * azimuthStepRad * rangeM,
        )
      : linkDistanceM,
    sensorX: -o.x,
    sensorY: -o.y,
  };
  const fragments = {
    footprint: { lengthM: p.lengthM, widthM: p.widthM },
    fragmentGapM: FRAGMENT_GAP_M + FRAGMENT_GAP_PER_M * rangeM,
    fragmentTangentialGapM: Math.max(
      FRAGMENT_TANGENTIAL_GAP_M,
      Number.isFinite(azimuthStepRad) ? TANGENTIAL_LINK_STEPS * azimuthStepRad * rangeM : 0,
    ),
  };
  // Fragments join for a new or refitted box. A tracked box (fixed size) keeps to its own
  // component, as a neighbour's fragments would pull it off its track (a car at 17 m with 250
  // points: BEV IoU 0.96 → 0.86) — unless that component is sparse: a far car seen from its front
  // shows its bumper rings 1.2 m before its windscreen's, and on the windscreen alone the box's
  // front went there (a car receding to 35 m at 15 Hz: 1–3 m off, its track lost).
  let segment = segmentObject(
    disc,
    ground,
    r.fixedSize ? own : { ...own, ...fragments, frontDistanceScale: FRONT_DISTANCE_SCALE },
  );
  if (r.fixedSize && r.joinSparseFragments && segment.length / 3 < TRACKED_FRAGMENTS_BELOW_POINTS)
    segment = segmentObject(disc, ground, { ...own, ...fragments });
  const fitOptions: FitOptions = { priorSize: p, sensorM: { x: -o.x, y: -o.y } };
  // A new box's heading is checked against what the lidar saw around it (headingByRays).
  if (!r.fixedSize && r.yawHintRad === undefined) fitOptions.rays = { surroundings: disc };
  if (r.fixedSize !== undefined) fitOptions.fixedSize = r.fixedSize;
  if (r.yawHintRad !== undefined) fitOptions.yawHintRad = r.yawHintRad;
  if (r.yawWindowRad !== undefined) fitOptions.yawWindowRad = r.yawWindowRad;
  const fitted = fitBoxToSegment(
    r.fixedSize || r.yawHintRad !== undefined ? segment : trimToFootprint(segment, p, sx, sy),
    ground,
    fitOptions,
  );
  const groundZM = groundZAt(ground, sx, sy) + o.z;
  if (!fitted)
    return {
      box: null,
      pointCount: 0,
      meanEdgeDistanceM: Number.POSITIVE_INFINITY,
      outsideShare: 1,
      groundZM,
    };
  return {
    box: {
      centerM: { x: fitted.centerM.x + o.x, y: fitted.centerM.y + o.y, z: fitted.centerM.z + o.z },
      size: fitted.size,
      yawRad: fitted.yawRad,
    },
    pointCount: fitted.pointCount,
    meanEdgeDistanceM: fitted.meanEdgeDistanceM,
    outsideShare: fitted.outsideShare,
    groundZM,
  };
}
