import { addTo, type Code, countdownLoop, i32, op, type WasmFunction } from "../wasm/wasmModule";
import { compiledOnce } from "../wasm/compiledOnce";

/**
 * A WebAssembly kernel for LAS point records: X, Y, Z (int32 × scale + offset − origin, computed
 * in float64 and stored as float32, the same IEEE operations as the JavaScript loop, so the
 * results are identical bit for bit), intensity (uint16 → float32), return number, classification
 * and point source id, for `n` records `stride` bytes apart starting at byte `input` of its memory.
 *
 * `constants` is the byte address of six float64: scale x, y, z, then offset − origin x, y, z
 * (read from memory rather than passed, so the kernel needs only i32 parameters and locals).
 * Loads may be unaligned.
 */
export interface LasRecordsKernel {
  memory: WebAssembly.Memory;
  records(
    input: number,
    n: number,
    stride: number,
    constants: number,
    positions: number,
    intensity: number,
    returnNumber: number,
    classification: number,
    pointSourceId: number,
    returnMask: number,
    classAt: number,
    classMask: number,
    sourceAt: number,
  ): void;
}

const { localGet: get, i32Const: constant } = op;

const {
  i32Load16u,
  i32Store16,
  f32Store,
  f64Load,
  f64ConvertI32S,
  f32ConvertI32U,
  f32DemoteF64,
  f64Mul,
  f64Add,
} = op;

function recordsFunction(): WasmFunction {
  const [input, n, stride, constants, positions, intensity, returnNumber, classification, pointSourceId] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8,
  ];
  const [returnMask, classAt, classMask, sourceAt] = [9, 10, 11, 12];
  /** positions[axis] = float32(int32 at input + 4·axis × scale[axis] + add[axis]). */
  const coordinate = (axis: number): Code => [
    ...get(positions),
    ...get(input),
    ...op.i32Load(axis * 4),
    ...f64ConvertI32S,
    ...get(constants),
    ...f64Load(axis * 8),
    ...f64Mul,
    ...get(constants),
    ...f64Load(24 + axis * 8),
    ...f64Add,
    ...f32DemoteF64,
    ...f32Store(axis * 4),
  ];
  const fieldAt = (at: number): Code => [...get(input), ...get(at), ...op.i32Add];
  const advance = addTo;
  return {
    name: "records",
    params: Array(13).fill(i32),
    results: [],
    locals: [],
    body: countdownLoop(n, 1, [
      coordinate(0),
      coordinate(1),
      coordinate(2),
      [...get(intensity), ...get(input), ...i32Load16u(12), ...f32ConvertI32U, ...f32Store(0)],
      [...get(returnNumber), ...get(input), ...op.i32Load8u(14), ...get(returnMask), ...op.i32And],
      op.i32Store8(0),
      [...get(classification), ...fieldAt(classAt), ...op.i32Load8u(0), ...get(classMask), ...op.i32And],
      op.i32Store8(0),
      [...get(pointSourceId), ...fieldAt(sourceAt), ...i32Load16u(0), ...i32Store16(0)],
      advance(input, get(stride)),
      advance(positions, constant(12)),
      advance(intensity, constant(4)),
      advance(returnNumber, constant(1)),
      advance(classification, constant(1)),
      advance(pointSourceId, constant(2)),
    ]),
  };
}

/**
 * The kernel, compiled once per thread; undefined where WebAssembly cannot be compiled (e.g. a
 * page whose CSP forbids it): the caller then decodes in JavaScript.
 */
export const lasRecordsKernel = compiledOnce<LasRecordsKernel>(() => [recordsFunction()]);
