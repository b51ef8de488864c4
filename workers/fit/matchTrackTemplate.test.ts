import { describe, expect, it } from "vitest";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { must } from "../../core/model/must";
import { buildFrameIndex } from "./FrameIndex";
import { matchTrackTemplate } from "./matchTrackTemplate";
import { synthesizeScan } from "./synthesizeScan";

const car = (x: number, y: number, yawRad: number): OrientedBox => ({
  centerM: { x, y, z: -0.95 },
  size: { lengthM: 4.4, widthM: 1.8, heightM: 1.5 },
  yawRad,
});

describe("matchTrackTemplate", () => {
  // Regressions: flooring grid cells while rounding template cells biased every match by up to
  // half a cell, and a sparse template took the first of several equally good turns (−12°); a
  // track drifted by both every frame.
  for (const [dx, dy] of [
    [0.37, -0.12],
    [-0.61, 0.2],
    [1.13, 0.05],
  ] as const) {
    it(`finds a sparse car moved by (${dx}, ${dy}) m without bias`, () => {
      const before = car(18.3, 4.1, 0.1);
      const after = car(18.3 + dx, 4.1 + dy, 0.1);
      const a = buildFrameIndex(synthesizeScan({ boxes: [before], stepM: 0.3, seed: 1 }));
      const b = buildFrameIndex(synthesizeScan({ boxes: [after], stepM: 0.3, seed: 2 }));
      const m = must(
        matchTrackTemplate(a, before, b, { centerM: before.centerM, yawRad: 0.1 }, { alongM: 2, acrossM: 1 }),
        "a template match",
      );
      expect(Math.hypot(m.centerM.x - after.centerM.x, m.centerM.y - after.centerM.y)).toBeLessThan(0.15);
      expect(Math.abs(m.yawRad - 0.1)).toBeLessThan(0.06);
      expect(m.overlap).toBeGreaterThan(0.8);
    });
  }

  it("returns null when the previous box held no points", () => {
    const empty = buildFrameIndex(synthesizeScan({ boxes: [] }));
    expect(
      matchTrackTemplate(
        empty,
        car(5, 5, 0),
        empty,
        { centerM: car(5, 5, 0).centerM, yawRad: 0 },
        { alongM: 1, acrossM: 1 },
      ),
    ).toBeNull();
  });
});
