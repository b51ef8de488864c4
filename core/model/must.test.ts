import { describe, expect, it } from "vitest";
import { must } from "./must";

describe("must", () => {
  it("returns a present value, falsy ones included", () => {
    expect(must(0, "zero")).toBe(0);
    expect(must("", "empty")).toBe("");
    expect(must(false, "flag")).toBe(false);
  });

  it("throws an Error naming what is missing", () => {
    expect(() => must(undefined, "frame 3")).toThrow("missing frame 3");
    expect(() => must(null, "sensor lidar")).toThrow("missing sensor lidar");
  });
});
