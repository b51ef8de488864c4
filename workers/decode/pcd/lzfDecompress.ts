import { PointCloudDecodeError } from "../PointCloudDecodeError";

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
    const ctrl = input[ip++]!;
    if (ctrl < 32) {
      const run = ctrl + 1;
      if (op + run > outEnd) throw corrupt(file, inputOffset + at, "literal run overflows the declared size");
      if (ip + run > inEnd) throw corrupt(file, inputOffset + at, "literal run past the end of the data");
      // A byte loop: runs are ≤ 32 bytes, where subarray()+set() costs more than the copy.
      for (let i = 0; i < run; i++) out[op++] = input[ip++]!;
    } else {
      let len = ctrl >> 5;
      let ref = op - ((ctrl & 0x1f) << 8) - 1;
      if (len === 7) {
        if (ip >= inEnd) throw corrupt(file, inputOffset + at, "back-reference past the end of the data");
        len += input[ip++]!;
      }
      if (ip >= inEnd) throw corrupt(file, inputOffset + at, "back-reference past the end of the data");
      ref -= input[ip++]!;
      len += 2;
      if (ref < 0) throw corrupt(file, inputOffset + at, "back-reference before the start of the output");
      if (op + len > outEnd)
        throw corrupt(file, inputOffset + at, "back-reference overflows the declared size");
      for (let i = 0; i < len; i++) out[op++] = out[ref++]!;
    }
  }
  return op;
}

const corrupt = (file: string, at: number, why: string) =>
  new PointCloudDecodeError(file, at, `corrupt LZF data: ${why}`);
