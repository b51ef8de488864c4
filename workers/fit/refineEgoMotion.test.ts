import { describe, expect, it } from "vitest";
import { estimateEgoMotion } from "./estimateEgoMotion";
import { wallsAndPillars } from "./test/wallsAndPillars";

/** Walls and pillars seen from an ego at (egoXM, egoYM): off the 0.1 m lattice of the grid search. */
const world = (egoXM: number, egoYM: number) => wallsAndPillars(egoXM, egoYM, { extentM: 25 });

describe("estimateEgoMotion with refineEgoMotion", () => {
  it("measures a step off the grid search's 0.1 m lattice to within 2 cm", () => {
    // The ego drove 1.137 m forward and 0.043 m left: the lattice alone answers 1.1 or 1.15 and 0.
    const m = estimateEgoMotion(world(0, 0), world(1.137, 0.043), { maxTranslationM: 3 });
    expect(Math.abs(m.xM - 1.137)).toBeLessThan(0.02);
    expect(Math.abs(m.yM - 0.043)).toBeLessThan(0.02);
    expect(Math.abs(m.yawRad)).toBeLessThan(0.002);
  });
});
