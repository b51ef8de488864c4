import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { keepPointsWasm } from "./keepPointsWasm";

/** Points drawn per frame unless configured otherwise. */
export const DEFAULT_DISPLAY_BUDGET = 1_500_000;

export interface DecimatedCloud {
  pointCount: number;
  /** Kept x,y,z (origin-relative, like the source), pointCount × 3. */
  positions: Float32Array;
  /** Kept intensity when the source has a one-component float32 `intensity`. */
  intensity?: Float32Array;
}

export interface DecimateOptions {
  /** Most points to keep (default 1.5 M). */
  budget?: number;
  /** Output arrays to reuse (pooled); each must hold at least budget (× 3) values. */
  positions?: Float32Array;
  intensity?: Float32Array;
}

/**
 * Display decimation to a point budget. A point is kept when a hash of its quantised position
 * falls under budget / pointCount, so the choice depends only on where the point is: scrubbing
 * between frames of a static scene keeps the same points instead of flickering (a stride or a
 * random sample would reshuffle them whenever the count changes). The result holds about
 * `budget` points, never more; a cloud within the budget is copied whole.
 * One pass, integer arithmetic only: in WebAssembly where it compiles (keepPointsWasm), else in
 * the JavaScript loops below, with the same kept points in the same order. 2M points to 1.5M,
 * node 20, interleaved in one process on the loaded 2-core machine: WebAssembly min 6.4–7.2 ms,
 * JavaScript min 9.7–10.2 ms (1.4–1.55×; medians 1.3–2.5×): at the 1.5× line, kept in
 * WebAssembly (bounds- and detach-checked typed-array accesses are what the JS pays; the copies
 * into and out of wasm memory stay in L2).
 */
export function decimatePointCloud(cloud: PointCloud, options: DecimateOptions = {}): DecimatedCloud {
  const budget = Math.max(0, Math.floor(options.budget ?? DEFAULT_DISPLAY_BUDGET));
  const n = cloud.pointCount;
  const source = cloud.positions;
  const intensityAttr = cloud.attributes.intensity;
  const sourceIntensity =
    intensityAttr && intensityAttr.components === 1 && intensityAttr.values instanceof Float32Array
      ? intensityAttr.values
      : undefined;
  const capacity = Math.min(n, budget);
  const positions = options.positions?.subarray(0, capacity * 3) ?? new Float32Array(capacity * 3);
  const intensity = sourceIntensity
    ? (options.intensity?.subarray(0, capacity) ?? new Float32Array(capacity))
    : undefined;
  if (n <= budget) {
    positions.set(source.subarray(0, n * 3));
    if (intensity && sourceIntensity) intensity.set(sourceIntensity.subarray(0, n));
    return { pointCount: n, positions, intensity };
  }
  // Keep when the 31-bit hash < threshold, with threshold / 2^31 = budget / n (< 1 here, so an int32).
  const threshold = Math.floor((budget / n) * 2147483648) | 0;
  const words = (a: Float32Array) => new Int32Array(a.buffer, a.byteOffset, a.length);
  const [from, fromIntensity] = [words(source), sourceIntensity && words(sourceIntensity)];
  const [to, toIntensity] = [words(positions), intensity && words(intensity)];
  const k =
    keepPointsWasm(from, fromIntensity, n, threshold, budget, to, toIntensity) ??
    (fromIntensity && toIntensity
      ? keepWithIntensity(from, fromIntensity, n, threshold, budget, to, toIntensity)
      : keepPositions(from, n, threshold, budget, to));
  return {
    pointCount: k,
    positions: positions.subarray(0, k * 3),
    intensity: intensity?.subarray(0, k),
  };
}

/**
 * Writes the point at `o` (x,y,z as float32 bit patterns) to slot `k` of `out` and returns the
 * next free slot: `k + 1` when the point is kept, `k` when not. Branch-free: every point is
 * written and the slot advances only when it is kept (a kept / dropped branch on a hash is
 * unpredictable by design; branch-free measured 2× faster), so slot `k` may afterwards hold a
 * dropped point's values, beyond the result.
 *
 * The hash works on the bit patterns: it drops the low 11 of 23 mantissa bits, i.e. quantises
 * each coordinate to a cell of 2^-12 of its magnitude (≈1 cm at 40 m, 1 mm at 4 m), with no
 * float arithmetic (float multiply + truncation per coordinate cost ~1.5×), and mixes the cells
 * with three multiplies and one xor-shift (a full murmur finaliser cost 1.5× more). The point is
 * kept when the 31-bit hash is under `threshold`.
 */
function keepPoint(p: Int32Array, o: number, threshold: number, out: Int32Array, k: number): number {
  const x = p[o] ?? NaN;
  const y = p[o + 1] ?? NaN;
  const z = p[o + 2] ?? NaN;
  const h = Math.imul(
    (x >> 11) ^ Math.imul(y >> 11, 0x85ebca77) ^ Math.imul(z >> 11, 0xc2b2ae3d),
    0x9e3779b1,
  );
  const w = k * 3;
  out[w] = x;
  out[w + 1] = y;
  out[w + 2] = z;
  // 31-bit hash − threshold fits an int32; its sign bit is 1 exactly when the point is kept.
  return k + ((((h ^ (h >>> 16)) >>> 1) - threshold) >>> 31);
}

/**
 * The kept-point loops stop once `budget` points are kept, so slot k < budget always lies inside
 * `out`. Four points per iteration while four more kept points would still fit (V8 does not
 * unroll; ~10% less CPU time than one point per iteration, 2M points, A/B in one process), then
 * one at a time: the kept points and their order are exactly those of the one-at-a-time loop.
 * What is left is the cost of typed-array access itself (bounds and detach checks per element):
 * the same loop without the hash, copying every fourth point less, measured as long.
 */
function keepPositions(p: Int32Array, n: number, threshold: number, budget: number, out: Int32Array): number {
  let k = 0;
  let i = 0;
  for (; i + 4 <= n && k + 4 <= budget; i += 4) {
    const o = i * 3;
    k = keepPoint(p, o, threshold, out, k);
    k = keepPoint(p, o + 3, threshold, out, k);
    k = keepPoint(p, o + 6, threshold, out, k);
    k = keepPoint(p, o + 9, threshold, out, k);
  }
  for (; i < n && k < budget; i++) k = keepPoint(p, i * 3, threshold, out, k);
  return k;
}

/** keepPositions, also copying each kept point's intensity (written at slot k like its position). */
function keepWithIntensity(
  p: Int32Array,
  intensity: Int32Array,
  n: number,
  threshold: number,
  budget: number,
  out: Int32Array,
  outIntensity: Int32Array,
): number {
  let k = 0;
  let i = 0;
  for (; i + 4 <= n && k + 4 <= budget; i += 4) {
    const o = i * 3;
    outIntensity[k] = intensity[i] ?? NaN;
    k = keepPoint(p, o, threshold, out, k);
    outIntensity[k] = intensity[i + 1] ?? NaN;
    k = keepPoint(p, o + 3, threshold, out, k);
    outIntensity[k] = intensity[i + 2] ?? NaN;
    k = keepPoint(p, o + 6, threshold, out, k);
    outIntensity[k] = intensity[i + 3] ?? NaN;
    k = keepPoint(p, o + 9, threshold, out, k);
  }
  for (; i < n && k < budget; i++) {
    outIntensity[k] = intensity[i] ?? NaN;
    k = keepPoint(p, i * 3, threshold, out, k);
  }
  return k;
}
