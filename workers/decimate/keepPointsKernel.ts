import { type Code, i32, op, type WasmFunction } from "../decode/wasm/wasmModule";
import { compiledOnce } from "../decode/wasm/compiledOnce";

/**
 * A WebAssembly kernel of decimatePointCloud's selection: for `n` points (x,y,z float32 bit
 * patterns at `positions`, 12 bytes each, and one 32-bit intensity each at `intensity`), keeps
 * those whose 31-bit position hash is under `threshold`, writing them one after the other at
 * `outPositions` / `outIntensity`, and stops once `remaining` are kept. Returns how many it
 * kept. The hash is the JavaScript one (keepPoint), instruction for instruction, and the write
 * is branch-free the same way, so the kept points and their order are identical.
 */
export interface KeepPointsKernel {
  memory: WebAssembly.Memory;
  keep(
    positions: number,
    n: number,
    threshold: number,
    remaining: number,
    outPositions: number,
    intensity: number,
    outIntensity: number,
  ): number;
}

const { localGet: get, localSet: set, i32Const: constant } = op;
/** Instructions the shared op table does not list (WebAssembly 2.0 core opcodes). */
const i32ShrS: Code = [0x75];
const i32Xor: Code = [0x73];

function keepFunction(): WasmFunction {
  const [positions, n, threshold, remaining, outPositions, intensity, outIntensity] = [0, 1, 2, 3, 4, 5, 6];
  const [x, y, z, h, kept, k] = [7, 8, 9, 10, 11, 12];
  const cell = (word: number): Code => [...get(word), ...constant(11), ...i32ShrS];
  const advance = (pointer: number, by: Code): Code => [
    ...get(pointer),
    ...by,
    ...op.i32Add,
    ...set(pointer),
  ];
  return {
    name: "keep",
    params: Array(7).fill(i32),
    results: [i32],
    locals: Array(6).fill(i32),
    body: [
      op.block,
      [...get(n), ...op.i32Eqz, ...op.brIf(0)],
      [...get(remaining), ...op.i32Eqz, ...op.brIf(0)],
      op.loop,
      [...get(positions), ...op.i32Load(0), ...set(x)],
      [...get(positions), ...op.i32Load(4), ...set(y)],
      [...get(positions), ...op.i32Load(8), ...set(z)],
      // Every point is written at the next free slot; the slot advances only when it is kept.
      [...get(outPositions), ...get(x), ...op.i32Store(0)],
      [...get(outPositions), ...get(y), ...op.i32Store(4)],
      [...get(outPositions), ...get(z), ...op.i32Store(8)],
      [...get(outIntensity), ...get(intensity), ...op.i32Load(0), ...op.i32Store(0)],
      // h = imul(cx ^ imul(cy, 0x85ebca77) ^ imul(cz, 0xc2b2ae3d), 0x9e3779b1)
      [...cell(x), ...cell(y), ...constant(0x85ebca77 | 0), ...op.i32Mul, ...i32Xor],
      [...cell(z), ...constant(0xc2b2ae3d | 0), ...op.i32Mul, ...i32Xor],
      [...constant(0x9e3779b1 | 0), ...op.i32Mul, ...set(h)],
      // kept = ((((h ^ (h >>> 16)) >>> 1) − threshold) >>> 31
      [...get(h), ...get(h), ...constant(16), ...op.i32ShrU, ...i32Xor, ...constant(1), ...op.i32ShrU],
      [...get(threshold), ...op.i32Sub, ...constant(31), ...op.i32ShrU, ...set(kept)],
      advance(k, get(kept)),
      advance(outPositions, [...get(kept), ...constant(12), ...op.i32Mul]),
      advance(outIntensity, [...get(kept), ...constant(2), ...op.i32Shl]),
      advance(positions, constant(12)),
      advance(intensity, constant(4)),
      [...get(k), ...get(remaining), ...op.i32Eq, ...op.brIf(1)],
      [...get(n), ...constant(1), ...op.i32Sub, ...op.localTee(n), ...op.brIf(0)],
      op.end,
      op.end,
      get(k),
    ],
  };
}

/**
 * The kernel, compiled once per thread; undefined where WebAssembly cannot be compiled (e.g. a
 * page whose CSP forbids it): decimatePointCloud then runs its JavaScript loops.
 */
export const keepPointsKernel = compiledOnce<KeepPointsKernel>(() => [keepFunction()]);
