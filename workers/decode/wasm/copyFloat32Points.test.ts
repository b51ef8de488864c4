import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { PointCloud } from "../../../core/pointcloud/PointCloud";
import { decodePointCloud } from "../decodePointCloud";
import { decodeRecords, type RecordLayout } from "../decodeRecords";
import { describeRealData, readRealData } from "../../../scripts/testing/realData";
import { bothWays } from "./bothWays";
import { float32PointsKernel } from "./float32PointsKernel";
import { must } from "../../../core/model/must";

/** Off: float32PointsKernel() answers undefined, as where WebAssembly cannot compile, so decodes take the JavaScript pass. */
const wasm = vi.hoisted(() => ({ on: true }));
vi.mock("./float32PointsKernel", async (importOriginal) => {
  const real = await importOriginal<typeof import("./float32PointsKernel")>();
  return { float32PointsKernel: () => (wasm.on ? real.float32PointsKernel() : undefined) };
});

/** The same cloud, bit for bit (raw words, so NaN payloads and -0 count). */
function expectSameCloud(actual: PointCloud, expected: PointCloud): void {
  expect(actual.pointCount).toBe(expected.pointCount);
  expect(actual.originM).toEqual(expected.originM);
  expect(firstDifference(actual.positions, expected.positions), "positions: first differing byte").toBe(-1);
  expect(Object.keys(actual.attributes).sort()).toEqual(Object.keys(expected.attributes).sort());
  for (const [name, attribute] of Object.entries(expected.attributes)) {
    expect(firstDifference(must(actual.attributes[name], name).values, attribute.values), name).toBe(-1);
  }
}

type Bytes = { buffer: ArrayBufferLike; byteOffset: number; byteLength: number };

/** Index of the first byte where a and b differ (or where the shorter ends), -1 if identical. */
function firstDifference(a: Bytes, b: Bytes): number {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return i;
  return x.length === y.length ? -1 : Math.min(x.length, y.length);
}

/** Records of `stride` bytes with float32 x, y, z, a at the given offsets, after `lead` bytes. */
function recordsLayout(
  lead: number,
  stride: number,
  offsets: [number, number, number, number],
): RecordLayout {
  const f32 = (o: number) => ({ base: lead + o, step: stride, kind: "f" as const, size: 4 as const });
  return {
    littleEndian: true,
    x: f32(offsets[0]),
    y: f32(offsets[1]),
    z: f32(offsets[2]),
    attributes: [{ name: "intensity", out: "f32", sources: [f32(offsets[3])] }],
  };
}

/** Four float32 columns of n values each (PCD binary_compressed), after `lead` bytes. */
function columnsLayout(lead: number, n: number, withAttribute: boolean): RecordLayout {
  const column = (c: number) => ({ base: lead + c * n * 4, step: 4, kind: "f" as const, size: 4 as const });
  return {
    littleEndian: true,
    x: column(0),
    y: column(1),
    z: column(2),
    attributes: withAttribute ? [{ name: "intensity", out: "f32", sources: [column(3)] }] : [],
  };
}

/** Random float32 words: mostly ordinary values, some NaN / ±Infinity / -0 when `special`. */
const wordsArbitrary = (length: number, special: boolean) =>
  fc.array(
    special
      ? fc.oneof(
          fc.float({ noNaN: true, noDefaultInfinity: true }),
          fc.constantFrom(Number.NaN, Infinity, -Infinity, -0),
        )
      : fc.float({ noNaN: true, noDefaultInfinity: true }),
    { minLength: length, maxLength: length },
  );

describe("copyFloat32Points (WebAssembly) decodes exactly as the JavaScript pass", () => {
  it("compiles its kernels, SIMD included, on this engine", () => {
    const kernel = float32PointsKernel();
    expect(kernel).toBeDefined();
    expect(kernel?.records16).toBeDefined();
    expect(kernel?.columns).toBeDefined();
  });

  it("on random record layouts: any stride, offsets, alignment, count and non-finite values", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom<[number, number, number, number, number]>(
          [16, 0, 4, 8, 12],
          [16, 4, 8, 12, 0],
          [20, 0, 4, 8, 16],
          [13, 0, 4, 8, 9],
          [32, 8, 12, 16, 24],
          [12, 0, 4, 8, 0],
        ),
        fc.integer({ min: 0, max: 70 }),
        fc.boolean(),
        (lead, [stride, ...offsets], n, special) => {
          const [values = []] = fc.sample(wordsArbitrary(Math.ceil((lead + n * stride) / 4) + 1, special), 1);
          const bytes = new Uint8Array(Float32Array.from(values).buffer).subarray(0, lead + n * stride);
          const layout = recordsLayout(lead, stride, offsets as [number, number, number, number]);
          const { viaWasm, viaJs } = bothWays(wasm, () => decodeRecords(bytes, n, layout).cloud);
          expectSameCloud(viaWasm, viaJs);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("on random columns, with and without an attribute", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 70 }),
        fc.boolean(),
        fc.boolean(),
        (lead, n, withAttribute, special) => {
          const [values = []] = fc.sample(wordsArbitrary(Math.ceil(lead / 4) + 4 * n + 1, special), 1);
          const bytes = new Uint8Array(Float32Array.from(values).buffer).subarray(0, lead + 16 * n);
          const layout = columnsLayout(lead, n, withAttribute);
          const { viaWasm, viaJs } = bothWays(wasm, () => decodeRecords(bytes, n, layout).cloud);
          expectSameCloud(viaWasm, viaJs);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("across chunk boundaries (more points than one chunk holds), records and columns", () => {
    const n = 20_003;
    const values = new Float32Array(n * 4);
    for (let i = 0; i < values.length; i++) values[i] = ((i * 7919) % 100_003) / 100;
    const bytes = new Uint8Array(values.buffer);
    for (const layout of [recordsLayout(0, 16, [0, 4, 8, 12]), columnsLayout(0, n, true)]) {
      const { viaWasm, viaJs } = bothWays(wasm, () => decodeRecords(bytes, n, layout).cloud);
      expect(viaWasm.pointCount).toBe(n);
      expectSameCloud(viaWasm, viaJs);
    }
    // A non-finite y in the second chunk is seen: that point is dropped.
    values[4 * 12_345 + 1] = Number.NaN;
    expect(decodeRecords(bytes, n, recordsLayout(0, 16, [0, 4, 8, 12])).cloud.pointCount).toBe(n - 1);
  });
});

describeRealData(
  "copyFloat32Points on the real float32 files (SUSTechPOINTS PCD, KITTI .bin, PCL binary PCDs)",
  () => {
    it("decodes them exactly as the JavaScript pass", () => {
      const files: [string, string][] = [
        ["sustechpoints/data/example/lidar/000965.pcd", "000965.pcd"],
        ["kitti_object_vis/data/object/training/velodyne/000000.bin", "000000.bin"],
        ["pcl/test/bunny.pcd", "bunny.pcd"],
        ["pcl/test/car6.pcd", "car6.pcd"],
      ];
      for (const [path, name] of files) {
        const bytes = readRealData(path);
        const { viaWasm, viaJs } = bothWays(wasm, () => decodePointCloud(bytes, name).cloud);
        expect(viaWasm.pointCount, name).toBeGreaterThan(0);
        expectSameCloud(viaWasm, viaJs);
      }
    });
  },
);
