import { describe, expect, it } from "vitest";
import { scoreByOverlap } from "./scoreByOverlap";

const box = (x: number, y: number, lengthM = 4.5, widthM = 1.9, yawRad = 0) => ({
  centerM: { x, y, z: 0 },
  size: { lengthM, widthM, heightM: 1.6 },
  yawRad,
});

describe("scoreByOverlap", () => {
  it("cuts a split car's second half lying inside the surer whole-car box", () => {
    // The whole car at x = 10, its rear half fitted again as a car box 1.5 m further back.
    const scores = scoreByOverlap([box(10, 0), box(8.5, 0)], [0.85, 0.7]);
    expect(scores[0]).toBe(0.85);
    // 3.0 of its 4.5 m length lie under the surer box: 2/3 overlap, past OVERLAP_FULL.
    expect(scores[1]).toBeCloseTo(0.7 * 0.2, 9);
  });

  it("judges the less sure box whichever order the boxes come in", () => {
    const scores = scoreByOverlap([box(8.5, 0), box(10, 0)], [0.7, 0.85]);
    expect(scores[1]).toBe(0.85);
    expect(scores[0]).toBeCloseTo(0.14, 9);
  });

  it("leaves parked cars alone whose fitted boxes just touch", () => {
    // Bumper to bumper, 0.2 m of slack shared: 4 % of each footprint.
    const scores = scoreByOverlap([box(0, 0), box(4.3, 0), box(0, 2.5, 4.5, 1.9, 0.05)], [0.8, 0.6, 0.7]);
    expect(scores).toEqual([0.8, 0.6, 0.7]);
  });

  it("cuts a box straddling two surer neighbours by its largest overlap", () => {
    // Two cars side by side and a third box fitted across their inner halves.
    const scores = scoreByOverlap([box(0, 0), box(0, 2.2), box(0, 1.1)], [0.9, 0.9, 0.6]);
    expect(scores[0]).toBe(0.9);
    expect(scores[1]).toBe(0.9);
    // 1.9 - 1.1 = 0.8 m of its 1.9 m width under each: 42 %.
    const under = 0.8 / 1.9;
    expect(scores[2]).toBeCloseTo(0.6 * (1 - ((under - 0.1) / 0.4) * 0.8), 9);
  });
});
