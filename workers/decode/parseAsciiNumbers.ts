import { PointCloudDecodeError } from "./PointCloudDecodeError";
import { asciiDecimalsKernel } from "./wasm/asciiDecimalsKernel";
import { readAsciiDecimals } from "./wasm/readAsciiDecimals";

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export interface AsciiNumbers {
  /** Numbers written into `out` (at most out.length). */
  count: number;
  /** Byte just after the last number read. */
  end: number;
  /** True when more tokens follow after `out` is full. */
  more: boolean;
}

/**
 * Reads whitespace-separated numbers from `bytes[start..]` into `out`, straight from the bytes (no
 * strings, no split): three.js splits lines and calls parseFloat, which is what makes its ascii
 * path slow. Plain decimals of up to 15 digits (nearly every token) are one exact division, so
 * correctly rounded; exponents, longer tokens and nan/inf spellings take a slower path through
 * Number(). Anything else throws PointCloudDecodeError at the token's byte. The bulk of the plain
 * decimals is read in WebAssembly where it can be compiled (readAsciiDecimals: the whole ascii decode 1.55–2.3× faster than with this loop);
 * this loop reads the rest, and everything where WebAssembly cannot run.
 */
export function parseAsciiNumbers(
  bytes: Uint8Array,
  start: number,
  out: Float64Array,
  file: string,
): AsciiNumbers {
  const len = bytes.length;
  const cap = out.length;
  let p = start;
  let count = 0;
  const safeEnd = len - BULK_MARGIN;
  const cursor = { p, count };
  const kernel = asciiDecimalsKernel();
  for (;;) {
    if (kernel && p < safeEnd && count < cap) {
      cursor.p = p;
      cursor.count = count;
      readAsciiDecimals(kernel, bytes, safeEnd, out, cursor);
      p = cursor.p;
      count = cursor.count;
    }
    // Reading past the end yields undefined (NaN after − 48), which fails every test below, so the
    // loops need no bounds checks. (Not `d >>> 0 <= 9`: NaN >>> 0 is 0.)
    let c = bytes[p] ?? NaN;
    while (c === 32 || c === 10 || c === 13 || c === 9) c = bytes[++p] ?? NaN;
    if (p >= len) return { count, end: len, more: false };
    if (count === cap) return { count, end: p, more: true };
    const tokenStart = p;
    let negative = false;
    if (c === 45 || c === 43) {
      negative = c === 45;
      c = bytes[++p] ?? NaN;
    }
    // Digit and fraction-digit counts come from positions, not per-character counters.
    const intStart = p;
    let mantissa = 0;
    let d = c - 48;
    while (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      d = (bytes[++p] ?? NaN) - 48;
    }
    let digits = p - intStart;
    let scale = 0;
    if (d === -2) {
      const fracStart = ++p;
      d = (bytes[p] ?? NaN) - 48;
      while (d >= 0 && d <= 9) {
        mantissa = mantissa * 10 + d;
        d = (bytes[++p] ?? NaN) - 48;
      }
      scale = p - fracStart;
      digits += scale;
    }
    const terminator = d + 48;
    if (
      digits === 0 ||
      digits > 15 ||
      (p < len && terminator !== 32 && terminator !== 10 && terminator !== 13 && terminator !== 9)
    ) {
      p = tokenEnd(bytes, tokenStart);
      out[count++] = slowNumber(bytes, tokenStart, p, file);
      continue;
    }
    const value = scale === 0 ? mantissa : mantissa / (POW10[scale] ?? NaN);
    out[count++] = negative ? -value : value;
  }
}

/** Tokens starting this far before the end go to readAsciiDecimals (its chunks need the margin). */
const BULK_MARGIN = 64;

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE: Record<string, number> = {
  nan: Number.NaN,
  "+nan": Number.NaN,
  "-nan": Number.NaN,
  inf: Infinity,
  "+inf": Infinity,
  infinity: Infinity,
  "+infinity": Infinity,
  "-inf": -Infinity,
  "-infinity": -Infinity,
};

function slowNumber(bytes: Uint8Array, start: number, end: number, file: string): number {
  const token = latin1(bytes, start, end);
  if (PLAIN_NUMBER.test(token)) return Number(token);
  const special = NON_FINITE[token.toLowerCase()];
  if (special !== undefined) return special;
  throw new PointCloudDecodeError(file, start, `"${token.slice(0, 24)}" is not a number`);
}

function tokenEnd(bytes: Uint8Array, p: number): number {
  while (p < bytes.length && bytes[p] !== 32 && bytes[p] !== 10 && bytes[p] !== 13 && bytes[p] !== 9) p++;
  return p;
}

export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i] ?? NaN);
  return s;
}
