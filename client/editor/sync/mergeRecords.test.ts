import { describe, expect, it } from "vitest";
import { mergeRecords } from "./mergeRecords";

describe("mergeRecords (three-way, field by field)", () => {
  const base = { centerM: { x: 1, y: 2, z: 3 }, className: "Car", attributes: { parked: false } };
  it("keeps both sides' changes to different fields, including nested ones", () => {
    const ours = { ...base, centerM: { x: 5, y: 2, z: 3 } };
    const theirs = { ...base, centerM: { x: 1, y: 9, z: 3 }, className: "Van", attributes: { parked: true } };
    expect(mergeRecords(base, ours, theirs)).toEqual({
      merged: { centerM: { x: 5, y: 9, z: 3 }, className: "Van", attributes: { parked: true } },
      overlapping: [],
    });
  });
  it("names the fields both changed differently, and keeps ours there", () => {
    const r = mergeRecords(base, { ...base, className: "Truck" }, { ...base, className: "Bus" });
    expect(r.merged.className).toBe("Truck");
    expect(r.overlapping).toEqual(["className"]);
  });
});
