/**
 * A small WebAssembly binary writer: enough to build the decode kernels from instruction lists
 * written in TypeScript, so the project needs no wasm toolchain (none is available here) and ships
 * no opaque binary. Encodings follow the WebAssembly 2.0 core spec (binary format, chapter 5) and
 * the fixed-width SIMD proposal (opcode prefix 0xFD).
 */

/** One instruction (or a run of them) as its bytes. */
export type Code = readonly number[];

export const i32 = 0x7f;
export const i64 = 0x7e;
export const f64 = 0x7c;
export const v128 = 0x7b;
export type ValueType = typeof i32 | typeof i64 | typeof f64 | typeof v128;

export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const simd = (opcode: number, ...immediates: number[]): Code => [0xfd, ...uleb(opcode), ...immediates];

/** The instructions the kernels use. Memory accesses take a byte offset immediate. */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  /** if … end (or if … else … end) leaving nothing on the stack. */
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Code => [0x0d, ...uleb(depth)],
  ret: [0x0f],
  /** select: the first of two values if the i32 on top is non-zero, else the second. */
  select: [0x1b],
  localGet: (i: number): Code => [0x20, ...uleb(i)],
  localSet: (i: number): Code => [0x21, ...uleb(i)],
  localTee: (i: number): Code => [0x22, ...uleb(i)],
  i32Const: (v: number): Code => [0x41, ...sleb(v)],
  /** i32.load with align hint 1 byte: the kernels read unaligned records. */
  i32Load: (offset = 0): Code => [0x28, 0, ...uleb(offset)],
  i32Store: (offset = 0): Code => [0x36, 0, ...uleb(offset)],
  i32Load8u: (offset = 0): Code => [0x2d, 0, ...uleb(offset)],
  i32Store8: (offset = 0): Code => [0x3a, 0, ...uleb(offset)],
  i32Load16u: (offset = 0): Code => [0x2f, 0, ...uleb(offset)],
  i32Store16: (offset = 0): Code => [0x3b, 0, ...uleb(offset)],
  i64Load: (offset = 0): Code => [0x29, 0, ...uleb(offset)],
  i64Store: (offset = 0): Code => [0x37, 0, ...uleb(offset)],
  f32Store: (offset = 0): Code => [0x38, 0, ...uleb(offset)],
  i64Const: (v: number): Code => [0x42, ...sleb(v)],
  f64Load: (offset = 0): Code => [0x2b, 0, ...uleb(offset)],
  f64Store: (offset = 0): Code => [0x39, 0, ...uleb(offset)],
  i32Eqz: [0x45],
  i32Eq: [0x46],
  i32Ne: [0x47],
  i32LtU: [0x49],
  i32GtU: [0x4b],
  i32LeU: [0x4d],
  i32GeU: [0x4f],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32And: [0x71],
  i32Or: [0x72],
  i32Xor: [0x73],
  i32Shl: [0x74],
  i32ShrS: [0x75],
  i32ShrU: [0x76],
  i64Add: [0x7c],
  i64Mul: [0x7e],
  f64Neg: [0x9a],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  f32ConvertI32U: [0xb3],
  f32DemoteF64: [0xb6],
  f64ConvertI32S: [0xb7],
  i64ExtendI32U: [0xad],
  f64ConvertI64S: [0xb9],
  /** memory.copy (bulk memory): dst, src, length on the stack. */
  memoryCopy: [0xfc, ...uleb(10), 0, 0],
  v128Load: (offset = 0): Code => simd(0, 0, ...uleb(offset)),
  v128Store: (offset = 0): Code => simd(11, 0, ...uleb(offset)),
  v128Const: (lanes: [number, number, number, number]): Code => [
    ...simd(12),
    ...new Uint8Array(Int32Array.from(lanes).buffer),
  ],
  /** i8x16.shuffle of two vectors, given as four 32-bit lane picks (0–3 first vector, 4–7 second). */
  shuffle32: (lanes: [number, number, number, number]): Code =>
    simd(13, ...lanes.flatMap((lane) => [lane * 4, lane * 4 + 1, lane * 4 + 2, lane * 4 + 3])),
  v128And: simd(78),
  v128Or: simd(80),
  v128AnyTrue: simd(83),
  i32x4Add: simd(174),
} as const;

/** local += the value `by` pushes (pointer and counter steps). */
export const addTo = (local: number, by: Code): Code => [
  ...op.localGet(local),
  ...by,
  ...op.i32Add,
  ...op.localSet(local),
];

/**
 * `body` repeated while local `n`, counted down by `step` after each pass, stays non-zero; nothing
 * when n starts at 0 (n must be a multiple of step).
 */
export const countdownLoop = (n: number, step: number, body: Code[]): Code[] => [
  op.block,
  [...op.localGet(n), ...op.i32Eqz, ...op.brIf(0)],
  op.loop,
  ...body,
  [...op.localGet(n), ...op.i32Const(step), ...op.i32Sub, ...op.localTee(n), ...op.brIf(0)],
  op.end,
  op.end,
];

export interface WasmFunction {
  name: string;
  params: ValueType[];
  results: ValueType[];
  /** Locals after the parameters, in order. */
  locals: ValueType[];
  body: Code[];
}

const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
const name = (text: string): number[] => vector([...text].map((c) => [c.charCodeAt(0)]));

/**
 * A module of the given functions (each exported under its name) and one memory exported as
 * "memory", `memoryPages` × 64 KiB to start with.
 */
export function wasmModule(functions: WasmFunction[], memoryPages: number): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [
    0x60,
    ...vector(f.params.map((t) => [t])),
    ...vector(f.results.map((t) => [t])),
  ]);
  const bodies = functions.map((f) => {
    const locals = vector(f.locals.map((t) => [1, t]));
    const code = [...locals, ...f.body.flat(), ...op.end];
    return [...uleb(code.length), ...code];
  });
  const exports = [
    ...functions.map((f, index) => [...name(f.name), 0x00, ...uleb(index)]),
    [...name("memory"), 0x02, 0],
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, index) => uleb(index)))),
    ...section(5, vector([[0x00, ...uleb(memoryPages)]])),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}
