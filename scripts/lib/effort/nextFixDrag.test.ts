import { describe, expect, it } from "vitest";
import { dragHandle } from "../../../client/editor/boxViews/dragHandle";
import type { Cuboid } from "../../../core/model/Cuboid";
import { type BevBox, isGoodBox, nextFixDrag } from "./nextFixDrag";

const truth: BevBox = {
  centerM: { x: 20, y: -4, z: -1 },
  size: { lengthM: 4.6, widthM: 1.9, heightM: 1.6 },
  yawRad: 0.7,
};
const asCuboid = (b: BevBox): Cuboid => ({
  id: "c",
  trackId: "t",
  frameIndex: 0,
  className: "Car",
  attributes: {},
  pitchRad: 0,
  rollRad: 0,
  provenance: "human",
  updatedBy: "bench",
  updatedAt: "1970-01-01T00:00:00.000Z",
  ...b,
});

/** Applies the planned drags through the editor's own drag maths; returns how many it took. */
function fixByDrags(start: BevBox): { drags: number; box: BevBox } {
  let box = start;
  for (let drags = 0; drags < 6; drags++) {
    const d = nextFixDrag(box, truth, 0.5);
    if (!d) return { drags, box };
    box = { ...box, ...dragHandle(asCuboid(box), "top", d.handle, d.press, d.to) };
  }
  return { drags: Number.POSITIVE_INFINITY, box };
}

describe("nextFixDrag", () => {
  it("asks nothing of a box that is already good", () => {
    expect(nextFixDrag({ ...truth, centerM: { ...truth.centerM, x: 20.05 } }, truth, 0.5)).toBeNull();
  });

  it.each([
    [
      "default box at heading 0 on the click",
      { centerM: { x: 20.3, y: -4.4, z: -1 }, size: { lengthM: 4.5, widthM: 2, heightM: 1.7 }, yawRad: 0 },
      3,
    ],
    [
      "fit with the heading right, a short bonnet fragment",
      {
        centerM: { x: 21.2, y: -3.2, z: -1 },
        size: { lengthM: 2.2, widthM: 1.8, heightM: 1.5 },
        yawRad: 0.69,
      },
      2,
    ],
    [
      "right size, 0.6 m off",
      { centerM: { x: 20.6, y: -4, z: -1 }, size: { ...truth.size }, yawRad: 0.7 },
      1,
    ],
    ["heading flipped by π only", { ...truth, yawRad: 0.7 + Math.PI }, 0],
  ])("brings %s onto the truth in at most %i drags", (_name, start, most) => {
    const { drags, box } = fixByDrags(start);
    expect(drags).toBeLessThanOrEqual(most);
    expect(isGoodBox(box, truth)).toBe(true);
  });
});
