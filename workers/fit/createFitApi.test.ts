import { describe, expect, it } from "vitest";
import { createFitApi } from "./createFitApi";
import { synthesizeScan } from "./synthesizeScan";

const cloud = () => ({
  pointCount: 2,
  positions: new Float32Array([1, 0, 0, 2, 0, 0]),
  originM: { x: 0, y: 0, z: 0 },
});

describe("createFitApi's frame cache", () => {
  it("keeps the most recently used frames and drops the least recently used beyond its size", () => {
    const api = createFitApi(2);
    api.setFrame("a", cloud());
    api.setFrame("b", cloud());
    // Using "a" makes "b" the least recently used.
    api.autoFit("a", { x: 1, y: 0, z: 0 });
    api.setFrame("c", cloud());
    expect(["a", "b", "c"].map((k) => api.hasFrame(k))).toEqual([true, false, true]);
    api.setFrame("d", cloud());
    expect(["a", "c", "d"].map((k) => api.hasFrame(k))).toEqual([false, true, true]);
  });
});

describe("createFitApi.refineInterpolated", () => {
  it("reads the box's frame and its two keyframes by key", () => {
    const car = (x: number) => ({
      centerM: { x, y: 4, z: -0.95 },
      size: { lengthM: 4.4, widthM: 1.8, heightM: 1.5 },
      yawRad: 0,
    });
    const api = createFitApi();
    for (const [key, x] of [
      ["k0", 8],
      ["f", 22.5],
      ["k1", 28],
    ] as const)
      api.setFrame(key, synthesizeScan({ boxes: [car(x)], seed: x, extentM: 40 }));
    // Keys 2 s apart; the car braked, so at 1.5 s it is 0.5 m short of the curve's 23 m.
    const r = api.refineInterpolated(
      { frameKey: "f", timestampS: 1.5 },
      car(23),
      { frameKey: "k0", timestampS: 0, box: car(8) },
      { frameKey: "k1", timestampS: 2, box: car(28) },
    );
    expect(r.registrations).toBe(2);
    expect(Math.abs(r.box.centerM.x - 22.5)).toBeLessThan(0.2);
    expect(() =>
      api.refineInterpolated(
        { frameKey: "missing", timestampS: 1.5 },
        car(23),
        { frameKey: "k0", timestampS: 0, box: car(8) },
        { frameKey: "k1", timestampS: 2, box: car(28) },
      ),
    ).toThrow(/"missing" was not set/);
  });
});
