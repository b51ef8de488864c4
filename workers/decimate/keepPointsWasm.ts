import { type KeepPointsKernel, keepPointsKernel } from "./keepPointsKernel";

/** Points staged in wasm memory per chunk: 256 KiB in and out, small enough to stay in L2. */
const CHUNK_POINTS = 8192;

/**
 * decimatePointCloud's selection through the WebAssembly kernel, chunk by chunk: the chunk's
 * positions (and intensities) are copied into wasm memory, the kernel keeps points there, and
 * the kept ones are copied out (outputs must be ordinary, transferable buffers). Same kept points
 * in the same order as the JavaScript loops; returns how many were kept, or undefined (nothing
 * written) where WebAssembly is unavailable. Arrays are raw 32-bit words (Int32Array views).
 */
export function keepPointsWasm(
  positions: Int32Array,
  intensity: Int32Array | undefined,
  n: number,
  threshold: number,
  budget: number,
  outPositions: Int32Array,
  outIntensity: Int32Array | undefined,
  kernel: KeepPointsKernel | undefined = keepPointsKernel(),
): number | undefined {
  if (!kernel) return undefined;
  const chunk = CHUNK_POINTS;
  // Word offsets: positions in, intensity in, positions out, intensity out.
  const [inP, inI, outP, outI] = [0, chunk * 3, chunk * 4, chunk * 7];
  const words = memoryOf(kernel, chunk * 8 * 4);
  let k = 0;
  for (let first = 0; first < n && k < budget; first += chunk) {
    const m = Math.min(chunk, n - first);
    words.set(positions.subarray(first * 3, (first + m) * 3), inP);
    if (intensity) words.set(intensity.subarray(first, first + m), inI);
    // Where the budget cannot run out within the chunk, four points a step without checking it
    // (~15% faster), the last m % 4 one at a time.
    const quads = budget - k >= m ? m >> 2 : 0;
    let kept = quads > 0 ? kernel.keepQuads(inP * 4, quads, threshold, outP * 4, inI * 4, outI * 4) : 0;
    const done = quads * 4;
    if (done < m)
      kept += kernel.keep(
        (inP + done * 3) * 4,
        m - done,
        threshold,
        budget - k - kept,
        (outP + kept * 3) * 4,
        (inI + done) * 4,
        (outI + kept) * 4,
      );
    outPositions.set(words.subarray(outP, outP + kept * 3), k * 3);
    outIntensity?.set(words.subarray(outI, outI + kept), k);
    k += kept;
  }
  return k;
}

let views: { buffer: ArrayBuffer; words: Int32Array } | undefined;

/** A word view of the kernel's memory, grown to at least `byteLength` (remade after a grow detaches it). */
function memoryOf(kernel: KeepPointsKernel, byteLength: number): Int32Array {
  const missing = byteLength - kernel.memory.buffer.byteLength;
  if (missing > 0) kernel.memory.grow(Math.ceil(missing / 65536));
  const buffer = kernel.memory.buffer;
  if (views?.buffer !== buffer) views = { buffer, words: new Int32Array(buffer) };
  return views.words;
}
