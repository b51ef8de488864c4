import { LzfCorruption, lzfCorrupt } from "./lzfCorrupt";

/**
 * LZF (liblzf, as written by PCL's binary_compressed) into `out`; returns the bytes written.
 * Every literal run and back-reference is bounds-checked, so corrupt input throws rather than
 * reading or writing out of range. `inputOffset` only places errors in the file.
 */
export function lzfDecompress(input: Uint8Array, out: Uint8Array, file: string, inputOffset: number): number {
  const inEnd = input.length;
  const outEnd = out.length;
  let ip = 0;
  let op = 0;
  while (ip < inEnd) {
    const at = ip;
    const ctrl = input[ip++] ?? 0;
    if (ctrl < 32) {
      const run = ctrl + 1;
      if (op + run > outEnd) throw lzfCorrupt(file, inputOffset + at, LzfCorruption.literalOverflows);
      if (ip + run > inEnd) throw lzfCorrupt(file, inputOffset + at, LzfCorruption.literalPastEnd);
      // A byte loop: runs are ≤ 32 bytes, where subarray()+set() costs more than the copy.
      for (let i = 0; i < run; i++) out[op++] = input[ip++] ?? 0;
    } else {
      let len = ctrl >> 5;
      let ref = op - ((ctrl & 0x1f) << 8) - 1;
      if (len === 7) {
        if (ip >= inEnd) throw lzfCorrupt(file, inputOffset + at, LzfCorruption.referencePastEnd);
        len += input[ip++] ?? 0;
      }
      if (ip >= inEnd) throw lzfCorrupt(file, inputOffset + at, LzfCorruption.referencePastEnd);
      ref -= input[ip++] ?? 0;
      len += 2;
      if (ref < 0) throw lzfCorrupt(file, inputOffset + at, LzfCorruption.referenceBeforeStart);
      if (op + len > outEnd) throw lzfCorrupt(file, inputOffset + at, LzfCorruption.referenceOverflows);
      for (let i = 0; i < len; i++) out[op++] = out[ref++] ?? 0;
    }
  }
  return op;
}
