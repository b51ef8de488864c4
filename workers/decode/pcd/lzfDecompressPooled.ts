import { scratchBytes } from "../scratchBytes";
import { type LzfCorruption, lzfCorrupt } from "./lzfCorrupt";
import { lzfDecompress } from "./lzfDecompress";
import { LZF_KERNEL_SLACK, lzfKernel } from "./lzfKernel";

/**
 * Wasm memory cannot shrink, so larger frames (over 16M points of 16 bytes) take the JS decoder
 * into a buffer that is not kept, as scratchBytes does past the same size. It also keeps every
 * address the kernel computes (at most end + 264) far from where i32 arithmetic wraps.
 */
const MAX_KEPT_BYTES = 256 * 1024 * 1024;

/**
 * Decompresses LZF `input` (PCD binary_compressed) of at most `maxOutputBytes`; returns a view of
 * the bytes written, valid until the next call on this thread (the memory is reused: a fresh
 * 32 MB buffer costs ~8 ms of page faults). Corrupt input throws the PointCloudDecodeError of
 * lzfCorrupt; `inputOffset` places it in the file.
 *
 * The WebAssembly kernel (../wasm/assembly/lzf.ts) decodes in the kernel's own memory, where the caller
 * reads the columns in place. The whole 2M-point binary_compressed decode (27 MB → 32 MB) takes
 * min 62–84 ms against 203–274 ms with the JS byte loop of lzfDecompress (3.3×, interleaved on
 * this loaded 2-core machine), which remains the fallback where WebAssembly cannot run.
 */
export function lzfDecompressPooled(
  input: Uint8Array,
  maxOutputBytes: number,
  file: string,
  inputOffset: number,
): Uint8Array {
  // Layout: output at 0, then the input, each followed by the slack its copies may touch.
  const inAt = Math.ceil((maxOutputBytes + LZF_KERNEL_SLACK) / 8) * 8;
  const needBytes = inAt + input.length + LZF_KERNEL_SLACK;
  const kernel = needBytes <= MAX_KEPT_BYTES ? lzfKernel() : undefined;
  if (!kernel) {
    const out = scratchBytes("columns", maxOutputBytes);
    return out.subarray(0, lzfDecompress(input, out, file, inputOffset));
  }
  const missingBytes = needBytes - kernel.memory.buffer.byteLength;
  if (missingBytes > 0) kernel.memory.grow(Math.ceil(missingBytes / 65536));
  const memory = new Uint8Array(kernel.memory.buffer);
  memory.set(input, inAt);
  const written = kernel.lzf(inAt, inAt + input.length, 0, maxOutputBytes);
  if (written < 0) {
    throw lzfCorrupt(file, inputOffset + kernel.lzfCorruptAt() - inAt, -written as LzfCorruption);
  }
  return memory.subarray(0, written);
}
