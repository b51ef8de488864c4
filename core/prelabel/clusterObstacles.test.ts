import { describe, expect, it } from "vitest";
import { clusterObstacles } from "./clusterObstacles";
import { estimateGroundGrid } from "./estimateGroundGrid";
import { boxSurfacePoints, groundPoints, type SyntheticGround } from "./syntheticScene";

const flat: SyntheticGround = { z0: -1.8, slopeX: 0, slopeY: 0 };
const sensorM = { x: 0, y: 0 };

/** The fine pass over a cloud of ground and objects, as detectObjects runs it on an oversized blob. */
function finePieces(objects: number[]): Array<{ x0: number; x1: number; n: number }> {
  const xyz = new Float32Array([...groundPoints(flat, 30), ...objects]);
  const ground = estimateGroundGrid(xyz, { maxRangeM: 30, sensorM });
  return clusterObstacles(xyz, ground, { maxRangeM: 30, sensorM, fine: true }).map((c) => {
    let x0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < c.xyz.length; j += 3) {
      x0 = Math.min(x0, c.xyz[j] ?? 0);
      x1 = Math.max(x1, c.xyz[j] ?? 0);
    }
    return { x0, x1, n: c.xyz.length / 3 };
  });
}

describe("clusterObstacles' fine pass", () => {
  const car = (x: number) => ({ x, y: -10.2, yawRad: Math.PI / 2, lengthM: 4.5, widthM: 1.8, heightM: 1.5 });

  it("keeps two cars apart that a 0.7 m wall along their fronts touches", () => {
    const wall = { x: -3, y: -7.6, yawRad: 0, lengthM: 8, widthM: 0.2, heightM: 0.7, clearanceM: 0.3 };
    const pieces = finePieces([
      ...boxSurfacePoints(flat, car(-4.5)),
      ...boxSurfacePoints(flat, car(-1.5)),
      ...boxSurfacePoints(flat, wall),
    ]);
    // Each car's biggest piece is its own, spanning its 1.8 m and at most 0.4 m of wall; what is
    // left of the wall stands on its own.
    const own = [-4.5, -1.5].map(
      (x) => pieces.filter((p) => p.x0 < x && p.x1 > x).sort((p, q) => q.n - p.n)[0],
    );
    expect(own[0]).not.toBe(own[1]);
    for (const p of own) expect((p?.x1 ?? 0) - (p?.x0 ?? 0)).toBeLessThan(2.6);
  });

  it("keeps a walker-sized stub linked to one car by low cells with that car", () => {
    // A hedge's stub 1.2 m tall beside a car, joined to it by a 0.8 m strip 0.6 m tall: cut loose, it
    // looks like a walker.
    const strip = { x: -0.2, y: -10.2, yawRad: 0, lengthM: 0.8, widthM: 0.4, heightM: 0.6, clearanceM: 0.3 };
    const stub = { x: 0.45, y: -10.2, yawRad: 0, lengthM: 0.5, widthM: 0.5, heightM: 1.2, clearanceM: 0.3 };
    const pieces = finePieces([
      ...boxSurfacePoints(flat, car(-1.5)),
      ...boxSurfacePoints(flat, strip),
      ...boxSurfacePoints(flat, stub),
    ]);
    expect(pieces).toHaveLength(1);
  });
});
