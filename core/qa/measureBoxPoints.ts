import { estimateLocalGround, groundZAt } from "../pointcloud/estimateLocalGround";
import { type FrameIndex, gatherDisc } from "../pointcloud/FrameIndex";
import type { QaBox } from "./QaInput";

/** Side faces in box coordinates: +x front, −x back, +y left, −y right. */
export const FACES = ["front", "back", "left", "right"] as const;
export type Face = (typeof FACES)[number];

/** What the points say about one box (lidar coordinates of its frame). */
export interface BoxPointEvidence {
  /** Points inside the box and clear of the ground (object points). */
  objectPoints: number;
  /** Ground height under the box centre, or null when too little ground was seen. */
  groundZM: number | null;
  /** Object-height points in a band of `shellM` just outside each side face. */
  outsideByFace: Record<Face, number>;
  /** Distance from each side face in to the nearest object point (NaN without points). */
  gapByFace: Record<Face, number>;
  /** Points at the box's height within a few metres behind it, in its direction from the sensor: the lidar saw through it. */
  seeThroughPoints: number;
  /**
   * Object-height points in a band of NEAR_M around the footprint (outside it, and outside the
   * other labelled boxes): an object the box was pushed off leaves its points here.
   */
  nearPoints: number;
  /**
   * Points in the footprint from UNDER_TOP_M to UNDER_BOTTOM_M below the bottom face (and clear of
   * the local ground when it is known): a box on the ground has only earth there, a box lifted
   * off its object has the object's lower part there.
   */
  underPoints: number;
  /**
   * Centroid of the object-height points inside the footprint and in the NEAR_M band around it
   * (those of other labelled boxes left out) minus the box centre, lidar axes, metres; null
   * without such points. A box pushed off its object sees this shift by the push, the opposite way.
   */
  aroundCentroidM: { x: number; y: number } | null;
  /** How many points that centroid is of. */
  aroundPoints: number;
}

/** Points this close above the ground are ground, not object (curbs, grass, noise of a 0.1 m ground). */
const GROUND_CLEARANCE_M = 0.25;
/** Ground is fitted to 1 m cells this far around the box footprint (2 m: within 5% of 3 m on the seeded sets, a third less work). */
const GROUND_RADIUS_M = 2;
const MIN_GROUND_CELLS = 6;
/** Points this far below the fitted ground, this many of them in the footprint, refute the fit. */
const GROUND_CONTRADICTION_M = 0.3;
const MIN_CONTRADICTING_POINTS = 3;
/** Width of the band around the footprint counted as nearPoints, metres (the ~1 m a box is pushed off by). */
export const NEAR_M = 1;
/** The slab under the bottom face counted as underPoints, metres below it: 0.15 m spares the ground's noise. */
const UNDER_TOP_M = 0.15;
const UNDER_BOTTOM_M = 0.6;

/**
 * Counts a box's points: inside (clear of the ground), in a band of `shellM` outside each side
 * face (points inside `neighbours`, the other labelled boxes around, are theirs), the gap between each face and the object's points, and the local ground (lowest point of
 * each 1 m cell around the box, planar fit: core/pointcloud/estimateLocalGround). Yaw-only boxes:
 * pitch and roll are ignored, as in gatherBoxPoints.
 */
export function measureBoxPoints(
  index: FrameIndex,
  box: QaBox,
  shellM: number,
  neighbours: readonly QaBox[] = [],
  /** The ground is fitted only for boxes this near (the ground checks' reach; the fit is half the cost). */
  groundRangeM = Number.POSITIVE_INFINITY,
): BoxPointEvidence {
  const o = index.originM;
  const cx = box.centerM.x - o.x;
  const cy = box.centerM.y - o.y;
  const hl = box.size.lengthM / 2;
  const hw = box.size.widthM / 2;
  const radius = Math.hypot(hl, hw) + GROUND_RADIUS_M;
  const disc = gatherDisc(index, cx, cy, radius);
  const plane =
    Math.hypot(box.centerM.x, box.centerM.y) <= groundRangeM
      ? estimateLocalGround(disc, cx, cy, radius)
      : null;
  const groundLocal = plane && plane.supportCells >= MIN_GROUND_CELLS ? groundZAt(plane, cx, cy) : null;
  const bottom = box.centerM.z - o.z - box.size.heightM / 2;
  const top = bottom + box.size.heightM;
  const floor = Math.max(bottom, (groundLocal ?? Number.NEGATIVE_INFINITY) + GROUND_CLEARANCE_M);
  const c = Math.cos(box.yawRad);
  const s = Math.sin(box.yawRad);
  const outsideByFace = { front: 0, back: 0, left: 0, right: 0 };
  // The box seen from the sensor (lidar origin): its range, and its half-extents along and across the ray.
  const rangeM = Math.hypot(box.centerM.x, box.centerM.y);
  const rayX = rangeM > 0 ? box.centerM.x / rangeM : 1;
  const rayY = rangeM > 0 ? box.centerM.y / rangeM : 0;
  const cosRay = Math.abs(rayX * c + rayY * s);
  const sinRay = Math.abs(rayX * -s + rayY * c);
  const alongM = hl * cosRay + hw * sinRay;
  const acrossM = hl * sinRay + hw * cosRay;
  let seeThroughPoints = 0;
  // Points in the footprint well below the fitted ground: the fit took a raised surface (a wall's
  // foot, a parked car's roof line) for the ground, and the box cannot be judged against it.
  let belowGroundPoints = 0;
  const groundFloor = groundLocal === null ? Number.NEGATIVE_INFINITY : groundLocal - GROUND_CONTRADICTION_M;
  let objectPoints = 0;
  let nearPoints = 0;
  let underPoints = 0;
  const underTop = bottom - UNDER_TOP_M;
  const underBottom = Math.max(
    bottom - UNDER_BOTTOM_M,
    (groundLocal ?? Number.NEGATIVE_INFINITY) + GROUND_CLEARANCE_M,
  );
  const nearL = hl + Math.max(shellM, NEAR_M);
  const nearW = hw + Math.max(shellM, NEAR_M);
  let sumU = 0;
  let sumV = 0;
  let maxU = Number.NEGATIVE_INFINITY;
  let minU = Number.POSITIVE_INFINITY;
  let maxV = Number.NEGATIVE_INFINITY;
  let minV = Number.POSITIVE_INFINITY;
  for (let j = 0; j + 2 < disc.length; j += 3) {
    // In range by the loop's bound; `?? NaN` only satisfies the index type (a NaN point counts nowhere).
    const px = disc[j] ?? Number.NaN;
    const py = disc[j + 1] ?? Number.NaN;
    const z = disc[j + 2] ?? Number.NaN;
    const dx = px - cx;
    const dy = py - cy;
    if (z < underTop || z < groundFloor) {
      const inFootprint = Math.abs(c * dx + s * dy) <= hl && Math.abs(-s * dx + c * dy) <= hw;
      if (inFootprint && z < groundFloor) belowGroundPoints++;
      if (inFootprint && z < underTop && z >= underBottom) underPoints++;
    }
    if (z < floor || z > top) continue;
    // Behind the box along the ray, within its angular width (scaled to the point's range).
    const along = dx * rayX + dy * rayY;
    if (along > alongM && Math.abs(dy * rayX - dx * rayY) * rangeM <= acrossM * (rangeM + along))
      seeThroughPoints++;
    const u = c * dx + s * dy;
    const v = -s * dx + c * dy;
    const au = Math.abs(u);
    const av = Math.abs(v);
    if (au <= hl && av <= hw) {
      objectPoints++;
      sumU += u;
      sumV += v;
      if (u > maxU) maxU = u;
      if (u < minU) minU = u;
      if (v > maxV) maxV = v;
      if (v < minV) minV = v;
    } else if (au <= nearL && av <= nearW && !insideAny(neighbours, px + o.x, py + o.y)) {
      if (au <= hl + NEAR_M && av <= hw + NEAR_M) {
        nearPoints++;
        sumU += u;
        sumV += v;
      }
      // The face the point is farthest beyond owns it (a corner point goes to one face).
      if (au <= hl + shellM && av <= hw + shellM) {
        if (au - hl > av - hw) outsideByFace[u > 0 ? "front" : "back"]++;
        else outsideByFace[v > 0 ? "left" : "right"]++;
      }
    }
  }
  const aroundPoints = objectPoints + nearPoints;
  const mu = aroundPoints > 0 ? sumU / aroundPoints : 0;
  const mv = aroundPoints > 0 ? sumV / aroundPoints : 0;
  const gap = (d: number) => (objectPoints > 0 ? d : Number.NaN);
  return {
    objectPoints,
    groundZM:
      groundLocal === null || belowGroundPoints >= MIN_CONTRADICTING_POINTS ? null : groundLocal + o.z,
    outsideByFace,
    gapByFace: { front: gap(hl - maxU), back: gap(hl + minU), left: gap(hw - maxV), right: gap(hw + minV) },
    seeThroughPoints,
    nearPoints,
    underPoints,
    aroundCentroidM: aroundPoints > 0 ? { x: c * mu - s * mv, y: s * mu + c * mv } : null,
    aroundPoints,
  };
}

/** Whether a side face of the box faces the sensor (at the lidar origin), so the lidar can see it. */
export function faceSeenFromOrigin(box: QaBox, face: Face): boolean {
  const c = Math.cos(box.yawRad);
  const s = Math.sin(box.yawRad);
  const [nx, ny, half] =
    face === "front"
      ? [c, s, box.size.lengthM / 2]
      : face === "back"
        ? [-c, -s, box.size.lengthM / 2]
        : face === "left"
          ? [-s, c, box.size.widthM / 2]
          : [s, -c, box.size.widthM / 2];
  // Seen when the origin lies on the outer side of the face's plane: (origin − faceCentre)·n > 0.
  return (box.centerM.x + nx * half) * nx + (box.centerM.y + ny * half) * ny < 0;
}

/** Whether (x, y), lidar coordinates, lies in the footprint of any of the boxes. */
function insideAny(boxes: readonly QaBox[], x: number, y: number): boolean {
  for (const b of boxes) {
    const dx = x - b.centerM.x;
    const dy = y - b.centerM.y;
    const c = Math.cos(b.yawRad);
    const s = Math.sin(b.yawRad);
    if (Math.abs(c * dx + s * dy) <= b.size.lengthM / 2 && Math.abs(-s * dx + c * dy) <= b.size.widthM / 2)
      return true;
  }
  return false;
}
