import type { CuboidSize } from "../../core/model/Cuboid";
import type { Vec3 } from "../../core/geometry/vec3";
import { estimateAzimuthStepRad } from "./estimateAzimuthStepRad";
import { estimateLocalGround, groundZAt } from "./estimateLocalGround";
import { type FrameIndex, gatherDisc } from "./FrameIndex";
import { type FitOptions, fitBoxToSegment } from "./fitBoxToSegment";
import { segmentObject } from "./segmentObject";

export interface FitNearRequest {
  /** Where the object is (lidar coordinates): a click, a box centre, a prediction. */
  seedM: Vec3;
  priorSize: CuboidSize;
  fixedSize?: boolean;
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
  const segment = segmentObject(disc, ground, {
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
    // Fragments join for a new or refitted box; a tracked box (fixed size) keeps to its own
    // component, as a neighbour's fragments would pull it off its track.
    ...(r.fixedSize
      ? {}
      : {
          footprint: { lengthM: p.lengthM, widthM: p.widthM },
          fragmentGapM: FRAGMENT_GAP_M + FRAGMENT_GAP_PER_M * rangeM,
        }),
  });
  const fitOptions: FitOptions = { priorSize: p, sensorM: { x: -o.x, y: -o.y } };
  if (r.fixedSize !== undefined) fitOptions.fixedSize = r.fixedSize;
  if (r.yawHintRad !== undefined) fitOptions.yawHintRad = r.yawHintRad;
  if (r.yawWindowRad !== undefined) fitOptions.yawWindowRad = r.yawWindowRad;
  const fitted = fitBoxToSegment(segment, ground, fitOptions);
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
