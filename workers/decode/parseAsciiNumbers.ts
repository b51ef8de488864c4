import { PointCloudDecodeError } from "./PointCloudDecodeError";

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
 * path slow. Up to 15 significant digits and |exponent| ≤ 22 the value is one exact division or
 * multiplication, so correctly rounded; longer tokens fall back to Number(). nan/inf spellings
 * give NaN/±Infinity. Anything else throws PointCloudDecodeError at the token's byte.
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
  for (;;) {
    let c = 0;
    while (p < len && ((c = bytes[p]!) === 32 || c === 10 || c === 13 || c === 9)) p++;
    if (p >= len) return { count, end: p, more: false };
    if (count === cap) return { count, end: p, more: true };
    const tokenStart = p;
    let negative = false;
    if (c === 45 || c === 43) {
      negative = c === 45;
      p++;
    }
    let mantissa = 0;
    let significant = 0;
    let exponent = 0;
    let digits = 0;
    while (p < len && (c = bytes[p]! - 48) >= 0 && c <= 9) {
      if (significant < 15) {
        mantissa = mantissa * 10 + c;
        if (mantissa !== 0) significant++;
      } else {
        exponent++;
        significant++;
      }
      digits++;
      p++;
    }
    if (p < len && bytes[p] === 46) {
      p++;
      while (p < len && (c = bytes[p]! - 48) >= 0 && c <= 9) {
        if (significant < 15) {
          mantissa = mantissa * 10 + c;
          exponent--;
          if (mantissa !== 0) significant++;
        } else significant++;
        digits++;
        p++;
      }
    }
    let value: number;
    if (digits === 0) {
      value = readWord(bytes, tokenStart, p, file);
      p = wordEnd(bytes, p);
    } else {
      if (p < len && (bytes[p] === 101 || bytes[p] === 69)) {
        p++;
        let expNegative = false;
        if (p < len && (bytes[p] === 45 || bytes[p] === 43)) expNegative = bytes[p++] === 45;
        let e = 0;
        let expDigits = 0;
        while (p < len && (c = bytes[p]! - 48) >= 0 && c <= 9) {
          if (e < 100_000) e = e * 10 + c;
          expDigits++;
          p++;
        }
        if (expDigits === 0) throw badToken(bytes, tokenStart, file);
        exponent += expNegative ? -e : e;
      }
      if (significant > 15 || exponent > 22 || exponent < -22) {
        value = Number(latin1(bytes, tokenStart, p));
      } else {
        value = exponent >= 0 ? mantissa * POW10[exponent]! : mantissa / POW10[-exponent]!;
        if (negative) value = -value;
      }
    }
    if (p < len && (c = bytes[p]!) !== 32 && c !== 10 && c !== 13 && c !== 9)
      throw badToken(bytes, tokenStart, file);
    out[count++] = value;
  }
}

function wordEnd(bytes: Uint8Array, p: number): number {
  while (p < bytes.length && isWordByte(bytes[p]!)) p++;
  return p;
}

const isWordByte = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

function readWord(bytes: Uint8Array, tokenStart: number, p: number, file: string): number {
  const word = latin1(bytes, p, wordEnd(bytes, p)).toLowerCase();
  const negative = bytes[tokenStart] === 45;
  if (word === "nan") return Number.NaN;
  if (word === "inf" || word === "infinity") return negative ? -Infinity : Infinity;
  throw badToken(bytes, tokenStart, file);
}

function badToken(bytes: Uint8Array, at: number, file: string): PointCloudDecodeError {
  let end = at;
  while (end < bytes.length && end - at < 24 && bytes[end] !== 32 && bytes[end] !== 10 && bytes[end] !== 13)
    end++;
  return new PointCloudDecodeError(file, at, `"${latin1(bytes, at, end)}" is not a number`);
}

export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}
