import { describe, expect, it } from "vitest";
import { IDENTITY_QUAT } from "../../core/geometry/quat";
import { castLidarSweep } from "./castLidarSweep";
import { createPrng } from "./createPrng";
import type { LidarConfig } from "./LidarConfig";
import { materialId } from "./materials";
import type { PosedScene } from "./poseSceneAt";
import { box, type Shape } from "./Shape";

const LIDAR: LidarConfig = {
  beams: 13,
  elevationMaxDeg: 2,
  elevationMinDeg: -10,
  azimuthStepDeg: 0.5,
  maxRangeM: 120,
  rangeNoiseSigmaM: 0.012,
  dropoutProbability: 0,
};
const PAINT = materialId("paint-white");

// The lidar 1.8 m above the road's centre line at the world origin, looking along +x (the road).
function sceneWith(shapes: Shape[]): PosedScene {
  return {
    timeS: 0,
    worldFromLidar: { translationM: { x: 0, y: 0, z: 1.8 }, rotation: IDENTITY_QUAT },
    actors: [],
    shapes,
  };
}
const owned = (s: Shape, owner: number): Shape => ({ ...s, owner });
const pointsOf = (sweep: ReturnType<typeof castLidarSweep>, owner: number) => {
  const out: { x: number; y: number; z: number }[] = [];
  for (let i = 0; i < sweep.pointCount; i++) {
    if (sweep.owner[i] === owner)
      out.push({
        x: sweep.positions[i * 3] ?? NaN,
        y: sweep.positions[i * 3 + 1] ?? NaN,
        z: sweep.positions[i * 3 + 2] ?? NaN,
      });
  }
  return out;
};

describe("castLidarSweep", () => {
  it("puts returns from a box's near face at its distance, within the clamped noise", () => {
    const target = owned(box(11, 0, 1, 1, 0, 2, PAINT), 0);
    const sweep = castLidarSweep(sceneWith([target]), LIDAR, 1, createPrng(1));
    const pts = pointsOf(sweep, 0);
    expect(pts.length).toBeGreaterThan(20);
    for (const p of pts) {
      expect(Math.abs(p.x - 10)).toBeLessThanOrEqual(0.04);
      expect(Math.abs(p.y)).toBeLessThanOrEqual(1.0001);
      expect(p.z).toBeLessThanOrEqual(0.2);
    }
    expect(sweep.nearestRays[0]).toBe(pts.length);
    expect(sweep.throughRays[0]).toBe(pts.length);
  });

  it("hits the road 1.8 m below along a −10° beam", () => {
    const sweep = castLidarSweep(sceneWith([]), LIDAR, 0, createPrng(2));
    const elevationDeg = (p: { x: number; y: number; z: number }) =>
      (Math.atan2(p.z, Math.hypot(p.x, p.y)) * 180) / Math.PI;
    // The −10° ring meets the road 10.2 m out; beyond |y| = 9.5 it meets the curb and sidewalk.
    const ring = pointsOf(sweep, -1).filter((p) => Math.abs(elevationDeg(p) + 10) < 0.2 && Math.abs(p.y) < 9);
    expect(ring.length).toBeGreaterThan(300);
    const expectedM = 1.8 / Math.tan((10 * Math.PI) / 180);
    for (const p of ring) {
      expect(Math.abs(Math.hypot(p.x, p.y) - expectedM)).toBeLessThan(0.04 * Math.cos((10 * Math.PI) / 180));
      expect(Math.abs(p.z + 1.8)).toBeLessThan(0.01);
    }
  });

  it("lets a near object occlude part of a far one and reports the visible fraction", () => {
    const far = owned(box(11, 0, 1, 1, 0, 2, PAINT), 0);
    const near = owned(box(5, 0, 0.2, 0.3, 0, 3, PAINT), 1);
    const sweep = castLidarSweep(sceneWith([far, near]), LIDAR, 2, createPrng(3));
    const visible = (sweep.nearestRays[0] ?? NaN) / (sweep.throughRays[0] ?? NaN);
    expect(visible).toBeGreaterThan(0.2);
    expect(visible).toBeLessThan(0.8);
    // No return from the far box inside the near box's shadow (|y/x| < 0.3 / 4.8).
    for (const p of pointsOf(sweep, 0)) expect(Math.abs(p.y / p.x)).toBeGreaterThan(0.3 / 4.8 - 1e-3);
  });

  it("is deterministic for a seed", () => {
    const shapes = [owned(box(11, 3, 2, 1, 0, 2, PAINT), 0)];
    const a = castLidarSweep(sceneWith(shapes), LIDAR, 1, createPrng(9));
    const b = castLidarSweep(sceneWith(shapes), LIDAR, 1, createPrng(9));
    expect(Buffer.compare(Buffer.from(a.positions.buffer), Buffer.from(b.positions.buffer))).toBe(0);
    expect(Buffer.compare(Buffer.from(a.intensity.buffer), Buffer.from(b.intensity.buffer))).toBe(0);
  });
});
