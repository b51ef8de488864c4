import type { FrameIndex } from "./FrameIndex";
import { solve3 } from "./solve3";

/** The part of an ego motion a BEV registration cannot see: height and tilt (aFromB, see PlanarMotion). */
export interface GroundLift {
  /** Height of b's lidar origin in a's lidar coordinates, metres. */
  zM: number;
  /** Rotation about b's y axis (Ry in Rz·Ry·Rx), radians. */
  pitchRad: number;
  /** Rotation about b's x axis (Rx in Rz·Ry·Rx), radians. */
  rollRad: number;
}

/** Ground cells, metres: the lowest return of each stands for the ground there. */
const CELL_M = 0.5;
/** A cell is ground when its points span at most this in height (no wall, car or kerb in it). */
const FLAT_SPAN_M = 0.15;
/** The ground is compared out to this range of b's sensor: far cells are few returns each. */
const RANGE_M = 40;
/** Fewer ground cells in common than this, and the ground says nothing (the lift is not guessed). */
const MIN_CELLS = 200;
/**
 * Cells whose heights disagree with the fit by more than this do not vote (a car parked on one
 * cell, a bush), iteration by iteration: wide while the first fit is level (0.4° of tilt over
 * 5 frames, Argoverse, is 0.28 m at 40 m: a 0.08 m band about a level start kept 187 of 668 cells
 * and refused the lift), narrowing as the tilt is found.
 */
const TRIMS_M = [0.4, 0.2, 0.1, 0.08, 0.08];
/** Larger lifts than these are no ego motion between two sweeps (a car pitches < 3° braking). */
const MAX_TILT_RAD = 0.05;
const MAX_Z_M = 1;

interface GroundGrid {
  n: number;
  lowest: Float32Array;
  flat: Uint8Array;
}

/** Lowest z and flatness of each CELL_M cell of a square grid of side 2·rangeM around the sensor (lidar coordinates). */
function groundGrid(index: FrameIndex, rangeM: number): GroundGrid {
  const n = Math.ceil((2 * rangeM) / CELL_M);
  const lowest = new Float32Array(n * n).fill(Number.POSITIVE_INFINITY);
  const highest = new Float32Array(n * n).fill(Number.NEGATIVE_INFINITY);
  const o = index.originM;
  const { xyz } = index;
  for (let j = 0; j < xyz.length; j += 3) {
    const gx = Math.floor(((xyz[j] ?? 0) + o.x + rangeM) / CELL_M);
    const gy = Math.floor(((xyz[j + 1] ?? 0) + o.y + rangeM) / CELL_M);
    if (gx < 0 || gy < 0 || gx >= n || gy >= n) continue;
    const c = gy * n + gx;
    const z = (xyz[j + 2] ?? 0) + o.z;
    if (z < (lowest[c] ?? 0)) lowest[c] = z;
    if (z > (highest[c] ?? 0)) highest[c] = z;
  }
  const flat = new Uint8Array(n * n);
  for (let c = 0; c < n * n; c++) flat[c] = (highest[c] ?? 0) - (lowest[c] ?? 0) <= FLAT_SPAN_M ? 1 : 0;
  return { n, lowest, flat };
}

/**
 * Height and tilt of b's lidar in a's, from the ground both sweeps see, once the BEV motion
 * (x, y, yaw) is known: the ground is static, so each flat cell of b, carried into a by the
 * motion, lies at a's ground height there up to z + pitch·x + roll·y (small angles, in b's
 * coordinates). A BEV registration leaves these at zero, but a car pitches as it brakes and the
 * road rises and falls: on the Argoverse log without poses a parked car 30 m ahead sat 0.35 m
 * above its box 0.3 s after its seed (0.6° of pitch), and its lower returns fell out of the
 * standing box's object band. Solved by least squares over the flat cells in common, the cells
 * beyond TRIMS_M of the last fit left out; null when the ground is too little seen or the
 * answer is no ego motion (then nothing is known of the lift, which is not the same as level).
 */
export function estimateGroundLift(
  a: FrameIndex,
  b: FrameIndex,
  motion: { xM: number; yM: number; yawRad: number },
): GroundLift | null {
  const reach = RANGE_M + Math.hypot(motion.xM, motion.yM);
  const ga = groundGrid(a, reach);
  const gb = groundGrid(b, RANGE_M);
  const c = Math.cos(motion.yawRad);
  const s = Math.sin(motion.yawRad);
  // Pairs: b's cell centre (x, y in b) and the height difference a − b there.
  const xs: number[] = [];
  const ys: number[] = [];
  const dz: number[] = [];
  for (let cell = 0; cell < gb.n * gb.n; cell++) {
    if (!gb.flat[cell] || !Number.isFinite(gb.lowest[cell] ?? Number.NaN)) continue;
    const x = -RANGE_M + ((cell % gb.n) + 0.5) * CELL_M;
    const y = -RANGE_M + (Math.floor(cell / gb.n) + 0.5) * CELL_M;
    if (x * x + y * y > RANGE_M * RANGE_M) continue;
    const gx = Math.floor((c * x - s * y + motion.xM + reach) / CELL_M);
    const gy = Math.floor((s * x + c * y + motion.yM + reach) / CELL_M);
    if (gx < 0 || gy < 0 || gx >= ga.n || gy >= ga.n) continue;
    const ac = gy * ga.n + gx;
    if (!ga.flat[ac] || !Number.isFinite(ga.lowest[ac] ?? Number.NaN)) continue;
    xs.push(x);
    ys.push(y);
    dz.push((ga.lowest[ac] ?? 0) - (gb.lowest[cell] ?? 0));
  }
  if (dz.length < MIN_CELLS) return null;
  // Start from the median height difference (robust to the cells under parked cars), no tilt.
  let fit = { z: [...dz].sort((p, q) => p - q)[dz.length >> 1] ?? 0, gx: 0, gy: 0 };
  for (const trimM of TRIMS_M) {
    const A = new Float64Array(9);
    const r = new Float64Array(3);
    let used = 0;
    for (let i = 0; i < dz.length; i++) {
      const x = xs[i] ?? 0;
      const y = ys[i] ?? 0;
      const d = dz[i] ?? 0;
      if (Math.abs(d - (fit.z + fit.gx * x + fit.gy * y)) > trimM) continue;
      used++;
      const row = [1, x, y];
      for (let u = 0; u < 3; u++) {
        r[u] = (r[u] ?? 0) + (row[u] ?? 0) * d;
        for (let v = 0; v < 3; v++) A[3 * u + v] = (A[3 * u + v] ?? 0) + (row[u] ?? 0) * (row[v] ?? 0);
      }
    }
    if (used < MIN_CELLS) return null;
    const solved = solve3(A, r);
    if (!solved) return null;
    fit = { z: solved[0], gx: solved[1], gy: solved[2] };
  }
  // z_a = z_b + z − sin(pitch)·x_b + sin(roll)·y_b for R = Ry(pitch)·Rx(roll) and small angles.
  const lift = {
    zM: fit.z,
    pitchRad: -Math.asin(Math.max(-1, Math.min(1, fit.gx))),
    rollRad: Math.asin(Math.max(-1, Math.min(1, fit.gy))),
  };
  if (
    Math.abs(lift.pitchRad) > MAX_TILT_RAD ||
    Math.abs(lift.rollRad) > MAX_TILT_RAD ||
    Math.abs(lift.zM) > MAX_Z_M
  )
    return null;
  return lift;
}
