import { describe, expect, it } from "vitest";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { checkEgoMotionChain } from "./checkEgoMotionChain";
import { buildFrameIndex } from "./FrameIndex";
import { synthesizeScan } from "./synthesizeScan";

/** Pillars and walls around the sensor, seen from an ego that has driven egoXM forward. */
const world = (egoXM: number) => {
  const boxes: OrientedBox[] = [];
  for (const [x, y, l, w] of [
    [8, 6, 0.5, 0.5],
    [-5, 7, 6, 0.4],
    [14, -6, 0.6, 0.6],
    [3, -9, 4, 0.3],
    [-12, -4, 0.5, 3],
    [20, 9, 2, 2],
  ] as const)
    boxes.push({
      centerM: { x: x - egoXM, y, z: 0 },
      size: { lengthM: l, widthM: w, heightM: 3 },
      yawRad: 0.2,
    });
  return buildFrameIndex(synthesizeScan({ boxes, extentM: 25, stepM: 0.1 }));
};

describe("checkEgoMotionChain", () => {
  it("accepts a chain whose steps close both ways and whose speed is steady (1 m per 0.1 s)", () => {
    const frames = [0, 1, 2].map((k) => ({ index: () => world(k), timestampS: k * 0.1 }));
    const check = checkEgoMotionChain(frames, { maxTranslationM: 3 });
    expect(check.reason).toBeNull();
    expect(check.consistent).toBe(true);
    expect(check.motions).toHaveLength(2);
    for (const m of check.motions) expect(m.xM).toBeCloseTo(1, 1);
  });

  it("refuses a chain with nothing to correlate (an open field), saying where and why", () => {
    const empty = buildFrameIndex(synthesizeScan({ boxes: [], extentM: 25 }));
    const check = checkEgoMotionChain(
      [0, 1].map((k) => ({ index: () => empty, timestampS: k * 0.1 })),
      { maxTranslationM: 3 },
    );
    expect(check.consistent).toBe(false);
    expect(check.reason).toMatch(/frames 0 → 1: structure overlap 0\.00/);
  });

  it("refuses a speed jump no car makes (0 → 20 m/s in 0.1 s)", () => {
    const frames = [0, 0, 2].map((x, k) => ({ index: () => world(x), timestampS: k * 0.1 }));
    const check = checkEgoMotionChain(frames, { maxTranslationM: 3 });
    expect(check.consistent).toBe(false);
    expect(check.reason).toMatch(/frames 1 → 2: speed jumps from 0\.0 to 20\.0 m\/s/);
  });
});
