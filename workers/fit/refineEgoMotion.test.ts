import { describe, expect, it } from "vitest";
import { estimateEgoMotion } from "./estimateEgoMotion";
import { buildFrameIndex, type FrameIndex } from "./FrameIndex";
import { wallsAndPillars } from "./test/wallsAndPillars";

/** Walls and pillars seen from an ego at (egoXM, egoYM): off the 0.1 m lattice of the grid search. */
const world = (egoXM: number, egoYM: number) => wallsAndPillars(egoXM, egoYM, { extentM: 25 });

/** The street seen from an ego at (egoXM, egoYM) turned by yawRad: frame 0's cloud rotated about that ego. */
function turned(egoXM: number, egoYM: number, yawRad: number): FrameIndex {
  const at = world(0, 0);
  const c = Math.cos(yawRad);
  const s = Math.sin(yawRad);
  const out = new Float32Array(at.xyz.length);
  for (let j = 0; j < out.length; j += 3) {
    const x = (at.xyz[j] ?? 0) + at.originM.x - egoXM;
    const y = (at.xyz[j + 1] ?? 0) + at.originM.y - egoYM;
    out[j] = c * x + s * y;
    out[j + 1] = -s * x + c * y;
    out[j + 2] = (at.xyz[j + 2] ?? 0) + at.originM.z;
  }
  return buildFrameIndex({
    pointCount: out.length / 3,
    positions: out,
    originM: { x: 0, y: 0, z: 0 },
    attributes: {},
  });
}

describe("estimateEgoMotion with refineEgoMotion", () => {
  it("measures a step off the grid search's 0.1 m lattice to within 2 cm", () => {
    // The ego drove 1.137 m forward and 0.043 m left: the lattice alone answers 1.1 or 1.15 and 0.
    const m = estimateEgoMotion(world(0, 0), world(1.137, 0.043), { maxTranslationM: 3 });
    expect(Math.abs(m.xM - 1.137)).toBeLessThan(0.02);
    expect(Math.abs(m.yM - 0.043)).toBeLessThan(0.02);
    expect(Math.abs(m.yawRad)).toBeLessThan(0.002);
  });

  it("finds a 0.57° turn the first, 1 m level of the search answered a step off", () => {
    // Turning 0.01 rad per sweep: the 1 m level's 0.02 rad steps take −0.01 as well as 0.01.
    const a = world(0, 0);
    const m = estimateEgoMotion(a, turned(1.1, 0.05, 0.01), { maxTranslationM: 3 });
    expect(Math.abs(m.yawRad - 0.01)).toBeLessThan(0.001);
    expect(Math.hypot(m.xM - 1.1, m.yM - 0.05)).toBeLessThan(0.02);
  });
});
