import { rotatedExtents } from "./rotatedExtents";
import { describe, expect, it } from "vitest";
import type { GroundPlane } from "../pointcloud/estimateLocalGround";
import { headingByRays } from "./headingByRays";
import { type RayBox, scoreBoxByRays } from "./scoreBoxByRays";

const SENSOR = { x: 0, y: 0 };
const OPTS = { sensorM: SENSOR, surfaceM: 0.2, seeThroughM: 0.3 };
const FLAT: GroundPlane = { cx: 0, cy: 0, z0: -1.7, slopeX: 0, slopeY: 0, supportCells: 100 };

/** A car's rear face 30 m straight ahead (x = 30, y ∈ [−0.9, 0.9]) every 5 cm: all a far lidar sees of it. */
function rearFace(): Float32Array {
  const xy: number[] = [];
  for (let y = -0.9; y <= 0.9 + 1e-9; y += 0.05) xy.push(30, y);
  return new Float32Array(xy);
}

/** A kerb-high wall 4–5 m behind the car, seen on both sides of it (|y| from 1.2 to 3 m). */
function wallBeside(): Float32Array {
  const xy: number[] = [];
  for (let y = 1.2; y <= 3 + 1e-9; y += 0.1) xy.push(34.5, y, 34.5, -y);
  return new Float32Array(xy);
}

const along: RayBox = { thetaRad: 0, min1: 30, max1: 34.5, min2: -0.95, max2: 0.95 };
/** The same points read as a side: the class length laid across the line of sight. */
const across: RayBox = { thetaRad: 0, min1: 30, max1: 31.9, min2: -2.25, max2: 2.25 };

describe("scoreBoxByRays", () => {
  it("counts the seen face's points and nothing for what the box's own shadow hides", () => {
    const points = rearFace().length / 2;
    expect(scoreBoxByRays(along, rearFace(), new Float32Array(0), OPTS)).toBe(points);
    expect(scoreBoxByRays(along, rearFace(), wallBeside(), OPTS)).toBe(points);
  });

  it("charges a box laid across the line of sight for the wall seen behind where it would stand", () => {
    const wall = wallBeside();
    const score = scoreBoxByRays(across, rearFace(), wall, OPTS);
    // Rays to the wall at |y| < 2.25 · 34.5 / 30 cross the box before reaching it.
    let hidden = 0;
    for (let j = 1; j < wall.length; j += 2)
      if (Math.abs((wall[j] ?? 0) * (30 / 34.5)) < 2.25 - 0.3) hidden++;
    expect(hidden).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(rearFace().length / 2 - hidden);
  });

  it("gives nothing for points in front of the box", () => {
    const inFront = new Float32Array([25, 0, 25, 0.5]);
    expect(scoreBoxByRays(along, inFront, new Float32Array(0), OPTS)).toBe(0);
  });
});

describe("headingByRays", () => {
  /** The wall, at bumper height (xyz), and a flat ground below it. */
  const surroundings = (): Float32Array => {
    const xy = wallBeside();
    const xyz: number[] = [];
    for (let j = 0; j < xy.length; j += 2) xyz.push(xy[j] ?? 0, xy[j + 1] ?? 0, -1.7 + 0.6);
    for (let x = 26; x <= 36; x += 0.5) for (let y = -3; y <= 3; y += 0.5) xyz.push(x, y, -1.7);
    return new Float32Array(xyz);
  };
  /** A class box 4.5 × 1.9 at theta laid from the points' extents away from the sensor. */
  const boxAt =
    (xy: Float32Array) =>
    (theta: number): RayBox | null => {
      const { min1, max1, min2, max2 } = rotatedExtents(xy, theta);
      if (max1 - min1 > 4.5 * 1.2 || max2 - min2 > 1.9 * 1.2) return null;
      const lay = (lo: number, hi: number, prior: number, sensor: number): [number, number] =>
        hi - lo >= prior
          ? [lo, hi]
          : sensor <= lo
            ? [lo, lo + prior]
            : sensor >= hi
              ? [hi - prior, hi]
              : [(lo + hi - prior) / 2, (lo + hi + prior) / 2];
      const [a1, b1] = lay(min1, max1, 4.5, 0);
      const [a2, b2] = lay(min2, max2, 1.9, 0);
      return { thetaRad: theta, min1: a1, max1: b1, min2: a2, max2: b2 };
    };

  it("turns a far rear face read as a side back along the line of sight (Argoverse cars at 25–60 m)", () => {
    const xy = rearFace();
    const theta = headingByRays({
      xy,
      surroundings: surroundings(),
      ground: FLAT,
      sensorM: SENSOR,
      closenessThetaRad: Math.PI / 2,
      boxAt: boxAt(xy),
    });
    expect(Math.abs(Math.sin(theta))).toBeLessThan(Math.sin((3 * Math.PI) / 180));
  });

  it("keeps the rectangle search's heading when the rays favour no other clearly", () => {
    const xy = rearFace();
    const theta = headingByRays({
      xy,
      surroundings: new Float32Array(0),
      ground: FLAT,
      sensorM: SENSOR,
      closenessThetaRad: 0.01,
      boxAt: boxAt(xy),
    });
    expect(theta).toBe(0.01);
  });
});
