/** The ground near a point as a plane z = z0 + slopeX·(x − cx) + slopeY·(y − cy), cloud-local metres. */
export interface GroundPlane {
  cx: number;
  cy: number;
  z0: number;
  slopeX: number;
  slopeY: number;
  /** Ground cells the plane was fitted to; 0 means no ground was seen and z0 is a guess. */
  supportCells: number;
}

export const groundZAt = (g: GroundPlane, x: number, y: number): number =>
  g.z0 + g.slopeX * (x - g.cx) + g.slopeY * (y - g.cy);

/** Steeper than ~8.5° is a ramp or a wall, not a road: fall back to a flat plane. */
const MAX_SLOPE = 0.15;

/**
 * Fits the local ground to the lowest point of each 1 m BEV cell around (cx, cy): start at the
 * 25th percentile of those minima (object cells have high minima, so they sit above it), then
 * twice least-squares a plane to the cells within a shrinking band (0.4 m, then 0.2 m) of the fit.
 * `xyz` is the disc of points around the click (cloud-local, interleaved).
 */
export function estimateLocalGround(xyz: Float32Array, cx: number, cy: number, radiusM: number): GroundPlane {
  const cellM = 1;
  const side = Math.ceil((2 * radiusM) / cellM) + 1;
  const minZ = new Float32Array(side * side).fill(Number.POSITIVE_INFINITY);
  const x0 = cx - radiusM;
  const y0 = cy - radiusM;
  for (let j = 0; j + 2 < xyz.length; j += 3) {
    const gx = Math.floor(((xyz[j] ?? 0) - x0) / cellM);
    const gy = Math.floor(((xyz[j + 1] ?? 0) - y0) / cellM);
    if (gx < 0 || gy < 0 || gx >= side || gy >= side) continue;
    const c = gy * side + gx;
    const z = xyz[j + 2] ?? Number.POSITIVE_INFINITY;
    if (z < (minZ[c] ?? Number.POSITIVE_INFINITY)) minZ[c] = z;
  }
  const cells: Array<{ x: number; y: number; z: number }> = [];
  for (const [c, z] of minZ.entries()) {
    if (z === Number.POSITIVE_INFINITY) continue;
    cells.push({
      x: x0 + ((c % side) + 0.5) * cellM - cx,
      y: y0 + (Math.floor(c / side) + 0.5) * cellM - cy,
      z,
    });
  }
  const sorted = cells.map((c) => c.z).sort((a, b) => a - b);
  const quartileZ = sorted[Math.floor(sorted.length * 0.25)];
  if (quartileZ === undefined) return { cx, cy, z0: 0, slopeX: 0, slopeY: 0, supportCells: 0 };
  let plane = { z0: quartileZ, slopeX: 0, slopeY: 0 };
  let support = 0;
  for (const band of [0.4, 0.2]) {
    const inliers = cells.filter(
      (c) => Math.abs(c.z - (plane.z0 + plane.slopeX * c.x + plane.slopeY * c.y)) <= band,
    );
    support = inliers.length;
    if (inliers.length === 0) break;
    plane = fitPlane(inliers) ?? { z0: mean(inliers.map((c) => c.z)), slopeX: 0, slopeY: 0 };
  }
  if (Math.abs(plane.slopeX) > MAX_SLOPE || Math.abs(plane.slopeY) > MAX_SLOPE)
    plane = { ...plane, slopeX: 0, slopeY: 0 };
  return { cx, cy, ...plane, supportCells: support };
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** Least-squares z = a + b·x + c·y via the 3×3 normal equations; null when the cells are collinear. */
function fitPlane(
  pts: Array<{ x: number; y: number; z: number }>,
): { z0: number; slopeX: number; slopeY: number } | null {
  if (pts.length < 6) return null;
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let sxz = 0;
  let syz = 0;
  for (const p of pts) {
    n++;
    sx += p.x;
    sy += p.y;
    sz += p.z;
    sxx += p.x * p.x;
    syy += p.y * p.y;
    sxy += p.x * p.y;
    sxz += p.x * p.z;
    syz += p.y * p.z;
  }
  // Cramer's rule on [[n,sx,sy],[sx,sxx,sxy],[sy,sxy,syy]]·[a,b,c] = [sz,sxz,syz].
  const det = n * (sxx * syy - sxy * sxy) - sx * (sx * syy - sxy * sy) + sy * (sx * sxy - sxx * sy);
  if (Math.abs(det) < 1e-9 * n * n * n) return null;
  const a =
    (sz * (sxx * syy - sxy * sxy) - sx * (sxz * syy - sxy * syz) + sy * (sxz * sxy - sxx * syz)) / det;
  const b = (n * (sxz * syy - syz * sxy) - sz * (sx * syy - sxy * sy) + sy * (sx * syz - sxz * sy)) / det;
  const c = (n * (sxx * syz - sxy * sxz) - sx * (sx * syz - sxz * sy) + sz * (sx * sxy - sxx * sy)) / det;
  return { z0: a, slopeX: b, slopeY: c };
}
