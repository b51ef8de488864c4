import { compiledOnce } from "../wasm/compiledOnce";
import { type Code, i32, op, type WasmFunction } from "../wasm/wasmModule";
import { LzfCorruption } from "./lzfCorrupt";

/**
 * `lzf(ip, inEnd, op, outEnd) → [written, at]`: decompresses LZF (liblzf's format, as in PCD
 * binary_compressed) from memory [ip, inEnd) to [op, outEnd). Returns [bytes written, 0], or
 * [−LzfCorruption, address of the offending control byte] for the same inputs, checked in the
 * same order, as the JS decoder (lzfDecompress.ts). Needs LZF_KERNEL_SLACK bytes of memory after
 * each region that nothing else uses.
 */
export interface LzfKernel {
  memory: WebAssembly.Memory;
  lzf(ip: number, inEnd: number, op: number, outEnd: number): [number, number];
}

/** Bytes a decode may read past the input and write past the output (see copyWords). */
export const LZF_KERNEL_SLACK = 8;

// 8-byte load/store for the word copies.
const i64Load = op.i64Load();
const i64Store = op.i64Store();

// Locals: the four parameters, then scratch.
const IP = 0; // next input byte (absolute address)
const IN_END = 1; // end of the input
const OP = 2; // next output byte
const OUT_END = 3; // end of the output region
const OUT_START = 4;
const AT = 5; // the control byte being decoded (reported on error)
const CTRL = 6;
const LEN = 7; // bytes to copy
const SRC = 8; // where the copy reads: the input for a literal run, the output for a back-reference

const get = op.localGet;
const set = op.localSet;
const int = op.i32Const;
/** local += n */
const add = (local: number, n: number): Code[] => [get(local), int(n), op.i32Add, set(local)];
/** Returns (−why, AT) when the i32 on the stack is non-zero. */
const failIf = (why: LzfCorruption): Code[] => [op.if, int(-why), get(AT), op.ret, op.end];

/**
 * Copies LEN ≥ 1 bytes from SRC to OP in 8-byte words and advances OP by exactly LEN. The last
 * word may read and write up to 7 bytes past the run (LZF_KERNEL_SLACK): later output overwrites
 * them. Correct for an overlapping back-reference too when OP − SRC ≥ 8: each word then reads
 * only bytes written before it. Runs are short (~2–3 bytes in lidar frames), so one word is
 * usually all: memory.copy per run measured 3× slower on the benchmark frame (43 → 137 ms).
 */
const copyWords: Code[] = [
  op.loop,
  ...[get(OP), get(SRC), i64Load, i64Store],
  ...[get(LEN), int(8), op.i32GtU], // another word after this one? (stays on the stack)
  ...add(OP, 8),
  ...add(SRC, 8),
  ...add(LEN, -8),
  op.brIf(0),
  op.end,
  // LEN is now in (−8, 0]: step OP back over the overshoot.
  ...[get(OP), get(LEN), op.i32Add, set(OP)],
];

/** Copies LEN ≥ 1 bytes from SRC to OP one at a time (back-references closer than 8 bytes). */
const copyBytes: Code[] = [
  op.loop,
  ...[get(OP), get(SRC), op.i32Load8u(), op.i32Store8()],
  ...add(OP, 1),
  ...add(SRC, 1),
  ...[get(LEN), int(1), op.i32Sub, op.localTee(LEN), op.brIf(0)],
  op.end,
];

/** ctrl < 32: a literal run of ctrl + 1 bytes follows. */
const literalRun: Code[] = [
  ...[get(CTRL), int(1), op.i32Add, set(LEN)],
  ...[get(OP), get(LEN), op.i32Add, get(OUT_END), op.i32GtU],
  ...failIf(LzfCorruption.literalOverflows),
  ...[get(IP), get(LEN), op.i32Add, get(IN_END), op.i32GtU],
  ...failIf(LzfCorruption.literalPastEnd),
  ...[get(IP), set(SRC)],
  ...[get(IP), get(LEN), op.i32Add, set(IP)],
  ...copyWords,
];

/**
 * Otherwise a back-reference: length (ctrl >> 5) + 2, where 7 means 7 + the next byte + 2;
 * distance ((ctrl & 31) << 8) + the byte after that + 1, back from OP.
 */
const backReference: Code[] = [
  ...[get(CTRL), int(5), op.i32ShrU, set(LEN)],
  ...[get(LEN), int(7), op.i32Eq, op.if],
  ...[get(IP), get(IN_END), op.i32GeU, ...failIf(LzfCorruption.referencePastEnd)],
  ...[get(LEN), get(IP), op.i32Load8u(), op.i32Add, set(LEN), ...add(IP, 1)],
  op.end,
  ...[get(IP), get(IN_END), op.i32GeU, ...failIf(LzfCorruption.referencePastEnd)],
  ...add(LEN, 2),
  // SRC = the distance for now.
  ...[get(CTRL), int(31), op.i32And, int(8), op.i32Shl],
  ...[get(IP), op.i32Load8u(), op.i32Add, int(1), op.i32Add, set(SRC), ...add(IP, 1)],
  ...[get(SRC), get(OP), get(OUT_START), op.i32Sub, op.i32GtU],
  ...failIf(LzfCorruption.referenceBeforeStart),
  ...[get(OP), get(LEN), op.i32Add, get(OUT_END), op.i32GtU],
  ...failIf(LzfCorruption.referenceOverflows),
  // Word copies unless the reference is closer than a word (runs of a short pattern).
  ...[get(SRC), int(8), op.i32LtU],
  ...[get(OP), get(SRC), op.i32Sub, set(SRC)],
  ...[op.if, ...copyBytes, op.else, ...copyWords, op.end],
];

/**
 * The kernel's one function. It branches on the kind of each instruction although real streams
 * alternate short literal runs and back-references unpredictably (the 2M-point benchmark frame:
 * 5M runs of ~1.6 bytes, 7M references of ~3.3): decoding both kinds at once and picking one
 * with `select` measured 2× slower (53 → 118 ms in one run), as every step then waits on the
 * previous control byte's load.
 */
function lzfFunction(): WasmFunction {
  const body: Code[] = [
    ...[get(OP), set(OUT_START)],
    ...[op.block, op.loop],
    ...[get(IP), get(IN_END), op.i32GeU, op.brIf(1)], // all input decoded
    ...[get(IP), set(AT)],
    ...[get(IP), op.i32Load8u(), set(CTRL), ...add(IP, 1)],
    ...[get(CTRL), int(32), op.i32LtU, op.if, ...literalRun, op.else, ...backReference, op.end],
    op.br(0),
    ...[op.end, op.end],
    ...[get(OP), get(OUT_START), op.i32Sub, int(0)],
  ];
  return {
    name: "lzf",
    params: [i32, i32, i32, i32],
    results: [i32, i32],
    locals: [i32, i32, i32, i32, i32],
    body,
  };
}

/**
 * The kernel, compiled once per thread; undefined where WebAssembly cannot be compiled (iOS
 * Lockdown Mode, a page whose CSP forbids it): the caller then decodes in JavaScript.
 */
export const lzfKernel = compiledOnce<LzfKernel>(() => [lzfFunction()]);
