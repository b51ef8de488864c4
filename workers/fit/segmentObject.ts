import { must } from "../../core/model/must";
import { type GroundPlane, groundZAt } from "./estimateLocalGround";

export interface SegmentOptions {
  /**
   * Points nearer the lidar than the seed count their distance along the line of sight times this
   * (default 1): a click on an object lies behind the face the lidar sees of it.
   */
  frontDistanceScale?: number;
  /** Where to start growing (cloud-local metres): the point nearest to it seeds the object. */
  seedX: number;
  seedY: number;
  /** Only points this close to (seedX, seedY) vote for their component: farther, the click missed it. */
  maxSeedDistanceM: number;
  /** Growth stays inside this disc around the seed position (the largest plausible object). */
  maxRadiusM: number;
  /** Points lower than this above the ground are ground. */
  minHeightAboveGroundM: number;
  /** Points higher than this above the ground (trees, signs) are not the object. */
  maxHeightAboveGroundM: number;
  /** Two occupied cells closer than this along the line of sight (radially) are the same object. */
  linkDistanceM: number;
  /**
   * Across the line of sight (tangentially) cells join only this close: a lidar samples densely in
   * azimuth and sparsely in elevation, so the range-grown gap between rings (a roof, a bonnet seen
   * from afar) is radial, while a tangential gap is a real gap (a car beside a hedge or a pole).
   * Default: linkDistanceM (isotropic). May exceed linkDistanceM (a coarse scan far away).
   */
  tangentialLinkDistanceM?: number;
  /** The lidar's position (cloud-local): defines radial and tangential. Default: the origin. */
  sensorX?: number;
  sensorY?: number;
  /**
   * The class's footprint: other components join the chosen one, biggest first, while all of them
   * together still fit inside it (at some heading). A far car comes apart into its roof, its side
   * and its rear — rings metres apart along the line of sight — and the object is all of them.
   */
  footprint?: { lengthM: number; widthM: number };
  /** …and only components this close (BEV, metres) to the ones already joined (default 1). */
  fragmentGapM?: number;
  /**
   * …and, across the line of sight, only this close (default fragmentGapM): a far car's
   * fragments (roof, bonnet, rear) lie one behind the other along the line of sight, while what
   * stands beside it at the same range (a pole, a hedge, the next car) is another object.
   */
  fragmentTangentialGapM?: number;
}

const CELL_M = 0.1;

/**
 * Connected components on a 0.1 m BEV occupancy grid of the above-ground points (cells within
 * `linkDistanceM` join); the object is the component with the most points near the seed. BEV, not
 * 3D, because a lidar samples a vehicle's side in rings that can be 0.5 m apart vertically but
 * stack in plan view. Returns the object's points, xyz interleaved (cloud-local).
 */
export function segmentObject(xyz: Float32Array, ground: GroundPlane, o: SegmentOptions): Float32Array {
  const r = o.maxRadiusM;
  const side = Math.ceil((2 * r) / CELL_M) + 1;
  const x0 = o.seedX - r;
  const y0 = o.seedY - r;
  const count = xyz.length / 3;
  const cellOf = new Int32Array(count).fill(-1);
  const countPerCell = new Uint16Array(side * side);
  const r2 = r * r;
  for (let i = 0; i < count; i++) {
    const x = xyz[3 * i] ?? 0;
    const y = xyz[3 * i + 1] ?? 0;
    const h = (xyz[3 * i + 2] ?? 0) - groundZAt(ground, x, y);
    if (h < o.minHeightAboveGroundM || h > o.maxHeightAboveGroundM) continue;
    const dx = x - o.seedX;
    const dy = y - o.seedY;
    if (dx * dx + dy * dy > r2) continue;
    const c = Math.floor((y - y0) / CELL_M) * side + Math.floor((x - x0) / CELL_M);
    cellOf[i] = c;
    if ((countPerCell[c] ?? 0) < 65535) countPerCell[c] = (countPerCell[c] ?? 0) + 1;
  }
  // Label every connected component, scoring each by its points near the seed (weight falls
  // linearly to 0 at maxSeedDistanceM): a stray point nearest the click (a return through a
  // window, a kerb stone) must not win over the object around it.
  const component = new Int32Array(side * side).fill(-1);
  const queue = new Int32Array(side * side);
  const reach = Math.max(1, Math.round(o.linkDistanceM / CELL_M));
  const reachT = Math.max(1, Math.round((o.tangentialLinkDistanceM ?? o.linkDistanceM) / CELL_M));
  const reachMax = Math.max(reach, reachT);
  // Unit line of sight from the lidar to the seed; over one object it barely turns.
  const losX = o.seedX - (o.sensorX ?? 0);
  const losY = o.seedY - (o.sensorY ?? 0);
  const losNorm = Math.hypot(losX, losY) || 1;
  const ux = losX / losNorm;
  const uy = losY / losNorm;
  // Offsets (cells) that link: inside the ellipse with semi-axes reach (radial) and reachT (tangential).
  const offsets: number[] = [];
  for (let dy = -reachMax; dy <= reachMax; dy++) {
    for (let dx = -reachMax; dx <= reachMax; dx++) {
      if (dx === 0 && dy === 0) continue;
      const radial = dx * ux + dy * uy;
      const tangential = -dx * uy + dy * ux;
      if ((radial / reach) ** 2 + (tangential / reachT) ** 2 <= 1 + 1e-9) offsets.push(dx, dy);
    }
  }
  const seedR = o.maxSeedDistanceM;
  const frontScale = o.frontDistanceScale ?? 1;
  let best = -1;
  let bestScore = 0;
  let label = 0;
  for (let start = 0; start < side * side; start++) {
    if (countPerCell[start] === 0 || component[start] !== -1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    component[start] = label;
    let score = 0;
    while (head < tail) {
      const c = queue[head++] ?? 0;
      const cx = c % side;
      const cy = (c - cx) / side;
      const ox = (cx + 0.5) * CELL_M - r;
      const oy = (cy + 0.5) * CELL_M - r;
      const radial = ox * ux + oy * uy;
      const d = Math.hypot(radial < 0 ? radial * frontScale : radial, -ox * uy + oy * ux);
      if (d < seedR) score += (countPerCell[c] ?? 0) * (1 - d / seedR);
      for (let q = 0; q < offsets.length; q += 2) {
        const nx = cx + (offsets[q] ?? 0);
        const ny = cy + (offsets[q + 1] ?? 0);
        if (nx < 0 || nx >= side || ny < 0 || ny >= side) continue;
        const nc = ny * side + nx;
        if ((countPerCell[nc] ?? 0) > 0 && component[nc] === -1) {
          component[nc] = label;
          queue[tail++] = nc;
        }
      }
    }
    if (score > bestScore) {
      bestScore = score;
      best = label;
    }
    label++;
  }
  if (best < 0) return new Float32Array(0);
  const chosen = new Uint8Array(label);
  chosen[best] = 1;
  if (o.footprint)
    mergeFragments(component, countPerCell, side, label, best, chosen, o.footprint, {
      radialM: o.fragmentGapM ?? 1,
      tangentialM: o.fragmentTangentialGapM ?? o.fragmentGapM ?? 1,
      ux,
      uy,
    });
  let k = 0;
  const out = new Float32Array(xyz.length);
  for (let i = 0; i < count; i++) {
    const cell = cellOf[i] ?? -1;
    const comp = cell >= 0 ? component[cell] : undefined;
    if (comp !== undefined && chosen[comp] === 1) {
      out[k++] = xyz[3 * i] ?? 0;
      out[k++] = xyz[3 * i + 1] ?? 0;
      out[k++] = xyz[3 * i + 2] ?? 0;
    }
  }
  return out.subarray(0, k);
}

/** A union fits the footprint when, at some heading (5° steps), its extents are within this much of it. */
const FOOTPRINT_SLACK = 1;
const FOOTPRINT_PAD_M = 0.1;

/**
 * Marks in `chosen` the components that join `best`: biggest (most points) first, each only if it
 * lies within the gap of those joined (an ellipse: `radialM` along the line of sight (ux, uy),
 * `tangentialM` across it) and the union still fits the footprint (SegmentOptions.footprint).
 */
function mergeFragments(
  component: Int32Array,
  countPerCell: Uint16Array,
  side: number,
  labels: number,
  best: number,
  chosen: Uint8Array,
  footprint: { lengthM: number; widthM: number },
  gap: { radialM: number; tangentialM: number; ux: number; uy: number },
): void {
  const cells: number[][] = Array.from({ length: labels }, () => []);
  const points = new Float64Array(labels);
  for (let c = 0; c < component.length; c++) {
    const l = component[c] ?? 0;
    if (l < 0) continue;
    cells[l]?.push(c);
    points[l] = (points[l] ?? 0) + (countPerCell[c] ?? 0);
  }
  const maxL = footprint.lengthM * FOOTPRINT_SLACK + FOOTPRINT_PAD_M;
  const maxW = footprint.widthM * FOOTPRINT_SLACK + FOOTPRINT_PAD_M;
  const angles = Array.from({ length: 36 }, (_, i) => (i * 5 * Math.PI) / 180);
  // Per heading, the chosen cells' extent along and across it (cell units).
  const lo1 = new Float64Array(36).fill(Number.POSITIVE_INFINITY);
  const hi1 = new Float64Array(36).fill(Number.NEGATIVE_INFINITY);
  const lo2 = new Float64Array(36).fill(Number.POSITIVE_INFINITY);
  const hi2 = new Float64Array(36).fill(Number.NEGATIVE_INFINITY);
  const extend = (list: number[], a1: Float64Array, b1: Float64Array, a2: Float64Array, b2: Float64Array) => {
    for (const c of list) {
      const x = c % side;
      const y = (c - x) / side;
      for (let i = 0; i < 36; i++) {
        const u = x * Math.cos(angles[i] ?? 0) + y * Math.sin(angles[i] ?? 0);
        const v = -x * Math.sin(angles[i] ?? 0) + y * Math.cos(angles[i] ?? 0);
        if (u < (a1[i] ?? 0)) a1[i] = u;
        if (u > (b1[i] ?? 0)) b1[i] = u;
        if (v < (a2[i] ?? 0)) a2[i] = v;
        if (v > (b2[i] ?? 0)) b2[i] = v;
      }
    }
  };
  const bestCells = must(cells[best], "cells of the best component");
  extend(bestCells, lo1, hi1, lo2, hi2);
  const joined = [...bestCells];
  const radialCells = gap.radialM / CELL_M;
  const tangentialCells = gap.tangentialM / CELL_M;
  const near = (l: number) => {
    for (const c of cells[l] ?? []) {
      const x = c % side;
      const y = (c - x) / side;
      for (const d of joined) {
        const dx = (d % side) - x;
        const dy = (d - (d % side)) / side - y;
        const radial = dx * gap.ux + dy * gap.uy;
        const tangential = -dx * gap.uy + dy * gap.ux;
        if ((radial / radialCells) ** 2 + (tangential / tangentialCells) ** 2 <= 1) return true;
      }
    }
    return false;
  };
  const order = [...cells.keys()]
    .filter((l) => l !== best)
    .sort((a, b) => (points[b] ?? 0) - (points[a] ?? 0));
  for (const l of order) {
    const t1 = lo1.slice();
    const u1 = hi1.slice();
    const t2 = lo2.slice();
    const u2 = hi2.slice();
    extend(cells[l] ?? [], t1, u1, t2, u2);
    let fits = false;
    for (let i = 0; i < 36 && !fits; i++) {
      const e1 = ((u1[i] ?? 0) - (t1[i] ?? 0) + 1) * CELL_M;
      const e2 = ((u2[i] ?? 0) - (t2[i] ?? 0) + 1) * CELL_M;
      fits = (e1 <= maxL && e2 <= maxW) || (e1 <= maxW && e2 <= maxL);
    }
    if (!fits || !near(l)) continue;
    chosen[l] = 1;
    joined.push(...(cells[l] ?? []));
    lo1.set(t1);
    hi1.set(u1);
    lo2.set(t2);
    hi2.set(u2);
  }
}
