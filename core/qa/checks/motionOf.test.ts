import { describe, expect, it } from "vitest";
import type { QaItem } from "../QaContext";
import { motionOf } from "./motionOf";

/** A rider's track at times t (seconds) and world positions (x, y). */
const track = (samples: ReadonlyArray<readonly [number, number, number]>): QaItem[] =>
  samples.map(([t, x, y], k) => ({
    box: {
      id: `f${k}/r`,
      trackId: "r",
      frameIndex: k,
      className: "Rider",
      attributes: {},
      centerM: { x, y, z: 0 },
      size: { lengthM: 1.7, widthM: 0.7, heightM: 1.6 },
      yawRad: 0,
    },
    worldM: { x, y, z: 0 },
    worldYawRad: 0,
    t,
    points: null,
  }));

describe("motionOf", () => {
  it("gives a slow rider's speed from its long pairs, whether a short pair just reaches 1 m or not", () => {
    // Keyframes 1.5 s then 0.5 s apart (SUSTechPOINTS' example), a rider at about 0.62 m/s. Moving
    // the last box 6 mm (an estimated ego pose's difference) brings pair 1→3 from 0.995 m to 1.001 m:
    // with equal weights the speed jumped to 0.81 m/s, across the 0.8 m/s walker threshold.
    const near = [
      [95, 2.521, -42.683],
      [96.5, 2.111, -43.107],
      [97, 1.769, -43.28],
      [97.5, 1.182, -43.462],
    ] as const;
    const far = near.map(([t, x, y], k) => (k === 3 ? ([t, x - 0.006, y] as const) : ([t, x, y] as const)));
    for (const samples of [near, far]) {
      const m = motionOf(track(samples))[3];
      expect(m?.speed).toBeGreaterThan(0.6);
      expect(m?.speed).toBeLessThan(0.65);
    }
  });

  it("keeps the median's robustness to one misplaced box among equally spaced ones", () => {
    const steady = Array.from({ length: 7 }, (_, k) => [k * 0.1, 15 * k * 0.1, 0] as const);
    const moved = steady.map(([t, x, y], k) =>
      k === 3 ? ([t, x + 2, y + 2] as const) : ([t, x, y] as const),
    );
    const m = motionOf(track(moved))[3];
    expect(m?.speed).toBeCloseTo(15, 1);
    expect(Math.abs(m?.directionRad ?? 1)).toBeLessThan(0.05);
  });
});
