import { describe, expect, it } from "vitest";
import { median } from "./median";
import { weightedMedian } from "./weightedMedian";

describe("weightedMedian", () => {
  it("equals the median for equal weights, odd and even counts", () => {
    for (const v of [[3, 1, 2], [4, 1, 3, 2], [5], [2, 2, 7, 1, 9, 4]])
      expect(
        weightedMedian(
          v,
          v.map(() => 1),
        ),
      ).toBe(median(v));
  });
  it("follows the heavy values", () => {
    expect(weightedMedian([0.62, 1.0], [6.25, 1])).toBe(0.62);
    expect(weightedMedian([1, 2, 3], [1, 1, 5])).toBe(3);
    expect(weightedMedian([1, 2, 3], [5, 1, 1])).toBe(1);
  });
  it("refuses an empty list and mismatched weights", () => {
    expect(() => weightedMedian([], [])).toThrow(/0 values/);
    expect(() => weightedMedian([1, 2], [1])).toThrow(/2 values and 1 weights/);
    expect(() => weightedMedian([1], [0])).toThrow(/total weight/);
  });
});
