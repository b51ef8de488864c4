import { compiledOnce } from "./compiledOnce";
import { addTo, type Code, countdownLoop, i32, op, v128, type WasmFunction } from "./wasmModule";

/**
 * WebAssembly kernels that copy float32 x, y, z (and one float32 attribute) as raw 32-bit words
 * from records or columns into interleaved positions, and report whether any x, y or z is not
 * finite. Raw words: no float conversion, so NaN payloads and -0 pass unchanged. A float32 is NaN
 * or ±Infinity exactly when its 8 exponent bits are all ones; adding one to that field then
 * carries into bit 31, which the kernels OR together.
 *
 * Every kernel returns 1 if some x, y or z was not finite, else 0. Pointers are byte offsets in
 * the kernel's memory; loads may be unaligned.
 */
export interface Float32PointsKernel {
  memory: WebAssembly.Memory;
  /** Any record layout: x,y,z,a at byte offsets ox,oy,oz,oa of records `stride` bytes apart. */
  records(
    input: number,
    n: number,
    stride: number,
    ox: number,
    oy: number,
    oz: number,
    oa: number,
    positions: number,
    attribute: number,
  ): number;
  /** 16-byte records x,y,z,a (KITTI, most lidar PCDs), 4 points per step; n a multiple of 4. SIMD. */
  records16?(input: number, n: number, positions: number, attribute: number): number;
  /** Columns x,y,z,a each `columnBytes` apart (PCD binary_compressed); n a multiple of 4. SIMD. */
  columns?(input: number, columnBytes: number, n: number, positions: number, attribute: number): number;
}

const { localGet: get, localSet: set, i32Const: constant } = op;

/** (word & 0x7f800000) + 0x00800000 of local `word`, OR-ed into the value on the stack. */
const orNonFinite = (word: number): Code => [
  ...get(word),
  ...constant(0x7f800000),
  ...op.i32And,
  ...constant(0x00800000),
  ...op.i32Add,
  ...op.i32Or,
];

const advance = addTo;

/** The scalar kernel: params input n stride ox oy oz oa positions attribute; locals flags x y z. */
function recordsFunction(): WasmFunction {
  const [input, n, stride, ox, oy, oz, oa, positions, attribute, flags, x, y, z] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
  ];
  const loadAt = (offset: number): Code => [...get(input), ...get(offset), ...op.i32Add, ...op.i32Load()];
  return {
    name: "records",
    params: [i32, i32, i32, i32, i32, i32, i32, i32, i32],
    results: [i32],
    locals: [i32, i32, i32, i32],
    body: [
      ...countdownLoop(n, 1, [
        [...loadAt(ox), ...set(x), ...loadAt(oy), ...set(y), ...loadAt(oz), ...set(z)],
        [...get(attribute), ...loadAt(oa), ...op.i32Store()],
        [...get(positions), ...get(x), ...op.i32Store(0)],
        [...get(positions), ...get(y), ...op.i32Store(4)],
        [...get(positions), ...get(z), ...op.i32Store(8)],
        [...get(flags), ...orNonFinite(x), ...orNonFinite(y), ...orNonFinite(z), ...set(flags)],
        advance(input, get(stride)),
        advance(positions, constant(12)),
        advance(attribute, constant(4)),
      ]),
      [...get(flags), ...constant(31), ...op.i32ShrU],
    ],
  };
}

const exponent = op.v128Const([0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000]);
const exponentOne = op.v128Const([0x00800000, 0x00800000, 0x00800000, 0x00800000]);
const vectorNonFinite = (v: number): Code => [
  ...get(v),
  ...exponent,
  ...op.v128And,
  ...exponentOne,
  ...op.i32x4Add,
  ...op.v128Or,
];

/** records16: 4 records in 4 vectors [x y z a], shuffled into 3 position vectors and 1 attribute vector. */
function records16Function(): WasmFunction {
  const [input, n, positions, attribute, flags, r0, r1, r2, r3] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  return {
    name: "records16",
    params: [i32, i32, i32, i32],
    results: [i32],
    locals: [v128, v128, v128, v128, v128],
    body: [
      ...countdownLoop(n, 4, [
        [...get(input), ...op.v128Load(0), ...set(r0), ...get(input), ...op.v128Load(16), ...set(r1)],
        [...get(input), ...op.v128Load(32), ...set(r2), ...get(input), ...op.v128Load(48), ...set(r3)],
        // [x0 y0 z0 x1] [y1 z1 x2 y2] [z2 x3 y3 z3]
        [...get(positions), ...get(r0), ...get(r1), ...op.shuffle32([0, 1, 2, 4]), ...op.v128Store(0)],
        [...get(positions), ...get(r1), ...get(r2), ...op.shuffle32([1, 2, 4, 5]), ...op.v128Store(16)],
        [...get(positions), ...get(r2), ...get(r3), ...op.shuffle32([2, 4, 5, 6]), ...op.v128Store(32)],
        // [a0 a1 a2 a3]
        [...get(attribute), ...get(r0), ...get(r1), ...op.shuffle32([3, 7, 3, 7]), ...get(r2), ...get(r3)],
        [...op.shuffle32([3, 7, 3, 7]), ...op.shuffle32([0, 1, 4, 5]), ...op.v128Store(0)],
        [
          ...get(flags),
          ...vectorNonFinite(r0),
          ...vectorNonFinite(r1),
          ...vectorNonFinite(r2),
          ...vectorNonFinite(r3),
          ...set(flags),
        ],
        advance(input, constant(64)),
        advance(positions, constant(48)),
        advance(attribute, constant(16)),
      ]),
      // Lane 3 of every record is the attribute, not a coordinate: leave it out of the check.
      [
        ...get(flags),
        ...op.v128Const([-0x80000000, -0x80000000, -0x80000000, 0]),
        ...op.v128And,
        ...op.v128AnyTrue,
      ],
    ],
  };
}

/** columns: 4 points from 4 columns [x0..x3] [y0..y3] [z0..z3] [a0..a3] into 3 position vectors. */
function columnsFunction(): WasmFunction {
  const [input, columnBytes, n, positions, attribute, flags, x, y, z, xy01, xy23] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
  ];
  const column = (k: number): Code => [
    ...get(input),
    ...get(columnBytes),
    ...constant(k),
    ...op.i32Mul,
    ...op.i32Add,
  ];
  return {
    name: "columns",
    params: [i32, i32, i32, i32, i32],
    results: [i32],
    locals: [v128, v128, v128, v128, v128, v128],
    body: [
      ...countdownLoop(n, 4, [
        [...get(input), ...op.v128Load(0), ...set(x)],
        [...column(1), ...op.v128Load(0), ...set(y)],
        [...column(2), ...op.v128Load(0), ...set(z)],
        [...get(x), ...get(y), ...op.shuffle32([0, 4, 1, 5]), ...set(xy01)],
        [...get(x), ...get(y), ...op.shuffle32([2, 6, 3, 7]), ...set(xy23)],
        // [x0 y0 z0 x1]
        [...get(positions), ...get(xy01), ...get(z), ...op.shuffle32([0, 1, 4, 2]), ...op.v128Store(0)],
        // [y1 z1 x2 y2]
        [...get(positions), ...get(xy01), ...get(z), ...op.shuffle32([3, 5, 3, 5]), ...get(xy23)],
        [...op.shuffle32([0, 1, 4, 5]), ...op.v128Store(16)],
        // [z2 x3 y3 z3]
        [...get(positions), ...get(z), ...get(xy23), ...op.shuffle32([2, 6, 7, 3]), ...op.v128Store(32)],
        [...get(attribute), ...column(3), ...op.v128Load(0), ...op.v128Store(0)],
        [...get(flags), ...vectorNonFinite(x), ...vectorNonFinite(y), ...vectorNonFinite(z), ...set(flags)],
        advance(input, constant(16)),
        advance(positions, constant(48)),
        advance(attribute, constant(16)),
      ]),
      [
        ...get(flags),
        ...op.v128Const([-0x80000000, -0x80000000, -0x80000000, -0x80000000]),
        ...op.v128And,
        ...op.v128AnyTrue,
      ],
    ],
  };
}

const withSimd = compiledOnce<Float32PointsKernel>(() => [
  recordsFunction(),
  records16Function(),
  columnsFunction(),
]);
const scalarOnly = compiledOnce<Float32PointsKernel>(() => [recordsFunction()]);

/**
 * The kernels, compiled once per thread: SIMD ones where the engine supports them (Chrome 91+,
 * Firefox 89+, Safari 16.4+, Node 16.4+), the scalar one alone otherwise; undefined where
 * WebAssembly cannot be compiled at all (e.g. a page whose CSP forbids it), and the caller
 * falls back to JavaScript.
 */
export function float32PointsKernel(): Float32PointsKernel | undefined {
  return withSimd() ?? scalarOnly();
}
