import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OrientedBox } from "./cuboidCorners";
import { bevCorners, bevIou, iou3d, polygonArea } from "./iou";

const box = (
  x: number,
  y: number,
  z: number,
  l: number,
  w: number,
  h: number,
  yawRad: number,
): OrientedBox => ({
  centerM: { x, y, z },
  size: { lengthM: l, widthM: w, heightM: h },
  yawRad,
});

describe("bevIou / iou3d", () => {
  it("is 1 for identical boxes and for a box turned by π", () => {
    const a = box(3, -2, 0.5, 4.5, 1.8, 1.6, 0.7);
    expect(bevIou(a, a)).toBeCloseTo(1, 9);
    expect(iou3d(a, a)).toBeCloseTo(1, 9);
    expect(bevIou(a, { ...a, yawRad: a.yawRad + Math.PI })).toBeCloseTo(1, 9);
  });

  it("matches hand-computed overlaps of axis-aligned boxes", () => {
    // 2×2 squares shifted by 1 m in x: overlap 2, union 6.
    expect(bevIou(box(0, 0, 0, 2, 2, 2, 0), box(1, 0, 0, 2, 2, 2, 0))).toBeCloseTo(2 / 6, 9);
    // Same footprint, heights 2 and 2 offset by 1 m in z: overlap 4·1, union 8+8−4.
    expect(iou3d(box(0, 0, 0, 2, 2, 2, 0), box(0, 0, 1, 2, 2, 2, 0))).toBeCloseTo(4 / 12, 9);
    expect(bevIou(box(0, 0, 0, 1, 1, 1, 0), box(5, 0, 0, 1, 1, 1, 0))).toBe(0);
  });

  it("handles a square turned by 45° inside another: overlap is the octagon", () => {
    // Unit square vs the same square turned 45°: overlap area = 2(√2 − 1).
    const overlap = 2 * (Math.SQRT2 - 1);
    expect(bevIou(box(0, 0, 0, 1, 1, 1, 0), box(0, 0, 0, 1, 1, 1, Math.PI / 4))).toBeCloseTo(
      overlap / (2 - overlap),
      9,
    );
  });

  it("corners are counter-clockwise with the box's area, and IoU is symmetric and in [0, 1]", () => {
    const arb = fc
      .record({
        x: fc.double({ min: -3, max: 3, noNaN: true }),
        y: fc.double({ min: -3, max: 3, noNaN: true }),
        l: fc.double({ min: 0.2, max: 6, noNaN: true }),
        w: fc.double({ min: 0.2, max: 3, noNaN: true }),
        yaw: fc.double({ min: -4, max: 4, noNaN: true }),
      })
      .map((r) => box(r.x, r.y, 0, r.l, r.w, 1, r.yaw));
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(polygonArea(bevCorners(a))).toBeCloseTo(a.size.lengthM * a.size.widthM, 9);
        const ab = bevIou(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1 + 1e-9);
        expect(ab).toBeCloseTo(bevIou(b, a), 9);
      }),
      { numRuns: 200 },
    );
  });
});
