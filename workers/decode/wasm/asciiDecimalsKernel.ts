import { type AsciiDecimalsExports, asciiDecimalsKernel as compiled } from "./build/asciiDecimals";

/**
 * The kernel of assembly/asciiDecimals.ts: plain decimals of ascii point clouds, read into float64
 * bit for bit as parseAsciiNumbers' JavaScript loop reads them (see `decimals` there).
 */
export type AsciiDecimalsKernel = AsciiDecimalsExports;

/** Where the kernel finds 10^0 … 10^15 (float64) in its memory. */
export const POW10_AT = 0;
export const POW10_COUNT = 16;

let powersWritten = false;

/** The kernel, compiled once per thread; undefined where WebAssembly cannot be compiled (callers use JavaScript). */
export function asciiDecimalsKernel(): AsciiDecimalsKernel | undefined {
  const kernel = compiled();
  if (kernel && !powersWritten) {
    new Float64Array(kernel.memory.buffer, POW10_AT, POW10_COUNT).set(
      Array.from({ length: POW10_COUNT }, (_, k) => 10 ** k),
    );
    powersWritten = true;
  }
  return kernel;
}
