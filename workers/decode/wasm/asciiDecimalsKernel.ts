import { compiledOnce } from "./compiledOnce";
import { type Code, f64, i32, i64, op, type WasmFunction } from "./wasmModule";

/**
 * A WebAssembly kernel for the common case of ascii point clouds: whitespace-separated plain
 * decimals (optional sign, digits, optional fraction) of at most 15 digits. Such a number is its
 * digits as an integer (exact: < 2^53) divided by a power of ten (exact up to 10^22): one correctly
 * rounded division, the same arithmetic as parseAsciiNumbers' JavaScript loop, so the results are
 * identical bit for bit.
 *
 * `decimals(p, safeEnd, out, cap)` reads from byte p, writes float64 values at `out`, and stops
 * when `cap` values are written, when the next token starts at or beyond `safeEnd`, or at the
 * first token it does not handle (longer, exponent, nan…, garbage): it returns [count, p] with p
 * at that token (or at the next token / whitespace when it stopped for another reason). The
 * caller leaves a margin after safeEnd and a byte that is neither a digit nor whitespace after
 * the input, so a token that starts before safeEnd is read entirely from the input.
 */
export interface AsciiDecimalsKernel {
  memory: WebAssembly.Memory;
  decimals(p: number, safeEnd: number, out: number, cap: number): [number, number];
}

/** Where the kernel finds 10^0 … 10^15 (float64) in its memory. */
export const POW10_AT = 0;
export const POW10_COUNT = 16;

const { localGet: get, localSet: set, i32Const: constant } = op;

function decimalsFunction(): WasmFunction {
  // params, then locals
  const [p, safeEnd, out, cap] = [0, 1, 2, 3];
  const [count, c, tokenStart, negative, intStart, digits, scale, d, fracStart] = [
    4, 5, 6, 7, 8, 9, 10, 11, 12,
  ];
  const mantissa = 13;
  const value = 14;
  const isSpace = (local: number): Code => [
    ...[...get(local), ...constant(32), ...op.i32Eq],
    ...[...get(local), ...constant(10), ...op.i32Eq, ...op.i32Or],
    ...[...get(local), ...constant(13), ...op.i32Eq, ...op.i32Or],
    ...[...get(local), ...constant(9), ...op.i32Eq, ...op.i32Or],
  ];
  const nextDigit: Code = [
    ...[...get(p), ...constant(1), ...op.i32Add, ...set(p)],
    ...[...get(p), ...op.i32Load8u(), ...constant(48), ...op.i32Sub, ...set(d)],
  ];
  /** while d is 0–9 (unsigned compare: below '0' wraps high): mantissa = mantissa × 10 + d. */
  const digitLoop: Code[] = [
    op.block,
    op.loop,
    [...get(d), ...constant(9), ...op.i32GtU, ...op.brIf(1)],
    [
      ...get(mantissa),
      ...op.i64Const(10),
      ...op.i64Mul,
      ...get(d),
      ...op.i64ExtendI32U,
      ...op.i64Add,
      ...set(mantissa),
    ],
    nextDigit,
    op.br(0),
    op.end,
    op.end,
  ];
  // Depths below are counted from the instruction outwards: block $done > loop $token > …
  return {
    name: "decimals",
    params: [i32, i32, i32, i32],
    results: [i32, i32],
    locals: [i32, i32, i32, i32, i32, i32, i32, i32, i32, i64, f64],
    body: [
      op.block, // $done
      op.loop, // $token
      [...get(count), ...get(cap), ...op.i32Eq, ...op.brIf(1)],
      // Skip whitespace.
      op.block,
      op.loop,
      [...get(p), ...op.i32Load8u(), ...set(c)],
      [...isSpace(c), ...op.i32Eqz, ...op.brIf(1)],
      [...get(p), ...constant(1), ...op.i32Add, ...set(p), ...op.br(0)],
      op.end,
      op.end,
      [...get(p), ...get(safeEnd), ...op.i32GeU, ...op.brIf(1)],
      [...get(p), ...set(tokenStart), ...constant(0), ...set(negative)],
      // Sign.
      [...get(c), ...constant(45), ...op.i32Eq, ...get(c), ...constant(43), ...op.i32Eq, ...op.i32Or],
      op.if,
      [...get(c), ...constant(45), ...op.i32Eq, ...set(negative)],
      [...get(p), ...constant(1), ...op.i32Add, ...set(p), ...get(p), ...op.i32Load8u(), ...set(c)],
      op.end,
      // Integer digits.
      [...get(p), ...set(intStart), ...op.i64Const(0), ...set(mantissa)],
      [...get(c), ...constant(48), ...op.i32Sub, ...set(d)],
      ...digitLoop,
      [...get(p), ...get(intStart), ...op.i32Sub, ...set(digits), ...constant(0), ...set(scale)],
      // Fraction after '.' (d = '.' − '0' = −2).
      [...get(d), ...constant(-2), ...op.i32Eq],
      op.if,
      [...get(p), ...constant(1), ...op.i32Add, ...set(p), ...get(p), ...set(fracStart)],
      [...get(p), ...op.i32Load8u(), ...constant(48), ...op.i32Sub, ...set(d)],
      ...digitLoop,
      [...get(p), ...get(fracStart), ...op.i32Sub, ...set(scale)],
      [...get(digits), ...get(scale), ...op.i32Add, ...set(digits)],
      op.end,
      // Not handled here: no digits, more than 15, or not followed by whitespace. Stop at the token.
      [...get(d), ...constant(48), ...op.i32Add, ...set(c)],
      [...get(digits), ...op.i32Eqz, ...get(digits), ...constant(15), ...op.i32GtU, ...op.i32Or],
      [...isSpace(c), ...op.i32Eqz, ...op.i32Or],
      op.if,
      [...get(tokenStart), ...set(p), ...op.br(2)],
      op.end,
      // out[count] = ±mantissa / 10^scale
      [...get(out), ...get(count), ...constant(3), ...op.i32Shl, ...op.i32Add],
      [...get(mantissa), ...op.f64ConvertI64S],
      [...get(scale), ...constant(3), ...op.i32Shl, ...op.f64Load(POW10_AT), ...op.f64Div],
      // negative ? −value : value (select: branch-free)
      [...op.localTee(value), ...op.f64Neg, ...get(value), ...get(negative), ...op.select],
      op.f64Store(),
      [...get(count), ...constant(1), ...op.i32Add, ...set(count)],
      op.br(0),
      op.end,
      op.end,
      [...get(count), ...get(p)],
    ],
  };
}

const compiled = compiledOnce<AsciiDecimalsKernel>(() => [decimalsFunction()]);
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
