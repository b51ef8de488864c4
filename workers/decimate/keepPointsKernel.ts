import { addTo, type Code, countdownLoop, i32, op, type WasmFunction } from "../decode/wasm/wasmModule";
import { compiledOnce } from "../decode/wasm/compiledOnce";

/**
 * WebAssembly kernels of decimatePointCloud's selection: for points given as x,y,z float32 bit
 * patterns at `positions` (12 bytes each) and one 32-bit intensity each at `intensity`, keep
 * those whose 31-bit position hash is under `threshold`, writing them one after the other at
 * `outPositions` / `outIntensity`, and return how many they kept. The hash is the JavaScript one
 * (keepPoint), instruction for instruction, and the write is branch-free the same way, so the
 * kept points and their order are identical.
 */
export interface KeepPointsKernel {
  memory: WebAssembly.Memory;
  /** `n` points, one per step, stopping once `remaining` (≥ 1) are kept. */
  keep(
    positions: number,
    n: number,
    threshold: number,
    remaining: number,
    outPositions: number,
    intensity: number,
    outIntensity: number,
  ): number;
  /** 4 × `quads` points, four per step and no budget check: for chunks the budget cannot cut. */
  keepQuads(
    positions: number,
    quads: number,
    threshold: number,
    outPositions: number,
    intensity: number,
    outIntensity: number,
  ): number;
}

const { localGet: get, localSet: set, i32Const: constant } = op;
const { i32ShrS, i32Xor } = op;

const advance = addTo;

/** Locals a point step uses, by index. */
interface PointLocals {
  positions: number;
  threshold: number;
  outPositions: number;
  intensity: number;
  outIntensity: number;
  x: number;
  y: number;
  z: number;
  h: number;
  kept: number;
}

/** The `j`-th point of a step: written at the next free slots, which advance only when it is kept. */
function pointStep(j: number, l: PointLocals): Code[] {
  const cell = (word: number): Code => [...get(word), ...constant(11), ...i32ShrS];
  return [
    [...get(l.positions), ...op.i32Load(12 * j), ...set(l.x)],
    [...get(l.positions), ...op.i32Load(12 * j + 4), ...set(l.y)],
    [...get(l.positions), ...op.i32Load(12 * j + 8), ...set(l.z)],
    [...get(l.outPositions), ...get(l.x), ...op.i32Store(0)],
    [...get(l.outPositions), ...get(l.y), ...op.i32Store(4)],
    [...get(l.outPositions), ...get(l.z), ...op.i32Store(8)],
    [...get(l.outIntensity), ...get(l.intensity), ...op.i32Load(4 * j), ...op.i32Store(0)],
    // h = imul(cx ^ imul(cy, 0x85ebca77) ^ imul(cz, 0xc2b2ae3d), 0x9e3779b1)
    [...cell(l.x), ...cell(l.y), ...constant(0x85ebca77 | 0), ...op.i32Mul, ...i32Xor],
    [...cell(l.z), ...constant(0xc2b2ae3d | 0), ...op.i32Mul, ...i32Xor],
    [...constant(0x9e3779b1 | 0), ...op.i32Mul, ...set(l.h)],
    // kept = ((((h ^ (h >>> 16)) >>> 1) − threshold) >>> 31
    [...get(l.h), ...get(l.h), ...constant(16), ...op.i32ShrU, ...i32Xor, ...constant(1), ...op.i32ShrU],
    [...get(l.threshold), ...op.i32Sub, ...constant(31), ...op.i32ShrU, ...set(l.kept)],
    advance(l.outPositions, [...get(l.kept), ...constant(12), ...op.i32Mul]),
    advance(l.outIntensity, [...get(l.kept), ...constant(2), ...op.i32Shl]),
  ];
}

function keepFunction(): WasmFunction {
  const [positions, n, threshold, remaining, outPositions, intensity, outIntensity] = [0, 1, 2, 3, 4, 5, 6];
  const [x, y, z, h, kept, k] = [7, 8, 9, 10, 11, 12];
  const locals = { positions, threshold, outPositions, intensity, outIntensity, x, y, z, h, kept };
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
      ...pointStep(0, locals),
      advance(k, get(kept)),
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

function keepQuadsFunction(): WasmFunction {
  const [positions, quads, threshold, outPositions, intensity, outIntensity] = [0, 1, 2, 3, 4, 5];
  const [x, y, z, h, kept, first] = [6, 7, 8, 9, 10, 11];
  const locals = { positions, threshold, outPositions, intensity, outIntensity, x, y, z, h, kept };
  return {
    name: "keepQuads",
    params: Array(6).fill(i32),
    results: [i32],
    locals: Array(6).fill(i32),
    body: [
      [...get(outIntensity), ...set(first)],
      ...countdownLoop(quads, 1, [
        ...[0, 1, 2, 3].flatMap((j) => pointStep(j, locals)),
        advance(positions, constant(48)),
        advance(intensity, constant(16)),
      ]),
      // Kept = intensity slots written.
      [...get(outIntensity), ...get(first), ...op.i32Sub, ...constant(2), ...op.i32ShrU],
    ],
  };
}

/**
 * The kernel, compiled once per thread; undefined where WebAssembly cannot be compiled (e.g. a
 * page whose CSP forbids it): decimatePointCloud then runs its JavaScript loops.
 */
export const keepPointsKernel = compiledOnce<KeepPointsKernel>(() => [keepFunction(), keepQuadsFunction()]);
