import { type LasRecordsKernel, lasRecordsKernel } from "./lasRecordsKernel";

/** Where the per-point scalars lie in a record (legacy formats 0–5 and formats 6–10 differ). */
export interface LasScalarLayout {
  returnMask: number;
  classAt: number;
  classMask: number;
  sourceAt: number;
}

export interface LasRecordOutputs {
  positions: Float32Array;
  intensity: Float32Array;
  classification: Uint8Array;
  returnNumber: Uint8Array;
  pointSourceId: Uint16Array;
}

/** Input bytes staged in wasm memory per chunk: small enough to stay in L2 between the three steps. */
const CHUNK_INPUT_BYTES = 128 * 1024;
/** The six float64 constants (scale x y z, offset − origin x y z) sit at the start of the memory. */
const CONSTANTS_BYTES = 64;

/**
 * Decodes n LAS records starting at byte `start` of `bytes` through the WebAssembly kernel, chunk
 * by chunk: the records are copied into wasm memory, the kernel decodes them there, and the
 * outputs are copied out (outputs must be ordinary, transferable buffers). The chunk stays in
 * cache, so the copies cost little more than the one pass over memory that any decode makes.
 * Returns false (and writes nothing) where WebAssembly is unavailable. Whole 2M-point LAS decode,
 * interleaved with the JavaScript loop: min 10.2–10.6 ms vs 16.8–18.3 ms (1.65–1.75×), medians 2.3–2.7×.
 */
export function copyLasRecords(
  bytes: Uint8Array,
  start: number,
  n: number,
  stride: number,
  scale: readonly [number, number, number],
  add: readonly [number, number, number],
  layout: LasScalarLayout,
  out: LasRecordOutputs,
  kernel: LasRecordsKernel | undefined = lasRecordsKernel(),
): boolean {
  if (!kernel) return false;
  if (n === 0) return true;
  const chunk = Math.max(1, Math.floor(CHUNK_INPUT_BYTES / stride));
  const input = CONSTANTS_BYTES;
  // Outputs after the input, each 16-byte aligned.
  const positionsAt = align16(input + chunk * stride);
  const intensityAt = align16(positionsAt + chunk * 12);
  const sourceAt = align16(intensityAt + chunk * 4);
  const returnAt = align16(sourceAt + chunk * 2);
  const classAt = align16(returnAt + chunk);
  const views = memoryOf(kernel, classAt + chunk);
  views.f64.set([...scale, ...add], 0);
  const { returnMask, classAt: classByte, classMask, sourceAt: sourceByte } = layout;
  for (let first = 0; first < n; first += chunk) {
    const m = Math.min(chunk, n - first);
    const from = start + first * stride;
    views.bytes.set(bytes.subarray(from, from + m * stride), input);
    kernel.records(
      input,
      m,
      stride,
      0,
      positionsAt,
      intensityAt,
      returnAt,
      classAt,
      sourceAt,
      returnMask,
      classByte,
      classMask,
      sourceByte,
    );
    out.positions.set(views.f32.subarray(positionsAt >> 2, (positionsAt >> 2) + m * 3), first * 3);
    out.intensity.set(views.f32.subarray(intensityAt >> 2, (intensityAt >> 2) + m), first);
    out.pointSourceId.set(views.u16.subarray(sourceAt >> 1, (sourceAt >> 1) + m), first);
    out.returnNumber.set(views.bytes.subarray(returnAt, returnAt + m), first);
    out.classification.set(views.bytes.subarray(classAt, classAt + m), first);
  }
  return true;
}

const align16 = (byte: number) => (byte + 15) & ~15;

interface Views {
  buffer: ArrayBuffer;
  bytes: Uint8Array;
  u16: Uint16Array;
  f32: Float32Array;
  f64: Float64Array;
}
let views: Views | undefined;

/** Views of the kernel's memory, grown to at least `byteLength` (views are remade after a grow detaches them). */
function memoryOf(kernel: LasRecordsKernel, byteLength: number): Views {
  const missing = byteLength - kernel.memory.buffer.byteLength;
  if (missing > 0) kernel.memory.grow(Math.ceil(missing / 65536));
  const buffer = kernel.memory.buffer;
  if (views?.buffer !== buffer) {
    views = {
      buffer,
      bytes: new Uint8Array(buffer),
      u16: new Uint16Array(buffer),
      f32: new Float32Array(buffer),
      f64: new Float64Array(buffer),
    };
  }
  return views;
}
