import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { decodePointCloud } from "../decode/decodePointCloud";
import { describeRealData, readRealData } from "../../scripts/testing/realData";
import { decimatePointCloud } from "./decimatePointCloud";
import { keepPointsKernel } from "./keepPointsKernel";
import { must } from "../../core/model/must";

/** Off: keepPointsKernel() answers undefined, as where WebAssembly cannot compile, so the JavaScript loops run. */
const wasm = vi.hoisted(() => ({ on: true }));
vi.mock("./keepPointsKernel", async (importOriginal) => {
  const real = await importOriginal<typeof import("./keepPointsKernel")>();
  return { keepPointsKernel: () => (wasm.on ? real.keepPointsKernel() : undefined) };
});

const frame = (name: string) =>
  decodePointCloud(readRealData(`sustechpoints/data/example/lidar/${name}.pcd`), `${name}.pcd`).cloud;

/**
 * The selection rule, one point at a time and with a branch: keep the point when the 31-bit hash
 * of its quantised float32 bit patterns is under budget / pointCount, stopping at the budget.
 */
function referenceKept(cloud: PointCloud, budget: number): number[] {
  const bits = new Int32Array(cloud.positions.buffer, cloud.positions.byteOffset, cloud.pointCount * 3);
  const threshold = Math.floor((budget / cloud.pointCount) * 2 ** 31);
  const kept: number[] = [];
  for (let i = 0; i < cloud.pointCount && kept.length < budget; i++) {
    const [x, y, z] = [
      (bits[i * 3] ?? NaN) >> 11,
      (bits[i * 3 + 1] ?? NaN) >> 11,
      (bits[i * 3 + 2] ?? NaN) >> 11,
    ];
    const h = Math.imul(x ^ Math.imul(y, 0x85ebca77) ^ Math.imul(z, 0xc2b2ae3d), 0x9e3779b1);
    if ((h ^ (h >>> 16)) >>> 1 < threshold) kept.push(i);
  }
  return kept;
}

const key = (p: Float32Array, i: number) => `${p[i * 3]},${p[i * 3 + 1]},${p[i * 3 + 2]}`;

/** decimatePointCloud keeps exactly referenceKept's points, in order, with and without intensity. */
function expectOneAtATimeRule(full: PointCloud): void {
  // Odd counts and budgets, so the budget is reached inside a four-point step and the tail runs.
  for (const [count, budget] of [
    [full.pointCount, 30_001],
    [full.pointCount, full.pointCount - 3],
    [40_003, 39_999],
    [40_003, 9],
  ] as const) {
    const cloud: PointCloud = {
      ...full,
      pointCount: count,
      positions: full.positions.subarray(0, count * 3),
      attributes: {
        intensity: {
          values: must(full.attributes.intensity, "intensity").values.subarray(0, count),
          components: 1,
        },
      },
    };
    const kept = referenceKept(cloud, budget);
    const expectedPositions = Float32Array.from(
      kept.flatMap((i) => [0, 1, 2].map((c) => cloud.positions[i * 3 + c] ?? NaN)),
    );
    const expectedIntensity = Float32Array.from(kept, (i) => cloud.attributes.intensity?.values[i] ?? NaN);
    const withIntensity = decimatePointCloud(cloud, { budget });
    const positionsOnly = decimatePointCloud({ ...cloud, attributes: {} }, { budget });
    for (const out of [withIntensity, positionsOnly]) {
      expect(out.pointCount).toBe(kept.length);
      expect(
        Buffer.compare(
          Buffer.from(out.positions.buffer, out.positions.byteOffset, out.positions.byteLength),
          Buffer.from(expectedPositions.buffer),
        ),
      ).toBe(0);
    }
    expect(Array.from(withIntensity.intensity ?? [])).toEqual(Array.from(expectedIntensity));
    expect(positionsOnly.intensity).toBeUndefined();
  }
}

/** A synthetic sweep of n points (x, y, z, intensity) with float32 values of varied magnitude. */
function syntheticSweep(n: number): PointCloud {
  const positions = new Float32Array(n * 3);
  const intensity = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const range = 2 + ((i * 7919) % 6007) / 100;
    const azimuth = (i / n) * 2 * Math.PI;
    positions.set([range * Math.cos(azimuth), range * Math.sin(azimuth), ((i % 64) - 40) / 20], i * 3);
    intensity[i] = i % 256;
  }
  return {
    pointCount: n,
    positions,
    originM: { x: 0, y: 0, z: 0 },
    attributes: { intensity: { values: intensity, components: 1 } },
  };
}

describe.each([
  ["WebAssembly", true],
  ["JavaScript", false],
])("decimatePointCloud through %s", (_, on) => {
  beforeEach(() => {
    wasm.on = on;
  });

  it("runs on the path it names", () => {
    expect(keepPointsKernel() !== undefined).toBe(on);
  });

  it("keeps exactly the points of the one-at-a-time rule on a synthetic sweep", () => {
    expectOneAtATimeRule(syntheticSweep(120_001));
  });

  describeRealData("on SUSTechPOINTS frames", () => {
    it("keeps about the budget, never more, with matching intensity", () => {
      const cloud = frame("000965");
      const budget = 20_000;
      const out = decimatePointCloud(cloud, { budget });
      expect(out.pointCount).toBeLessThanOrEqual(budget);
      expect(out.pointCount).toBeGreaterThan(budget * 0.9);
      expect(out.positions.length).toBe(out.pointCount * 3);
      expect(out.intensity?.length).toBe(out.pointCount);
      const index = new Map<string, number>();
      for (let i = 0; i < cloud.pointCount; i++) index.set(key(cloud.positions, i), i);
      for (const i of [0, 777, out.pointCount - 1]) {
        const source = index.get(key(out.positions, i));
        expect(source).toBeDefined();
        expect(out.intensity?.[i]).toBe(cloud.attributes.intensity?.values[source ?? -1]);
      }
    });

    it("keeps exactly the points of the one-at-a-time rule, with and without intensity", () => {
      expectOneAtATimeRule(frame("000975"));
    });

    it("copies a cloud within the budget whole", () => {
      const cloud = frame("000950");
      const out = decimatePointCloud(cloud);
      expect(out.pointCount).toBe(cloud.pointCount);
      expect(
        Buffer.compare(new Uint8Array(out.positions.buffer), new Uint8Array(cloud.positions.buffer)),
      ).toBe(0);
    });

    it("is stable while scrubbing: points kept in one frame stay kept in the next", () => {
      const a = frame("000970");
      // The next frame as a static sensor would see it: 90 % of the same points plus 5,000 new ones.
      const n = a.pointCount;
      const common = Math.floor(n * 0.9);
      const b: PointCloud = {
        pointCount: common + 5000,
        positions: new Float32Array((common + 5000) * 3),
        originM: a.originM,
        attributes: {},
      };
      b.positions.set(a.positions.subarray((n - common) * 3));
      for (let i = 0; i < 5000 * 3; i++) b.positions[common * 3 + i] = ((i * 7919) % 10007) / 100;
      const budget = 15_000;
      const da = decimatePointCloud(a, { budget });
      const db = decimatePointCloud(b, { budget });
      const keptB = new Set(Array.from({ length: db.pointCount }, (_, i) => key(db.positions, i)));
      const inCommon = new Set(Array.from({ length: common }, (_, i) => key(a.positions, n - common + i)));
      let keptInBoth = 0;
      let keptInA = 0;
      for (let i = 0; i < da.pointCount; i++) {
        const k = key(da.positions, i);
        if (!inCommon.has(k)) continue;
        keptInA++;
        if (keptB.has(k)) keptInBoth++;
      }
      expect(keptInA).toBeGreaterThan(budget * 0.8);
      // A stride or random sample would keep only ~budget / n (≈ 22 %) of them again.
      expect(keptInBoth / keptInA).toBeGreaterThan(0.9);
    });
  });
});
