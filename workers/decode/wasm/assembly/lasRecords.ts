// AssemblyScript: compiled by ../buildKernels.ts (npm run kernels), not by tsc.

/**
 * Decodes `n` LAS point records `stride` bytes apart from byte `input`: X, Y, Z (int32 × scale +
 * offset − origin, computed in float64 and stored as float32: the same IEEE operations as the
 * JavaScript loop, so the results are identical bit for bit), intensity (uint16 → float32),
 * return number (byte 14 & returnMask), classification (byte classAt & classMask) and point
 * source id (uint16 at sourceAt). `constants` is the address of six float64: scale x, y, z, then
 * offset − origin x, y, z. Loads may be unaligned.
 */
export function records(
  input: usize,
  n: u32,
  stride: usize,
  constants: usize,
  positions: usize,
  intensity: usize,
  returnNumber: usize,
  classification: usize,
  pointSourceId: usize,
  returnMask: u32,
  classAt: usize,
  classMask: u32,
  sourceAt: usize,
): void {
  const scaleX = load<f64>(constants);
  const scaleY = load<f64>(constants, 8);
  const scaleZ = load<f64>(constants, 16);
  const addX = load<f64>(constants, 24);
  const addY = load<f64>(constants, 32);
  const addZ = load<f64>(constants, 40);
  for (; n !== 0; n--) {
    store<f32>(positions, <f32>(<f64>load<i32>(input) * scaleX + addX));
    store<f32>(positions, <f32>(<f64>load<i32>(input, 4) * scaleY + addY), 4);
    store<f32>(positions, <f32>(<f64>load<i32>(input, 8) * scaleZ + addZ), 8);
    store<f32>(intensity, <f32>load<u16>(input, 12));
    store<u8>(returnNumber, load<u8>(input, 14) & returnMask);
    store<u8>(classification, load<u8>(input + classAt) & classMask);
    store<u16>(pointSourceId, load<u16>(input + sourceAt));
    input += stride;
    positions += 12;
    intensity += 4;
    returnNumber += 1;
    classification += 1;
    pointSourceId += 2;
  }
}
