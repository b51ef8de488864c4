/**
 * The kernel of ../wasm/assembly/lzf.ts: `lzf(ip, inEnd, op, outEnd)` decompresses LZF from memory
 * [ip, inEnd) to [op, outEnd) and returns the bytes written, or −LzfCorruption with
 * `lzfCorruptAt()` the address of the offending control byte, for the same inputs and in the same
 * order of checks as the JS decoder (lzfDecompress.ts). Compiled once per thread; undefined where
 * WebAssembly cannot be compiled (iOS Lockdown Mode, a page whose CSP forbids it): the caller
 * then decodes in JavaScript.
 */
export { type LzfExports as LzfKernel, lzfKernel } from "../wasm/build/lzf";

/** Bytes a decode may read past the input and write past the output (its 8-byte word copies). */
export const LZF_KERNEL_SLACK = 8;
