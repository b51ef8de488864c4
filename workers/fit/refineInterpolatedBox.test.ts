import { describe, expect, it } from "vitest";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { buildFrameIndex } from "./FrameIndex";
import { refineInterpolatedBox } from "./refineInterpolatedBox";
import { registerToKeyframe } from "./registerToKeyframe";
import { synthesizeScan } from "./synthesizeScan";

const car = (x: number, y: number, yawRad = 0): OrientedBox => ({
  centerM: { x, y, z: -0.95 },
  size: { lengthM: 4.4, widthM: 1.8, heightM: 1.5 },
  yawRad,
});
const scan = (boxes: OrientedBox[], seed: number) =>
  buildFrameIndex(synthesizeScan({ boxes, seed, extentM: 40 }));
const bevDistance = (a: OrientedBox, b: OrientedBox) =>
  Math.hypot(a.centerM.x - b.centerM.x, a.centerM.y - b.centerM.y);
/** The box moved by `along` on its heading and `across` to its left, metres. */
const moved = (b: OrientedBox, along: number, across: number): OrientedBox => ({
  ...b,
  centerM: {
    x: b.centerM.x + Math.cos(b.yawRad) * along - Math.sin(b.yawRad) * across,
    y: b.centerM.y + Math.sin(b.yawRad) * along + Math.cos(b.yawRad) * across,
    z: b.centerM.z,
  },
});

describe("registerToKeyframe", () => {
  it("carries a keyframe box onto the object's points seen from elsewhere", () => {
    const keyBox = car(10, 4, 0.3);
    const truth = car(16, 6, 0.3);
    const r = registerToKeyframe(scan([keyBox], 1), keyBox, scan([truth], 2), moved(truth, 0.5, 0.2));
    expect(r).not.toBeNull();
    expect(bevDistance(r?.box ?? keyBox, truth)).toBeLessThan(0.1);
    expect(r?.inliers).toBeGreaterThan(50);
  });

  it("finds nothing where the frame has no points above the ground", () => {
    const keyBox = car(10, 4);
    expect(registerToKeyframe(scan([keyBox], 1), keyBox, scan([], 2), car(16, 4))).toBeNull();
  });
});

describe("refineInterpolatedBox", () => {
  // Keys 2 s apart (a sparse keyframing); the car brakes, so at 1.5 s it is 0.5 m short of
  // where interpolation between the keys puts it.
  const first = car(8, 4);
  const last = car(28, 4);
  const truth = car(22.5, 4);
  const interpolated = car(23, 4);
  const keys = (frameBoxes: OrientedBox[]) => ({
    frame: { index: scan(frameBoxes, 2), timestampS: 1.5 },
    before: { index: scan([first], 1), timestampS: 0, box: first },
    after: { index: scan([last], 3), timestampS: 2, box: last },
  });

  it("moves a box interpolated across a long gap to the object's points", () => {
    const k = keys([truth]);
    const r = refineInterpolatedBox(k.frame, interpolated, k.before, k.after);
    expect(r.registrations).toBe(2);
    expect(r.needsReview).toBeUndefined();
    expect(bevDistance(r.box, truth)).toBeLessThan(0.2);
    expect(r.box.yawRad).toBe(interpolated.yawRad);
    expect(r.box.size).toEqual(interpolated.size);
  });

  it("keeps a box between close keys where interpolation is already right", () => {
    const right = car(20, 4);
    const r = refineInterpolatedBox(
      { index: scan([right], 2), timestampS: 0.25 },
      right,
      { index: scan([car(18, 4)], 1), timestampS: 0, box: car(18, 4) },
      { index: scan([car(22, 4)], 3), timestampS: 0.5, box: car(22, 4) },
    );
    expect(bevDistance(r.box, right)).toBeLessThan(0.03);
  });

  it("does not take a neighbour beside a hidden object, and flags the box", () => {
    // The tracked car is hidden in this frame; another stands 1 m to its side.
    const k = keys([moved(interpolated, 0, 1)]);
    const r = refineInterpolatedBox(k.frame, interpolated, k.before, k.after);
    expect(bevDistance(r.box, interpolated)).toBeLessThan(0.05);
    expect(r.needsReview).toBe("points disagree");
  });

  it("leaves the box unflagged where the frame has no points of it", () => {
    const k = keys([]);
    const r = refineInterpolatedBox(k.frame, interpolated, k.before, k.after);
    expect(r.box).toEqual(interpolated);
    expect(r.registrations).toBe(0);
    expect(r.needsReview).toBeUndefined();
  });
});
