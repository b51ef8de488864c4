/**
 * A tiny WebAssembly emitter: enough to write one function of i32s by hand as a commented list of
 * instructions (see lzfWasmBytes.ts). There is no wasm toolchain on the build machines, and the
 * module is a few hundred bytes, so it is assembled here at run time rather than shipped as a
 * binary blob nobody can read. Opcodes and encodings: WebAssembly core spec 2.0, §5.
 */

/** The opcodes the hand-written functions use. Memory instructions take a memarg (see `mem`). */
export const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i64Load: 0x29,
  i32Load8U: 0x2d,
  i64Store: 0x37,
  i32Store8: 0x3a,
  i32Const: 0x41,
  i32Eq: 0x46,
  i32LtU: 0x49,
  i32GtS: 0x4a,
  i32GtU: 0x4b,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  /** The block type of a block, loop or if that leaves nothing on the stack. */
  void: 0x40,
} as const;

const I32 = 0x7f;

/** Unsigned LEB128 (sizes, indices, memarg fields). */
function u32(n: number): number[] {
  const bytes: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    bytes.push(b);
  } while (n !== 0);
  return bytes;
}

/** Signed LEB128 (the immediate of i32.const). */
function s32(n: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...bytes, b];
    bytes.push(b | 0x80);
  }
}

/** `i32.const n`. */
export const i32 = (n: number): number[] => [op.i32Const, ...s32(n)];

/** A load or store at address + `offset`, alignment hint 1 byte (addresses may be unaligned). */
export const mem = (opcode: number, offset = 0): number[] => [opcode, 0, ...u32(offset)];

const vec = (items: number[][]): number[] => [...u32(items.length), ...items.flat()];
const name = (s: string): number[] => vec([...new TextEncoder().encode(s)].map((b) => [b]));
const section = (id: number, content: number[]): number[] => [id, ...u32(content.length), ...content];

export interface I32FunctionModule {
  /** Export name of the function. */
  name: string;
  /** Number of i32 parameters (locals 0 … params − 1). */
  params: number;
  /** Number of further i32 locals (locals params … params + locals − 1), zero on entry. */
  locals: number;
  /** Number of i32 results. */
  results: number;
  /** The instructions, without the final `end`. */
  body: number[];
}

/**
 * A module with one exported function `(i32 × params) → (i32 × results)` and its memory exported
 * as "memory" (1 page to start, grown by the caller).
 */
export function wasmModule(fn: I32FunctionModule): Uint8Array {
  const funcType = [
    0x60,
    ...vec(Array.from({ length: fn.params }, () => [I32])),
    ...vec(Array.from({ length: fn.results }, () => [I32])),
  ];
  const code = [...vec([[...u32(fn.locals), I32]]), ...fn.body, op.end];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vec([funcType])), // types
    ...section(3, vec([u32(0)])), // functions: function 0 has type 0
    ...section(5, vec([[0x00, ...u32(1)]])), // memories: min 1 page, no maximum
    ...section(
      7,
      vec([
        [...name(fn.name), 0x00, ...u32(0)],
        [...name("memory"), 0x02, ...u32(0)],
      ]),
    ), // exports
    ...section(10, vec([[...u32(code.length), ...code]])), // code
  ]);
}
