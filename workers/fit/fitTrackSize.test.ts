import { describe, expect, it } from "vitest";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { buildFrameIndex } from "./FrameIndex";
import { fitTrackSize } from "./fitTrackSize";
import { refitBox } from "./refitBox";
import { synthesizeScan } from "./synthesizeScan";
import { must } from "../../core/model/must";

const truthSize = { lengthM: 4.8, widthM: 1.9, heightM: 1.6 };
const carAt = (x: number, y: number, yawRad: number): OrientedBox => ({
  centerM: { x, y, z: -1.7 + 0.8 },
  size: truthSize,
  yawRad,
});

describe("fitTrackSize", () => {
  it("finds the rigid size from several viewpoints and moves each box so its seen faces stay put", () => {
    // One car seen from behind-left, the side, and ahead-left: each frame sees different faces.
    const truths = [carAt(-10, 6, 0), carAt(0, 6, 0), carAt(10, 6, 0)];
    const frames = truths.map((t, k) => ({
      index: buildFrameIndex(synthesizeScan({ boxes: [t], seed: k + 3 })),
      // Start from the class prior placed with a 0.3 m error along the heading.
      box: {
        centerM: { ...t.centerM, x: t.centerM.x + 0.3 },
        size: { lengthM: 4.5, widthM: 1.85, heightM: 1.55 },
        yawRad: 0,
      },
    }));
    const r = fitTrackSize(frames, must(frames[0], "frame 0").box.size);
    // Within 0.15 m: each side is padded by 5 cm (labels enclose the surface points) plus noise.
    expect(Math.abs(r.size.lengthM - 4.8)).toBeLessThan(0.15);
    expect(Math.abs(r.size.widthM - 1.9)).toBeLessThan(0.15);
    expect(Math.abs(r.size.heightM - 1.6)).toBeLessThan(0.15);
    r.boxes.forEach((b, k) => {
      expect(b.size).toEqual(r.size);
      expect(Math.abs(b.centerM.x - must(truths[k], `truth ${k}`).centerM.x)).toBeLessThan(0.1);
    });
  });
});

describe("refitBox", () => {
  it("snaps a box onto its object and takes front/back from the motion", () => {
    const truth = carAt(12, -4, 0.5);
    const index = buildFrameIndex(synthesizeScan({ boxes: [truth] }));
    const rough = {
      centerM: { x: 12.5, y: -3.6, z: -0.8 },
      size: { lengthM: 4.8, widthM: 1.9, heightM: 1.6 },
      yawRad: 0.65 + Math.PI,
    };
    const kept = refitBox(index, rough);
    expect(kept.moved).toBe(true);
    expect(kept.box.yawRad).toBeCloseTo(0.5 + Math.PI, 1);
    expect(Math.hypot(kept.box.centerM.x - 12, kept.box.centerM.y + 4)).toBeLessThan(0.15);
    const moving = refitBox(index, rough, { motionYawRad: 0.45 });
    expect(moving.box.yawRad).toBeCloseTo(0.5, 1);
  });

  it("leaves the box alone when there are no points", () => {
    const index = buildFrameIndex(synthesizeScan({ boxes: [] }));
    const box = carAt(5, 5, 0);
    expect(refitBox(index, box)).toEqual({ box, pointCount: 0, moved: false });
  });
});
