/**
 * The kernels of ../decode/wasm/assembly/keepPoints.ts: decimatePointCloud's selection (`keep`:
 * one point a step within a budget; `keepQuads`: four a step, no budget check), the same kept
 * points in the same order as its JavaScript loops. Compiled once per thread; undefined where
 * WebAssembly cannot be compiled (e.g. a page whose CSP forbids it): decimatePointCloud then runs
 * its JavaScript loops.
 */
export {
  type KeepPointsExports as KeepPointsKernel,
  keepPointsKernel,
} from "../decode/wasm/build/keepPoints";
