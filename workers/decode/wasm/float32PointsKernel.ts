import { type Float32PointsExports, float32PointsKernel as scalarKernel } from "./build/float32Points";
import { type Float32PointsSimdExports, float32PointsSimdKernel } from "./build/float32PointsSimd";

/**
 * The kernels of assembly/float32Points.ts (`records`: any record layout, or columns as records
 * of stride 4) and, where the engine has SIMD, of assembly/float32PointsSimd.ts (`records16`: 16-byte
 * records x,y,z,a, and `columns`: four float32 columns; both 4 points per step, n a multiple of 4).
 * Each returns 1 if some x, y or z was not finite, else 0.
 */
export type Float32PointsKernel = Float32PointsExports &
  Partial<Pick<Float32PointsSimdExports, "records16" | "columns">>;

/**
 * The kernels, compiled once per thread: the SIMD module where the engine supports it (Chrome 91+,
 * Firefox 89+, Safari 16.4+, Node 16.4+), the scalar one otherwise; undefined where WebAssembly
 * cannot be compiled at all (e.g. a page whose CSP forbids it), and the caller falls back to
 * JavaScript.
 */
export function float32PointsKernel(): Float32PointsKernel | undefined {
  return float32PointsSimdKernel() ?? scalarKernel();
}
