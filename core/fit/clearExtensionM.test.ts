import { describe, expect, it } from "vitest";
import { clearExtensionM } from "./clearExtensionM";

/**
 * A 6 m van seen from (−5, 0): its rear at x = 0, its side along y = 20 (x ∈ [0, 6], y ∈ [20, 22.5]);
 * the 8 m truck prior would extend it by 2 m along +x.
 */
const VAN = {
  thetaRad: 0,
  sensorM: { x: -5, y: 0 },
  fromM: 6,
  direction: 1 as const,
  maxM: 2,
  min2: 20,
  max2: 22.5,
};

/** Bumper-high points of a wall along y = `y` from x0 to x1, every 0.1 m (interleaved xy). */
function wall(y: number, x0: number, x1: number): Float32Array {
  const xy: number[] = [];
  for (let x = x0; x <= x1 + 1e-9; x += 0.1) xy.push(x, y);
  return new Float32Array(xy);
}

describe("clearExtensionM", () => {
  it("stops the prior where lines of sight to a wall behind cross the space it would fill", () => {
    // The wall at y = 25 is seen past the van from x ≈ 8.75 on (nearer, the van hides it). Rays to
    // it enter the strip y ≥ 20.3 at x = −5 + (x + 5)·0.812: the tenth ≈ 0.9 m past the van's end.
    const m = clearExtensionM({ ...VAN, blockers: wall(25, 8.8, 14), minSeenThrough: 10 });
    expect(m).toBeGreaterThan(0.5);
    expect(m).toBeLessThan(1.1);
  });

  it("leaves the prior whole where nothing was seen through it (the far end hidden)", () => {
    expect(clearExtensionM({ ...VAN, blockers: new Float32Array(0), minSeenThrough: 10 })).toBe(2);
    // Points beside the van's near end only (x ≤ 6): their lines of sight never pass its end.
    expect(clearExtensionM({ ...VAN, blockers: wall(19, 0, 6), minSeenThrough: 1 })).toBe(2);
  });

  it("does not count points lying in the space itself without a line of sight through it", () => {
    // The van's own side, continued at y = 20 (beside the strip's 0.3 m margin): not seen through.
    expect(clearExtensionM({ ...VAN, blockers: wall(20, 6, 8), minSeenThrough: 3 })).toBe(2);
  });

  it("needs minSeenThrough points: a few stray returns do not cut an object short", () => {
    const few = wall(25, 9, 9.4);
    expect(clearExtensionM({ ...VAN, blockers: few, minSeenThrough: 10 })).toBe(2);
    expect(clearExtensionM({ ...VAN, blockers: few, minSeenThrough: 3 })).toBeLessThan(2);
  });

  it("extends towards smaller coordinates the same way", () => {
    // The scene mirrored in x: the van over x ∈ [−6, 0], the sensor at (5, 0).
    const m = clearExtensionM({
      ...VAN,
      sensorM: { x: 5, y: 0 },
      fromM: -6,
      direction: -1,
      blockers: wall(25, -14, -8.8),
      minSeenThrough: 10,
    });
    expect(m).toBeCloseTo(clearExtensionM({ ...VAN, blockers: wall(25, 8.8, 14), minSeenThrough: 10 }), 6);
  });
});
