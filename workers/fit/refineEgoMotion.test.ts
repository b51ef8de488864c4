import { describe, expect, it } from "vitest";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { estimateEgoMotion } from "./estimateEgoMotion";
import { buildFrameIndex } from "./FrameIndex";
import { synthesizeScan } from "./synthesizeScan";

/** Walls and pillars seen from an ego at (egoXM, egoYM): off the 0.1 m lattice of the grid search. */
const world = (egoXM: number, egoYM: number) => {
  const boxes: OrientedBox[] = [];
  for (const [x, y, l, w, yaw] of [
    [8, 6, 0.5, 0.5, 0.2],
    [-5, 7, 12, 0.4, 0.05],
    [14, -6, 0.6, 0.6, 0.2],
    [3, -9, 10, 0.3, -0.1],
    [-12, -4, 0.5, 6, 0.3],
    [20, 9, 2, 2, 0.7],
  ] as const)
    boxes.push({
      centerM: { x: x - egoXM, y: y - egoYM, z: 0 },
      size: { lengthM: l, widthM: w, heightM: 3 },
      yawRad: yaw,
    });
  return buildFrameIndex(synthesizeScan({ boxes, extentM: 25, stepM: 0.02 }));
};

describe("estimateEgoMotion with refineEgoMotion", () => {
  it("measures a step off the grid search's 0.1 m lattice to within 2 cm", () => {
    // The ego drove 1.137 m forward and 0.043 m left: the lattice alone answers 1.1 or 1.15 and 0.
    const m = estimateEgoMotion(world(0, 0), world(1.137, 0.043), { maxTranslationM: 3 });
    expect(Math.abs(m.xM - 1.137)).toBeLessThan(0.02);
    expect(Math.abs(m.yM - 0.043)).toBeLessThan(0.02);
    expect(Math.abs(m.yawRad)).toBeLessThan(0.002);
  });
});
