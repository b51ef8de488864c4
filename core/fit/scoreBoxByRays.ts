/** A box footprint hypothesis in cloud-local metres: [min1, max1] × [min2, max2] along axes at thetaRad. */
export interface RayBox {
  thetaRad: number;
  min1: number;
  max1: number;
  min2: number;
  max2: number;
}

export interface RayScoreOptions {
  /** The lidar's BEV position, cloud-local. */
  sensorM: { x: number; y: number };
  /** An object point this close (m) to where its line of sight enters the box lies on a seen face. */
  surfaceM: number;
  /** A line of sight that crosses more than this (m) of the box before its point has seen through it. */
  seeThroughM: number;
}

/**
 * How well a box footprint explains what the lidar saw along its lines of sight (BEV): +1 per
 * object point lying on the face its line of sight enters the box by (the faces the lidar sees),
 * −1 per low point of the surroundings (`blockers`: the caller keeps those at bumper height, which
 * any vehicle would hide) whose line of sight crosses the box before reaching it. Points in front
 * of the box or beside it count nothing: a box laid from the seen faces away from the lidar costs
 * nothing where the object's own shadow hides the rest, while a box turned or with its axes
 * swapped covers what the lidar saw behind it. `object` and `blockers` are interleaved xy.
 */
export function scoreBoxByRays(
  box: RayBox,
  object: Float32Array,
  blockers: Float32Array,
  o: RayScoreOptions,
): number {
  const c = Math.cos(box.thetaRad);
  const s = Math.sin(box.thetaRad);
  const sx = o.sensorM.x * c + o.sensorM.y * s;
  const sy = -o.sensorM.x * s + o.sensorM.y * c;
  const e = o.surfaceM;
  let score = 0;
  for (let j = 0; j + 1 < object.length; j += 2) {
    const x = object[j] ?? 0;
    const y = object[j + 1] ?? 0;
    const px = x * c + y * s;
    const py = -x * s + y * c;
    if (px < box.min1 - e || px > box.max1 + e || py < box.min2 - e || py > box.max2 + e) continue;
    const tIn = entryShare(sx, sy, px, py, box, -e);
    if (tIn !== null && (1 - tIn) * Math.hypot(px - sx, py - sy) <= 2 * e) score++;
  }
  const d = o.seeThroughM;
  for (let j = 0; j + 1 < blockers.length; j += 2) {
    const x = blockers[j] ?? 0;
    const y = blockers[j + 1] ?? 0;
    const tIn = entryShare(sx, sy, x * c + y * s, -x * s + y * c, box, d);
    if (tIn !== null && tIn < 1) score--;
  }
  return score;
}

/**
 * Where (as a share of the way from the sensor to the point) the line of sight enters the box
 * shrunk by `shrinkM` on every side (negative: grown), or null when it misses it.
 */
function entryShare(
  sx: number,
  sy: number,
  px: number,
  py: number,
  b: RayBox,
  shrinkM: number,
): number | null {
  const x = slab(sx, px - sx, b.min1 + shrinkM, b.max1 - shrinkM, 0, Number.POSITIVE_INFINITY);
  if (x === null) return null;
  const y = slab(sy, py - sy, b.min2 + shrinkM, b.max2 - shrinkM, x.tIn, x.tOut);
  return y === null ? null : y.tIn;
}

/** The ray interval [tIn, tOut] narrowed to where origin + t·dir lies in [lo, hi]; null when empty. */
function slab(
  origin: number,
  dir: number,
  lo: number,
  hi: number,
  tIn: number,
  tOut: number,
): { tIn: number; tOut: number } | null {
  if (lo > hi) return null;
  if (Math.abs(dir) < 1e-12) return origin < lo || origin > hi ? null : { tIn, tOut };
  const t0 = (lo - origin) / dir;
  const t1 = (hi - origin) / dir;
  const a = Math.max(tIn, Math.min(t0, t1));
  const b = Math.min(tOut, Math.max(t0, t1));
  return a > b ? null : { tIn: a, tOut: b };
}
