/**
 * LZF compression (liblzf 3.6's algorithm, which PCL uses for binary_compressed): literal runs of
 * ≤ 32 bytes and back-references of 3–264 bytes within 8 KiB. Round-trips with lzfDecompress.
 */
export function lzfCompress(input: Uint8Array): Uint8Array {
  const n = input.length;
  const out = new Uint8Array(n + (n >> 5) + 16);
  const HLOG = 14;
  // Stores position + 1, so 0 means "no candidate".
  const table = new Int32Array(1 << HLOG);
  let ip = 0;
  let op = 1;
  let lit = 0;
  while (ip < n - 2) {
    const h =
      ((((input[ip] ?? 0) << 16) | ((input[ip + 1] ?? 0) << 8) | (input[ip + 2] ?? 0)) * 2654435761) >>>
      (32 - HLOG);
    const ref = (table[h] ?? 0) - 1;
    table[h] = ip + 1;
    const off = ip - ref - 1;
    if (
      ref >= 0 &&
      off < 8192 &&
      input[ref] === input[ip] &&
      input[ref + 1] === input[ip + 1] &&
      input[ref + 2] === input[ip + 2]
    ) {
      let len = 2;
      const maxLen = Math.min(264, n - ip - len);
      do len++;
      while (len < maxLen && input[ref + len] === input[ip + len]);
      out[op - lit - 1] = lit - 1;
      if (lit === 0) op--;
      len -= 2;
      ip++;
      if (len < 7) out[op++] = (off >> 8) + (len << 5);
      else {
        out[op++] = (off >> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 255;
      lit = 0;
      op++;
      ip += len + 1;
      continue;
    }
    lit++;
    out[op++] = input[ip++] ?? 0;
    if (lit === 32) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  while (ip < n) {
    lit++;
    out[op++] = input[ip++] ?? 0;
    if (lit === 32) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  out[op - lit - 1] = lit - 1;
  if (lit === 0) op--;
  return out.subarray(0, Math.max(op, 0));
}
