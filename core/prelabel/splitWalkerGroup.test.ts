import { describe, expect, it } from "vitest";
import { detectObjects } from "./detectObjects";
import { splitWalkerGroup, walkersInVehicleBlob } from "./splitWalkerGroup";
import { boxSurfacePoints, groundPoints, type SyntheticGround } from "./syntheticScene";

const flat: SyntheticGround = { z0: -1.8, slopeX: 0, slopeY: 0 };
/** A walker: legs and body 0.45 m × 0.3 m to the shoulders, a 0.2 m head above them. */
const walker = (x: number, y: number, heightM: number): number[] => [
  ...boxSurfacePoints(
    flat,
    { x, y, yawRad: 0, lengthM: 0.3, widthM: 0.45, heightM: heightM - 0.3, clearanceM: 0 },
    0.05,
  ),
  ...boxSurfacePoints(
    flat,
    { x, y, yawRad: 0, lengthM: 0.2, widthM: 0.2, heightM, clearanceM: heightM - 0.3 },
    0.05,
  ),
];
const blob = (pts: number[]) => ({ xyz: new Float32Array(pts), groundZM: flat.z0, heightM: 0 });
const withTop = (pts: number[]) => {
  const b = blob(pts);
  let top = Number.NEGATIVE_INFINITY;
  for (let i = 2; i < pts.length; i += 3) top = Math.max(top, (pts[i] ?? 0) - flat.z0);
  return { ...b, heightM: top };
};

describe("splitWalkerGroup", () => {
  it("cuts two walkers standing side by side into one blob each", () => {
    const parts = splitWalkerGroup(withTop([...walker(10, 0, 1.8), ...walker(10, 0.75, 1.65)]), 10);
    expect(parts).toHaveLength(2);
    const ys = parts.map((p) => {
      let s = 0;
      for (let i = 1; i < p.xyz.length; i += 3) s += p.xyz[i] ?? 0;
      return s / (p.xyz.length / 3);
    });
    ys.sort((a, b) => a - b);
    // Each part's points lie on its walker's faces seen from the sensor: within 0.15 m of its axis.
    expect(Math.abs((ys[0] ?? 9) - 0)).toBeLessThan(0.15);
    expect(Math.abs((ys[1] ?? 9) - 0.75)).toBeLessThan(0.15);
  });

  it("keeps one walker, a car's rear and a flat-topped bin whole", () => {
    expect(splitWalkerGroup(withTop(walker(10, 0, 1.8)), 10)).toHaveLength(1);
    // SUSTechPOINTS frame 1: a walker 34 m away, 25 points (x, y about its centre; height above
    // the ground); with cells reaching only their neighbours it came apart into two "heads".
    const far = [
      [-0.24, 0.14, 0.43],
      [-0.18, 0.11, 1.24],
      [-0.31, 0.26, 0.43],
      [-0.57, 0.32, 0.43],
      [-0.45, 0.28, 0.43],
      [-0.08, 0.06, 1.24],
      [0.15, 0.18, 2.03],
      [0.24, 0.1, 2.04],
      [0.19, 0.02, 1.44],
      [0.38, 0.08, 1.43],
      [0.17, -0.02, 1.24],
      [0.18, -0.06, 1.03],
      [0.23, -0.14, 0.84],
      [0.06, 0.05, 1.24],
      [0.09, 0.09, 1.44],
      [0.12, 0.03, 1.03],
      [0.1, -0.12, 0.64],
      [0.14, -0.05, 0.84],
      [-0.08, -0.03, 1.04],
      [-0.2, -0.11, 0.64],
      [-0.28, -0.04, 0.64],
      [-0.2, -0.1, 1.45],
      [-0.16, -0.04, 0.84],
      [-0.2, 0.02, 1.04],
      [-0.35, -0.02, 1.04],
    ].flatMap(([x, y, h]) => [34 + (x ?? 0), y ?? 0, flat.z0 + (h ?? 0)]);
    expect(splitWalkerGroup({ ...blob(far), heightM: 1.42 }, 34)).toHaveLength(1);
    const rear = boxSurfacePoints(
      flat,
      { x: 10, y: 0, yawRad: 0, lengthM: 0.4, widthM: 1.8, heightM: 1.5 },
      0.05,
    );
    expect(splitWalkerGroup(withTop(rear), 10)).toHaveLength(1);
    const bin = boxSurfacePoints(
      flat,
      { x: 10, y: 0, yawRad: 0, lengthM: 0.6, widthM: 1.4, heightM: 1.2, clearanceM: 0 },
      0.05,
    );
    expect(splitWalkerGroup(withTop(bin), 10)).toHaveLength(1);
  });

  it("lets the detector find two walkers beside a sign that made the whole blob no class", () => {
    // Walkers 0.1 m apart and a sign 0.08 m from one: a single 1.5 m × 0.25 m blob, 2.45 m tall.
    const sign = boxSurfacePoints(
      flat,
      { x: 10, y: -0.55, yawRad: 0, lengthM: 0.3, widthM: 0.5, heightM: 2.45, clearanceM: 0 },
      0.05,
    );
    const pts = [...groundPoints(flat, 30), ...walker(10, 0, 1.8), ...walker(10, 0.55, 1.65), ...sign];
    const dets = detectObjects({ positions: new Float32Array(pts), originM: { x: 0, y: 0, z: 0 } });
    const walkers = dets.filter((d) => d.className === "Pedestrian").map((d) => d.centerM.y);
    walkers.sort((a, b) => a - b);
    expect(walkers).toHaveLength(2);
    expect(walkers[0]).toBeCloseTo(0, 0);
    expect(walkers[1]).toBeCloseTo(0.55, 0);
  });

  it("takes apart walkers standing shoulder to shoulder that the classifier calls a car", () => {
    // SUSTechPOINTS: two walkers at 9 m made one 1.83 m × 0.79 m blob of 487 points, boxed as a car.
    const group = [...walker(9, 0, 1.8), ...walker(9, 0.7, 1.65), ...walker(9, 1.4, 1.75)];
    const whole = splitWalkerGroup(withTop(group), 9);
    expect(whole).toHaveLength(3);
    const pts = [...groundPoints(flat, 30), ...group];
    const dets = detectObjects({ positions: new Float32Array(pts), originM: { x: 0, y: 0, z: 0 } });
    expect(dets.map((d) => d.className)).toEqual(["Pedestrian", "Pedestrian", "Pedestrian"]);
  });

  it("keeps a car-sized blob whole when a walker part holds few points or the blob is car-long", () => {
    // Argoverse: a far car's windscreen pillars, 8–39 points a "walker".
    const part = (n: number) => ({ xyz: new Float32Array(3 * n), groundZM: 0, heightM: 1.5 });
    expect(walkersInVehicleBlob(1.8, [part(200), part(40)])).toBe(true);
    expect(walkersInVehicleBlob(1.8, [part(200), part(39)])).toBe(false);
    expect(walkersInVehicleBlob(2.4, [part(200), part(200)])).toBe(false);
  });
});
