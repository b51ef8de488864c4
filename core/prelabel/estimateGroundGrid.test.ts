import { describe, expect, it } from "vitest";
import { estimateGroundGrid, groundZOf } from "./estimateGroundGrid";
import { boxSurfacePoints, groundAt, groundPoints, type SyntheticGround } from "./syntheticScene";

describe("estimateGroundGrid", () => {
  it("follows a 10 % slope under a sensor 3 m up, under and around a parked van", () => {
    const g: SyntheticGround = { z0: -3, slopeX: 0.1, slopeY: 0 };
    const van = boxSurfacePoints(g, {
      x: 10,
      y: 0,
      yawRad: 0,
      lengthM: 5,
      widthM: 2,
      heightM: 2.1,
      clearanceM: 0.3,
    });
    const pts = new Float32Array([...groundPoints(g, 30), ...van]);
    const grid = estimateGroundGrid(pts, { maxRangeM: 30, sensorM: { x: 0, y: 0 } });
    for (const [x, y] of [
      [-20, 5],
      [0, 15],
      [20, -10],
      [7, 2],
      [13, -2],
    ] as const) {
      expect(Math.abs(groundZOf(grid, x, y) - groundAt(g, x, y))).toBeLessThan(0.15);
    }
  });
});
