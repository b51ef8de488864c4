import { describe, expect, it } from "vitest";
import { segmentGround } from "./segmentGround";
import { boxSurfacePoints, groundAt, groundPoints, type SyntheticGround } from "./syntheticScene";

describe("segmentGround", () => {
  it("marks a sloped road as ground and a car standing on it as not, whatever the origin", () => {
    const slope: SyntheticGround = { z0: -1.9, slopeX: 0.05, slopeY: -0.02 };
    const road = groundPoints(slope, 30);
    const car = boxSurfacePoints(slope, {
      x: 10,
      y: 3,
      yawRad: 0.4,
      lengthM: 4.5,
      widthM: 1.8,
      heightM: 1.5,
    });
    const origin = { x: 100, y: -50, z: 3 };
    const all = [...road, ...car];
    // The same cloud stored cloud-local around an origin far from the lidar.
    const local = new Float32Array(all.length);
    for (let i = 0; i < all.length; i += 3) {
      local[i] = (all[i] ?? 0) - origin.x;
      local[i + 1] = (all[i + 1] ?? 0) - origin.y;
      local[i + 2] = (all[i + 2] ?? 0) - origin.z;
    }
    const ground = segmentGround({ positions: local, originM: origin });
    const roadN = road.length / 3;
    let roadGround = 0;
    for (let i = 0; i < roadN; i++) roadGround += ground[i] ?? 0;
    let carGround = 0;
    let carHigh = 0;
    for (let i = roadN; i < all.length / 3; i++) {
      const height = (all[3 * i + 2] ?? 0) - groundAt(slope, all[3 * i] ?? 0, all[3 * i + 1] ?? 0);
      if (height < 0.35) continue;
      carHigh++;
      carGround += ground[i] ?? 0;
    }
    expect(ground).toHaveLength(all.length / 3);
    expect(roadGround / roadN).toBeGreaterThan(0.97);
    expect(carHigh).toBeGreaterThan(100);
    expect(carGround).toBe(0);
  });
});
