import { describe, expect, it } from "vitest";
import { lowPoints } from "../fit/headingByRays";
import { estimateGroundGrid } from "./estimateGroundGrid";
import { indexLowPoints, lowPointsNear } from "./indexLowPoints";
import { groundPoints, type SyntheticGround } from "./syntheticScene";

describe("indexLowPoints", () => {
  it("gives the box search the same bumper-high points as a pass over the whole frame", () => {
    // A sloped road and 5000 points 0–3 m above it, scattered over 60 m × 60 m.
    const g: SyntheticGround = { z0: -1.8, slopeX: 0.03, slopeY: -0.02 };
    const pts = groundPoints(g, 40);
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 5000; i++) {
      const x = 60 * rand() - 30;
      const y = 60 * rand() - 30;
      pts.push(x, y, g.z0 + g.slopeX * x + g.slopeY * y + 3 * rand());
    }
    const xyz = new Float32Array(pts);
    const sensorM = { x: 0, y: 0 };
    const grid = estimateGroundGrid(xyz, { maxRangeM: 80, sensorM });
    const index = indexLowPoints(xyz, grid, { maxRangeM: 80, sensorM });
    for (const [cx, cy] of [
      [12, 5],
      [-20, 14],
      [3, -25],
    ] as const) {
      const plane = {
        cx,
        cy,
        z0: g.z0 + g.slopeX * cx + g.slopeY * cy,
        slopeX: 0,
        slopeY: 0,
        supportCells: 1,
      };
      const radiusM = 7;
      const whole = lowPoints(xyz, plane, cx, cy, radiusM);
      const near = lowPoints(lowPointsNear(index, cx, cy, radiusM), plane, cx, cy, radiusM);
      expect(whole.length).toBeGreaterThan(50);
      const key = (a: Float32Array) => {
        const out: string[] = [];
        for (let i = 0; i < a.length; i += 2) out.push(`${a[i]},${a[i + 1]}`);
        return out.sort();
      };
      expect(key(near)).toEqual(key(whole));
    }
  });
});
