// AssemblyScript: compiled by ../buildKernels.ts (npm run kernels), not by tsc.

/**
 * decimatePointCloud's selection (workers/decimate): for points given as x, y, z float32 bit
 * patterns at `positions` (12 bytes each) and one 32-bit intensity each at `intensity`, keep
 * those whose 31-bit position hash is under `threshold`, writing them one after the other at
 * `outPositions` / `outIntensity`, and return how many were kept. The hash is the JavaScript one
 * (keepPoint in decimatePointCloud.ts), operation for operation, and the write is branch-free the
 * same way (every point is written, the slot advances only when it is kept), so the kept points
 * and their order are identical.
 */

/** `n` points, one per step, stopping once `remaining` (≥ 1) are kept. */
export function keep(
  positions: usize,
  n: u32,
  threshold: i32,
  remaining: u32,
  outPositions: usize,
  intensity: usize,
  outIntensity: usize,
): u32 {
  let k: u32 = 0;
  for (; n !== 0 && k !== remaining; n--) {
    const kept = keepPoint(positions, threshold, outPositions, intensity, outIntensity);
    k += kept;
    outPositions += kept * 12;
    outIntensity += kept << 2;
    positions += 12;
    intensity += 4;
  }
  return k;
}

/** 4 × `quads` points, four per step and no budget check: for chunks the budget cannot cut. */
export function keepQuads(
  positions: usize,
  quads: u32,
  threshold: i32,
  outPositions: usize,
  intensity: usize,
  outIntensity: usize,
): u32 {
  const first = outIntensity;
  for (; quads !== 0; quads--) {
    let kept = keepPoint(positions, threshold, outPositions, intensity, outIntensity);
    outPositions += kept * 12;
    outIntensity += kept << 2;
    kept = keepPoint(positions + 12, threshold, outPositions, intensity + 4, outIntensity);
    outPositions += kept * 12;
    outIntensity += kept << 2;
    kept = keepPoint(positions + 24, threshold, outPositions, intensity + 8, outIntensity);
    outPositions += kept * 12;
    outIntensity += kept << 2;
    kept = keepPoint(positions + 36, threshold, outPositions, intensity + 12, outIntensity);
    outPositions += kept * 12;
    outIntensity += kept << 2;
    positions += 48;
    intensity += 16;
  }
  // Kept = intensity slots written.
  return <u32>((outIntensity - first) >> 2);
}

/**
 * Writes the point at `p` (and its intensity) to the next free slots and returns 1 if it is kept,
 * 0 if not: h = imul(cx ^ imul(cy, 0x85ebca77) ^ imul(cz, 0xc2b2ae3d), 0x9e3779b1) over the
 * coordinates' bit patterns without their low 11 bits, kept when ((h ^ h >>> 16) >>> 1) < threshold.
 */
function keepPoint(
  p: usize,
  threshold: i32,
  outPositions: usize,
  intensity: usize,
  outIntensity: usize,
): usize {
  const x = load<i32>(p);
  const y = load<i32>(p, 4);
  const z = load<i32>(p, 8);
  store<i32>(outPositions, x);
  store<i32>(outPositions, y, 4);
  store<i32>(outPositions, z, 8);
  store<i32>(outIntensity, load<i32>(intensity));
  const h = ((x >> 11) ^ ((y >> 11) * <i32>0x85ebca77) ^ ((z >> 11) * <i32>0xc2b2ae3d)) * <i32>0x9e3779b1;
  return <usize>(((((h ^ (h >>> 16)) >>> 1) - threshold) as u32) >>> 31);
}
