import { describe, expect, it } from "vitest";
import type { Cuboid } from "../model/Cuboid";
import { ACCEPT_TOLERANCE, predictionOutcome } from "./predictionOutcome";

const box = (x: number, over: Partial<Cuboid> = {}): Cuboid => ({
  id: "a",
  frameIndex: 0,
  trackId: "1",
  centerM: { x, y: 0, z: 0 },
  size: { lengthM: 4, widthM: 2, heightM: 1.5 },
  yawRad: 0,
  pitchRad: 0,
  rollRad: 0,
  className: "Car",
  attributes: {},
  provenance: "model",
  prediction: { model: "m", version: "1", score: 0.5 },
  updatedBy: "t",
  ...over,
});
const imported = (data: Cuboid | null) => ({ data, byImport: true });
const person = (data: Cuboid | null) => ({ data, byImport: false });

describe("predictionOutcome", () => {
  it("tells pending, accepted, corrected, rejected and replaced apart", () => {
    expect(predictionOutcome([imported(box(1))])).toBe("pending");
    expect(predictionOutcome([imported(box(1)), person(box(1, { provenance: "human" }))])).toBe("accepted");
    const within = 1 + ACCEPT_TOLERANCE.positionM * 0.9;
    expect(predictionOutcome([imported(box(1)), person(box(within, { provenance: "auto-fit" }))])).toBe(
      "accepted",
    );
    expect(predictionOutcome([imported(box(1)), person(box(1.2))])).toBe("corrected");
    expect(predictionOutcome([imported(box(1)), person(box(1, { className: "Van" }))])).toBe("corrected");
    expect(predictionOutcome([imported(box(1)), person(box(1, { yawRad: 0.1 }))])).toBe("corrected");
    expect(predictionOutcome([imported(box(1)), person(null)])).toBe("rejected");
    // Replaced by a newer run before anyone looked: not counted.
    expect(predictionOutcome([imported(box(1)), imported(null)])).toBeNull();
    // Accepted, then moved back and forth: judged against the model's box, on the current state.
    expect(predictionOutcome([imported(box(1)), person(box(2)), person(box(1))])).toBe("accepted");
  });
});
