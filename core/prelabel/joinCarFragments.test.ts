import { describe, expect, it } from "vitest";
import type { ObstacleCluster } from "./clusterObstacles";
import { type JoinableDetection, joinCarFragments } from "./joinCarFragments";

const CAR = { lengthM: 4.5, widthM: 1.85, heightM: 1.55 };
/** A blob of points along x from x0 to x1 at y = 4 (0.1 m apart), 1 m above the ground. */
const blob = (x0: number, x1: number): ObstacleCluster => {
  const pts: number[] = [];
  for (let x = x0; x <= x1 + 1e-9; x += 0.1) pts.push(x, 4, -0.8);
  return { xyz: new Float32Array(pts), groundZM: -1.8, heightM: 1.5 };
};
/** A stand-in detector: a car box over the points' x extent (the fit itself is tested in core/fit). */
const detect = (c: ObstacleCluster): JoinableDetection => {
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < c.xyz.length; i += 3) {
    x0 = Math.min(x0, c.xyz[i] ?? 0);
    x1 = Math.max(x1, c.xyz[i] ?? 0);
  }
  return {
    className: "Car",
    centerM: { x: (x0 + x1) / 2, y: 4, z: -1 },
    size: { ...CAR, lengthM: Math.max(CAR.lengthM, x1 - x0) },
    yawRad: 0,
    pointCount: c.xyz.length / 3,
    shape: { lengthM: x1 - x0, widthM: 0.3 },
  };
};

describe("joinCarFragments", () => {
  it("joins unclassified blobs inside a car's box to it, and nothing else", () => {
    const body = blob(12.8, 16);
    const boot = blob(16.6, 17.2);
    const beyond = blob(19, 19.5);
    const otherCar = blob(14, 14.5);
    const out = joinCarFragments(
      [
        { cluster: body, d: { ...detect(body), centerM: { x: 15.05, y: 4, z: -1 }, size: CAR } },
        { cluster: boot, d: null },
        { cluster: beyond, d: null },
        { cluster: otherCar, d: detect(otherCar) },
      ],
      detect,
      () => CAR,
    );
    expect(out.map((f) => f.cluster.xyz.length / 3)).toEqual([33 + 7, 6, 6]);
    expect(out[0]?.d?.shape.lengthM).toBeCloseTo(4.4, 5);
  });

  it("does not join when the joined points would be longer than one car of the class", () => {
    const body = blob(12.8, 16);
    const far = blob(17.2, 18);
    const out = joinCarFragments(
      [
        {
          cluster: body,
          d: { ...detect(body), centerM: { x: 16, y: 4, z: -1 }, size: { ...CAR, lengthM: 6.4 } },
        },
        { cluster: far, d: null },
      ],
      detect,
      () => CAR,
    );
    expect(out).toHaveLength(2);
  });
});
