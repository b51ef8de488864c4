// AssemblyScript: compiled by ../buildKernels.ts (npm run kernels), not by tsc.

// Why the data is corrupt: the codes of LzfCorruption (../../pcd/lzfCorrupt.ts).
const LITERAL_OVERFLOWS = 1;
const LITERAL_PAST_END = 2;
const REFERENCE_PAST_END = 3;
const REFERENCE_BEFORE_START = 4;
const REFERENCE_OVERFLOWS = 5;

/** The control byte of the last corruption found. */
let corruptAt: usize = 0;

/**
 * Decompresses LZF (liblzf's format, as in PCD binary_compressed) from memory [ip, inEnd) to
 * [op, outEnd). Returns the bytes written, or −(LzfCorruption code) for the same inputs, checked
 * in the same order, as the JS decoder (lzfDecompress.ts); `lzfCorruptAt()` then answers the
 * address of the offending control byte. Needs LZF_KERNEL_SLACK (8) bytes of memory after each
 * region that nothing else uses (see copyWords).
 *
 * It branches on the kind of each instruction although real streams alternate short literal
 * runs and back-references unpredictably (the 2M-point benchmark frame: 5M runs of ~1.6 bytes,
 * 7M references of ~3.3): decoding both kinds at once and picking one with `select` measured 2×
 * slower, as every step then waits on the previous control byte's load.
 */
export function lzf(ip: usize, inEnd: usize, op: usize, outEnd: usize): i32 {
  const outStart = op;
  while (ip < inEnd) {
    const at = ip;
    const ctrl: u32 = load<u8>(ip++);
    if (ctrl < 32) {
      // A literal run of ctrl + 1 bytes follows.
      const len: usize = ctrl + 1;
      if (op + len > outEnd) return corrupt(LITERAL_OVERFLOWS, at);
      if (ip + len > inEnd) return corrupt(LITERAL_PAST_END, at);
      op = copyWords(op, ip, len);
      ip += len;
    } else {
      // A back-reference: length (ctrl >> 5) + 2, where 7 means 7 + the next byte + 2; distance
      // ((ctrl & 31) << 8) + the byte after that + 1, back from op.
      let len: usize = ctrl >> 5;
      if (len === 7) {
        if (ip >= inEnd) return corrupt(REFERENCE_PAST_END, at);
        len += load<u8>(ip++);
      }
      if (ip >= inEnd) return corrupt(REFERENCE_PAST_END, at);
      len += 2;
      const distance: usize = ((ctrl & 31) << 8) + load<u8>(ip++) + 1;
      if (distance > op - outStart) return corrupt(REFERENCE_BEFORE_START, at);
      if (op + len > outEnd) return corrupt(REFERENCE_OVERFLOWS, at);
      // Word copies unless the reference is closer than a word (runs of a short pattern).
      op = distance < 8 ? copyBytes(op, op - distance, len) : copyWords(op, op - distance, len);
    }
  }
  return <i32>(op - outStart);
}

/** Where the last corruption `lzf` reported lies (the address of its control byte). */
export function lzfCorruptAt(): usize {
  return corruptAt;
}

function corrupt(why: i32, at: usize): i32 {
  corruptAt = at;
  return -why;
}

/**
 * Copies len ≥ 1 bytes from src to op in 8-byte words; returns op + len. The last word may read
 * and write up to 7 bytes past the run (LZF_KERNEL_SLACK): later output overwrites them. Correct
 * for an overlapping back-reference too when op − src ≥ 8: each word then reads only bytes
 * written before it. Runs are short (~2–3 bytes in lidar frames), so one word is usually all:
 * memory.copy per run measured 3× slower on the benchmark frame.
 */
function copyWords(op: usize, src: usize, len: usize): usize {
  const end = op + len;
  do {
    store<u64>(op, load<u64>(src));
    op += 8;
    src += 8;
  } while (op < end);
  return end;
}

/** Copies len ≥ 1 bytes from src to op one at a time (back-references closer than 8 bytes); returns op + len. */
function copyBytes(op: usize, src: usize, len: usize): usize {
  const end = op + len;
  do store<u8>(op++, load<u8>(src++));
  while (op < end);
  return end;
}
