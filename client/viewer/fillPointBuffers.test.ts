import { describe, expect, it } from "vitest";
import { makeCuboid } from "../editor/test/makeCuboid";
import { colormapTurbo } from "./colormapTurbo";
import { fillPointBuffers, HEIGHT_RANGE_M, rgbFromHex } from "./fillPointBuffers";

const car = makeCuboid({ centerM: { x: 10, y: 0, z: 0 } });
// Three points relative to an origin of (5, 0, 0): one inside the car, one 3 m beside it, one far away.
const positions = new Float32Array([5, 0.5, 0.5, 5, 3, 0, 45, 40, 0]);
const input = {
  positions,
  intensity: new Float32Array([10, 200, 50]),
  count: 3,
  originM: { x: 5, y: 0, z: 0 },
  cuboids: [car],
  classColors: new Map([["Car", rgbFromHex("#3fa7ff")]]),
  focus: null,
};

describe("fillPointBuffers", () => {
  it("writes lidar-frame positions and height colours from the turbo map", () => {
    const pos = new Float32Array(9);
    const col = new Float32Array(9);
    expect(fillPointBuffers({ ...input, colorMode: "height" }, pos, col)).toBe(3);
    expect([...pos.subarray(0, 3)]).toEqual([10, 0.5, 0.5]);
    const t = (0.5 - HEIGHT_RANGE_M[0]) / (HEIGHT_RANGE_M[1] - HEIGHT_RANGE_M[0]);
    const expected = colormapTurbo(t, [0, 0, 0]);
    for (const [k, e] of expected.entries()) expect(col[k]).toBeCloseTo(e, 6);
  });

  it("label colours points inside a box with its class colour; intensity is brighter for stronger returns", () => {
    const pos = new Float32Array(9);
    const col = new Float32Array(9);
    fillPointBuffers({ ...input, colorMode: "label" }, pos, col);
    expect(col[0]).toBeCloseTo(0x3f / 255, 6);
    expect(col[2]).toBeCloseTo(1, 6);
    const outside = [...col.subarray(3, 6)];
    expect(Math.max(...outside) - Math.min(...outside)).toBeLessThan(0.1); // grey outside
    fillPointBuffers({ ...input, colorMode: "intensity" }, pos, col);
    // Intensities 10, 200, 50: grey levels in that order.
    const [at10, at200, at50] = [col[0], col[3], col[6]].map((c) => c ?? Number.NaN);
    expect(at200).toBeGreaterThan(at50 ?? Number.NaN);
    expect(at50).toBeGreaterThan(at10 ?? Number.NaN);
  });

  it("focus mode keeps only points near the focused box", () => {
    const pos = new Float32Array(9);
    const col = new Float32Array(9);
    expect(fillPointBuffers({ ...input, colorMode: "distance", focus: car }, pos, col)).toBe(2);
    expect(pos[4]).toBe(3);
  });
});
