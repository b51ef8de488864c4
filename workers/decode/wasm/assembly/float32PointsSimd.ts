// AssemblyScript: compiled by ../buildKernels.ts (npm run kernels), not by tsc.
// float32Points' scalar kernel plus two SIMD ones (Chrome 91+, Firefox 89+, Safari 16.4+, Node 16.4+).

export { records } from "./float32Points";

function nonFinite4(v: v128): v128 {
  return i32x4.add(v128.and(v, i32x4.splat(0x7f800000)), i32x4.splat(0x00800000));
}

/**
 * 16-byte records x, y, z, a (KITTI, most lidar PCDs), 4 points per step; n a multiple of 4.
 * The 4 records [x y z a] are shuffled into 3 position vectors and 1 attribute vector.
 */
export function records16(input: usize, n: u32, positions: usize, attribute: usize): u32 {
  let flags = i32x4.splat(0);
  for (; n !== 0; n -= 4) {
    const r0 = v128.load(input);
    const r1 = v128.load(input, 16);
    const r2 = v128.load(input, 32);
    const r3 = v128.load(input, 48);
    // [x0 y0 z0 x1] [y1 z1 x2 y2] [z2 x3 y3 z3]
    v128.store(positions, i32x4.shuffle(r0, r1, 0, 1, 2, 4));
    v128.store(positions, i32x4.shuffle(r1, r2, 1, 2, 4, 5), 16);
    v128.store(positions, i32x4.shuffle(r2, r3, 2, 4, 5, 6), 32);
    // [a0 a1 a2 a3]
    const a01 = i32x4.shuffle(r0, r1, 3, 7, 3, 7);
    const a23 = i32x4.shuffle(r2, r3, 3, 7, 3, 7);
    v128.store(attribute, i32x4.shuffle(a01, a23, 0, 1, 4, 5));
    flags = v128.or(
      flags,
      v128.or(v128.or(nonFinite4(r0), nonFinite4(r1)), v128.or(nonFinite4(r2), nonFinite4(r3))),
    );
    input += 64;
    positions += 48;
    attribute += 16;
  }
  // Lane 3 of every record is the attribute, not a coordinate: leave it out of the check.
  return v128.any_true(v128.and(flags, i32x4(0x80000000, 0x80000000, 0x80000000, 0))) as u32;
}

/**
 * Columns x, y, z, a each `columnBytes` apart (PCD binary_compressed), 4 points per step; n a
 * multiple of 4.
 */
export function columns(input: usize, columnBytes: usize, n: u32, positions: usize, attribute: usize): u32 {
  let flags = i32x4.splat(0);
  for (; n !== 0; n -= 4) {
    const x = v128.load(input);
    const y = v128.load(input + columnBytes);
    const z = v128.load(input + 2 * columnBytes);
    const xy01 = i32x4.shuffle(x, y, 0, 4, 1, 5);
    const xy23 = i32x4.shuffle(x, y, 2, 6, 3, 7);
    // [x0 y0 z0 x1] [y1 z1 x2 y2] [z2 x3 y3 z3]
    v128.store(positions, i32x4.shuffle(xy01, z, 0, 1, 4, 2));
    v128.store(positions, i32x4.shuffle(i32x4.shuffle(xy01, z, 3, 5, 3, 5), xy23, 0, 1, 4, 5), 16);
    v128.store(positions, i32x4.shuffle(z, xy23, 2, 6, 7, 3), 32);
    v128.store(attribute, v128.load(input + 3 * columnBytes));
    flags = v128.or(flags, v128.or(nonFinite4(x), v128.or(nonFinite4(y), nonFinite4(z))));
    input += 16;
    positions += 48;
    attribute += 16;
  }
  return v128.any_true(v128.and(flags, i32x4.splat(0x80000000))) as u32;
}
