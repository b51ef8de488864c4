import { describe, expect, it } from "vitest";
import { createFitApi } from "./createFitApi";

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
