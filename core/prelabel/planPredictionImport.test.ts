import { describe, expect, it } from "vitest";
import type { Cuboid } from "../model/Cuboid";
import type { PredictedBox } from "./PredictionRun";
import { planPredictionImport } from "./planPredictionImport";

const labelledCar: Cuboid = {
  id: "car-1",
  frameIndex: 0,
  trackId: "t1",
  centerM: { x: 10, y: 0, z: 0.8 },
  size: { lengthM: 4.6, widthM: 1.9, heightM: 1.6 },
  yawRad: 0,
  pitchRad: 0,
  rollRad: 0,
  className: "Car",
  attributes: {},
  provenance: "imported",
  updatedBy: "import",
};
const predicted = (
  trackId: number,
  cls: string,
  center: [number, number, number],
  size: [number, number, number],
) => ({ frame: "f0", trackId, class: cls, score: 0.8, center, size, yaw: 0.1 }) satisfies PredictedBox;

const plan = (boxes: PredictedBox[]) => {
  let n = 0;
  return planPredictionImport({
    run: { model: { name: "det", version: "2" }, boxes },
    frameIndexByName: new Map([["f0", 0]]),
    frameRange: null,
    classNames: ["Car", "Pedestrian"],
    current: { tracks: [{ trackId: "t1", className: "Car", attributes: {} }], cuboids: [labelledCar] },
    touchedIds: new Set(),
    trackIds: ["n1", "n2", "n3", "n4"],
    newCuboidId: () => `new-${++n}`,
    author: "model-run",
    nowIso: "2026-12-03T10:00:00.000Z",
  });
};

describe("planPredictionImport over a labelled frame", () => {
  it("leaves out a prediction the checks would call a duplicate of a labelled box, whatever its IoU", () => {
    const result = plan([
      // The same car, shifted: BEV IoU about 0.4 (below the old 0.5 rule: it was added as a second car).
      predicted(1, "car", [11.4, 0.3, 0.8], [4.4, 1.8, 1.5]),
      // A walker-sized fragment inside the labelled car: IoU 0.04, all of it inside.
      predicted(2, "pedestrian", [9, 0.2, 1.2], [0.6, 0.6, 1.7]),
      // A walker beside the car: kept.
      predicted(3, "pedestrian", [10, 2.5, 0.9], [0.6, 0.6, 1.7]),
      // A car on the overpass above: footprints overlap, heights do not: kept.
      predicted(4, "car", [10.2, 0, 7.5], [4.5, 1.9, 1.5]),
    ]);
    expect(result.skippedOverlap).toBe(2);
    expect(result.added).toBe(2);
    const puts = result.operations.flatMap((o) => (o.op === "putCuboid" ? [o.cuboid] : []));
    expect(puts.map((c) => [c.className, c.centerM.y, c.centerM.z])).toEqual([
      ["Pedestrian", 2.5, 0.9],
      ["Car", 0, 7.5],
    ]);
  });
});
