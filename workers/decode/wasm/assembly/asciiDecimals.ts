// AssemblyScript: compiled by ../buildKernels.ts (npm run kernels), not by tsc.

/** Where the caller writes 10^0 … 10^15 (float64) before the first call. */
const POW10_AT: usize = 0;

/** Where the last call of `decimals` stopped. */
let stoppedAt: usize = 0;

/**
 * Reads whitespace-separated plain decimals (optional sign, digits, optional fraction) of at
 * most 15 digits from byte p, writing float64 values at `out`. Such a number is its digits as an
 * integer (exact: < 2^53) divided by a power of ten (exact up to 10^22): one correctly rounded
 * division, the same arithmetic as parseAsciiNumbers' JavaScript loop, so the results are
 * identical bit for bit.
 *
 * Stops when `cap` values are written, when the next token starts at or beyond `safeEnd`, or at
 * the first token it does not handle (longer, exponent, nan…, garbage). Returns how many values
 * it wrote; `decimalsEnd()` then answers where it stopped: at the unhandled token, or at the next
 * token / whitespace when it stopped for another reason. The caller leaves a margin after safeEnd
 * and a byte that is neither a digit nor whitespace after the input, so a token that starts
 * before safeEnd is read entirely from the input.
 */
export function decimals(p: usize, safeEnd: usize, out: usize, cap: u32): u32 {
  let count: u32 = 0;
  while (count !== cap) {
    let c: u32 = load<u8>(p);
    while (isSpace(c)) c = load<u8>(++p);
    if (p >= safeEnd) break;
    const tokenStart = p;
    const negative = c === 45; // '-'
    if (negative || c === 43) c = load<u8>(++p); // '+'
    // Integer digits (d is unsigned: a byte below '0' wraps high).
    const intStart = p;
    let mantissa: i64 = 0;
    let d: u32 = c - 48;
    while (d <= 9) {
      mantissa = mantissa * 10 + d;
      d = <u32>load<u8>(++p) - 48;
    }
    let digits = p - intStart;
    let scale: usize = 0;
    // A fraction after '.' ('.' − '0' wraps to 2^32 − 2).
    if (d === <u32>-2) {
      const fracStart = ++p;
      d = <u32>load<u8>(p) - 48;
      while (d <= 9) {
        mantissa = mantissa * 10 + d;
        d = <u32>load<u8>(++p) - 48;
      }
      scale = p - fracStart;
      digits += scale;
    }
    // Not handled here: no digits, more than 15, or not followed by whitespace. Stop at the token.
    if (digits === 0 || digits > 15 || !isSpace(d + 48)) {
      p = tokenStart;
      break;
    }
    const value = <f64>mantissa / load<f64>(POW10_AT + (scale << 3));
    store<f64>(out + ((<usize>count) << 3), negative ? -value : value);
    count++;
  }
  stoppedAt = p;
  return count;
}

/** Where the last call of `decimals` stopped (a byte address). */
export function decimalsEnd(): usize {
  return stoppedAt;
}

function isSpace(c: u32): bool {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
