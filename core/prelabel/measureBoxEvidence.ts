import type { Vec3 } from "../geometry/vec3";
import type { CuboidSize } from "../model/Cuboid";

/** A box as the pre-labeler fits it, lidar coordinates. */
export interface EvidenceBox {
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
}

/** What the points in and around a fitted box say about what stands there. */
export interface BoxEvidence {
  /** Points inside the box above the ground cut. */
  inside: number;
  /**
   * Points in a 1 m collar along the box's length and 0.6 m across it, 0.3–2.5 m above its bottom,
   * per point inside: a hedge or a wall goes on past a box cut out of it, a car stands alone.
   */
  collarShare: number;
  /** Tallest point's height above the box's bottom (m). */
  topM: number;
  /**
   * Range of the top heights of the seen face's 0.5 m slices along its length, over topM: a car's
   * bonnet and boot stand below its roof, a hedge's or a wall's top is level.
   */
  topRelief: number;
  /**
   * Share of the seen face's 0.25 m slices with points 0.4–1.0 m above the bottom that also hold
   * points 0.08–0.25 m above it: a car stands on four wheels with air under its sills, a hedge
   * or a wall reaches down to the ground along its whole length.
   */
  baseCover: number;
  /** Length of the seen face: the points' extent along the box axis they spread along most (m). */
  faceLengthM: number;
}

const GROUND_CUT_M = 0.25;
const COLLAR_ALONG_M = 1.0;
const COLLAR_ACROSS_M = 0.6;
const COLLAR_GAP_M = 0.15;
const COLLAR_FROM_M = 0.3;
const COLLAR_TO_M = 2.5;
const SLICE_M = 0.5;
const BASE_FROM_M = 0.08;
const BASE_SLICE_M = 0.25;
const MID_FROM_M = 0.4;
const MID_TO_M = 1.0;
/** Bucket size of the points' BEV grid (m): a box touches a handful of buckets. */
const BUCKET_M = 2;

/**
 * Evidence for every box of one frame, one pass to bucket the points and one visit of each box's
 * buckets; `positions` are cloud-local xyz, `originM` what to add to get lidar coordinates.
 */
export function measureBoxEvidence(
  positions: Float32Array,
  originM: Vec3,
  boxes: readonly EvidenceBox[],
): BoxEvidence[] {
  if (boxes.length === 0) return [];
  const n = positions.length / 3;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    const r = Math.hypot(b.size.lengthM, b.size.widthM) / 2 + COLLAR_ALONG_M;
    const x = b.centerM.x - originM.x;
    const y = b.centerM.y - originM.y;
    minX = Math.min(minX, x - r);
    minY = Math.min(minY, y - r);
    maxX = Math.max(maxX, x + r);
    maxY = Math.max(maxY, y + r);
  }
  const nx = Math.max(1, Math.ceil((maxX - minX) / BUCKET_M));
  const ny = Math.max(1, Math.ceil((maxY - minY) / BUCKET_M));
  const start = new Int32Array(nx * ny + 1);
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const gx = Math.floor(((positions[3 * i] ?? 0) - minX) / BUCKET_M);
    const gy = Math.floor(((positions[3 * i + 1] ?? 0) - minY) / BUCKET_M);
    const c = gx < 0 || gy < 0 || gx >= nx || gy >= ny ? -1 : gy * nx + gx;
    cellOf[i] = c;
    if (c >= 0) start[c + 1] = (start[c + 1] ?? 0) + 1;
  }
  for (let c = 0; c < nx * ny; c++) start[c + 1] = (start[c + 1] ?? 0) + (start[c] ?? 0);
  const fill = start.slice(0, nx * ny);
  const order = new Int32Array(start[nx * ny] ?? 0);
  for (let i = 0; i < n; i++) {
    const c = cellOf[i] ?? -1;
    if (c < 0) continue;
    order[fill[c] ?? 0] = i;
    fill[c] = (fill[c] ?? 0) + 1;
  }
  return boxes.map((b) => {
    const cx = b.centerM.x - originM.x;
    const cy = b.centerM.y - originM.y;
    const r = Math.hypot(b.size.lengthM, b.size.widthM) / 2 + COLLAR_ALONG_M;
    const gx0 = Math.max(0, Math.floor((cx - r - minX) / BUCKET_M));
    const gx1 = Math.min(nx - 1, Math.floor((cx + r - minX) / BUCKET_M));
    const gy0 = Math.max(0, Math.floor((cy - r - minY) / BUCKET_M));
    const gy1 = Math.min(ny - 1, Math.floor((cy + r - minY) / BUCKET_M));
    const idx: number[] = [];
    for (let gy = gy0; gy <= gy1; gy++)
      for (let gx = gx0; gx <= gx1; gx++) {
        const c = gy * nx + gx;
        for (let j = start[c] ?? 0; j < (start[c + 1] ?? 0); j++) idx.push(order[j] ?? 0);
      }
    return evidenceOfBox(positions, originM, b, idx);
  });
}

function evidenceOfBox(
  positions: Float32Array,
  originM: Vec3,
  b: EvidenceBox,
  idx: readonly number[],
): BoxEvidence {
  const c = Math.cos(b.yawRad);
  const s = Math.sin(b.yawRad);
  const halfL = b.size.lengthM / 2;
  const halfW = b.size.widthM / 2;
  const bottom = b.centerM.z - b.size.heightM / 2;
  const baseU: number[] = [];
  const baseV: number[] = [];
  const inU: number[] = [];
  const inV: number[] = [];
  const inH: number[] = [];
  let collar = 0;
  for (const i of idx) {
    const dx = (positions[3 * i] ?? 0) + originM.x - b.centerM.x;
    const dy = (positions[3 * i + 1] ?? 0) + originM.y - b.centerM.y;
    const h = (positions[3 * i + 2] ?? 0) + originM.z - bottom;
    const u = dx * c + dy * s;
    const v = -dx * s + dy * c;
    const au = Math.abs(u);
    const av = Math.abs(v);
    if (au <= halfL && av <= halfW) {
      if (h >= BASE_FROM_M && h < GROUND_CUT_M) {
        baseU.push(u);
        baseV.push(v);
      }
      if (h >= GROUND_CUT_M && h <= b.size.heightM + 0.5) {
        inU.push(u);
        inV.push(v);
        inH.push(h);
      }
      continue;
    }
    if (h < COLLAR_FROM_M || h > COLLAR_TO_M) continue;
    if (au > halfL + COLLAR_ALONG_M || av > halfW + COLLAR_ACROSS_M) continue;
    if (au <= halfL + COLLAR_GAP_M && av <= halfW + COLLAR_GAP_M) continue;
    collar++;
  }
  const inside = inH.length;
  if (inside === 0)
    return { inside, collarShare: collar, topM: 0, topRelief: 0, baseCover: 0, faceLengthM: 0 };
  // The seen face runs along whichever box axis the points spread along most.
  const alongU = spread(inU) >= spread(inV);
  const along = alongU ? inU : inV;
  let a0 = Number.POSITIVE_INFINITY;
  for (const a of along) a0 = Math.min(a0, a);
  let topM = 0;
  const tops = new Map<number, number>();
  const mid = new Set<number>();
  for (let j = 0; j < inside; j++) {
    const a = (along[j] ?? 0) - a0;
    const h = inH[j] ?? 0;
    topM = Math.max(topM, h);
    if (h >= MID_FROM_M && h < MID_TO_M) mid.add(Math.floor(a / BASE_SLICE_M));
    const slice = Math.floor(a / SLICE_M);
    tops.set(slice, Math.max(tops.get(slice) ?? 0, h));
  }
  const topValues = [...tops.values()];
  const topRelief = topValues.length < 2 || topM <= 0 ? 0 : spread(topValues) / topM;
  const base = new Set<number>();
  for (const a of alongU ? baseU : baseV) base.add(Math.floor((a - a0) / BASE_SLICE_M));
  let covered = 0;
  for (const slice of mid) if (base.has(slice)) covered++;
  const baseCover = mid.size === 0 ? 0 : covered / mid.size;
  return { inside, collarShare: collar / inside, topM, topRelief, baseCover, faceLengthM: spread(along) };
}

function spread(values: readonly number[]): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi - lo;
}
