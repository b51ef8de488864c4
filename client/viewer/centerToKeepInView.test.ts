import { describe, expect, it } from "vitest";
import { centerToKeepInView } from "./centerToKeepInView";

const view = { centerXM: 15, centerYM: 0, pxPerM: 8 };
const viewport = { width: 1200, height: 560 };

describe("centerToKeepInView", () => {
  it("leaves the view alone while the point is visible", () => {
    expect(centerToKeepInView(view, viewport, { x: 20, y: -10 })).toBeNull();
  });

  it("centres a point that is off screen (a box Tab selected 90 m to the right)", () => {
    expect(centerToKeepInView(view, viewport, { x: 5.6, y: -90 })).toEqual({
      centerXM: 5.6,
      centerYM: -90,
    });
  });

  it("counts the margin: a point just inside the edge but within the margin moves the view", () => {
    const edgeXM = view.centerXM + (viewport.height / 2 - 10) / view.pxPerM;
    expect(centerToKeepInView(view, viewport, { x: edgeXM, y: 0 }, 40)).not.toBeNull();
    expect(centerToKeepInView(view, viewport, { x: edgeXM, y: 0 }, 0)).toBeNull();
  });
});
