// AssemblyScript: compiled by ../buildKernels.ts (npm run kernels), not by tsc.

/**
 * Copies float32 x, y, z (and one float32 attribute) of `n` points, as raw 32-bit words, from
 * records `stride` bytes apart (x, y, z, a at byte offsets ox, oy, oz, oa of each record) into
 * interleaved positions and one attribute column. Returns 1 if some x, y or z is not finite,
 * else 0. Raw words: no float conversion, so NaN payloads and -0 pass unchanged. Pointers are
 * byte addresses in this module's memory; loads may be unaligned. Columns are records too:
 * stride 4, offsets one column apart.
 */
export function records(
  input: usize,
  n: u32,
  stride: usize,
  ox: usize,
  oy: usize,
  oz: usize,
  oa: usize,
  positions: usize,
  attribute: usize,
): u32 {
  let flags: u32 = 0;
  for (; n !== 0; n--) {
    const x = load<u32>(input + ox);
    const y = load<u32>(input + oy);
    const z = load<u32>(input + oz);
    store<u32>(attribute, load<u32>(input + oa));
    store<u32>(positions, x);
    store<u32>(positions, y, 4);
    store<u32>(positions, z, 8);
    flags |= nonFinite(x) | nonFinite(y) | nonFinite(z);
    input += stride;
    positions += 12;
    attribute += 4;
  }
  return flags >>> 31;
}

/**
 * Bit 31 set when the float32 `word` is NaN or ±Infinity: its 8 exponent bits are then all ones,
 * and adding one to that field carries into bit 31.
 */
function nonFinite(word: u32): u32 {
  return (word & 0x7f800000) + 0x00800000;
}
