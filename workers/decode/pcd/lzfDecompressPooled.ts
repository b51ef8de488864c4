import { scratchBytes } from "../scratchBytes";
import { type LzfCorruption, lzfCorrupt } from "./lzfCorrupt";
import { lzfDecompress } from "./lzfDecompress";
import { LZF_WASM_SLACK, lzfWasmBytes } from "./lzfWasmBytes";

interface LzfWasm {
  memory: WebAssembly.Memory;
  /** Returns [bytes written, 0] or [−LzfCorruption, address of the bad control byte]. */
  lzf: (ip: number, inEnd: number, op: number, outEnd: number) => [number, number];
}

/** Larger frames get an instance of their own that is dropped afterwards (as in scratchBytes). */
const MAX_KEPT_BYTES = 256 * 1024 * 1024;
const PAGE_BYTES = 65536;

let module: WebAssembly.Module | null | undefined;
let kept: LzfWasm | undefined;

/**
 * Decompresses LZF `input` (PCD binary_compressed) of at most `maxOutputBytes`; returns a view of
 * the bytes written, valid until the next call on this thread (the memory is reused: a fresh
 * 32 MB buffer costs ~8 ms of page faults). Corrupt input throws the PointCloudDecodeError of
 * lzfCorrupt; `inputOffset` places it in the file.
 *
 * WebAssembly (lzfWasmBytes.ts) runs the 2M-point benchmark frame (27 MB → 32 MB) ~7× faster
 * than the JS byte loop of lzfDecompress, which remains the fallback where WebAssembly cannot
 * run (iOS Lockdown Mode, a Content-Security-Policy without 'wasm-unsafe-eval').
 */
export function lzfDecompressPooled(
  input: Uint8Array,
  maxOutputBytes: number,
  file: string,
  inputOffset: number,
): Uint8Array {
  // Layout: output at 0, then the input, each followed by the slack its copies may touch.
  const inAt = align8(maxOutputBytes + LZF_WASM_SLACK);
  const needBytes = inAt + input.length + LZF_WASM_SLACK;
  const wasm = lzfWasm(needBytes);
  if (!wasm) {
    const out = scratchBytes("columns", maxOutputBytes);
    return out.subarray(0, lzfDecompress(input, out, file, inputOffset));
  }
  const missingBytes = needBytes - wasm.memory.buffer.byteLength;
  if (missingBytes > 0) wasm.memory.grow(Math.ceil(missingBytes / PAGE_BYTES));
  const memory = new Uint8Array(wasm.memory.buffer);
  memory.set(input, inAt);
  const [written, at] = wasm.lzf(inAt, inAt + input.length, 0, maxOutputBytes);
  if (written < 0) throw lzfCorrupt(file, inputOffset + at - inAt, -written as LzfCorruption);
  return memory.subarray(0, written);
}

/** This thread's instance (one compile per thread), or undefined where WebAssembly is unavailable. */
function lzfWasm(needBytes: number): LzfWasm | undefined {
  if (module === undefined) {
    try {
      module = new WebAssembly.Module(lzfWasmBytes());
    } catch {
      module = null;
    }
  }
  if (module === null) return undefined;
  if (needBytes > MAX_KEPT_BYTES) return instantiate(module);
  kept ??= instantiate(module);
  return kept;
}

function instantiate(compiled: WebAssembly.Module): LzfWasm {
  return new WebAssembly.Instance(compiled, {}).exports as unknown as LzfWasm;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
