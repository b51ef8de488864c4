import { describe, expect, it } from "vitest";
import type { PluginBox } from "../../core/api/modelPlugin";
import { defined } from "../../core/testing/defined";
import { builtinModelPlugin } from "./builtinModelPlugin";

const car = (x: number, score: number): PluginBox => ({
  class: "Car",
  score,
  center: [x, 5, -1],
  size: [4.5, 1.9, 1.6],
  yaw: 0,
});

describe("builtinModelPlugin.track", () => {
  it("keeps a car's id over the sequence and rescores a one-frame blob by its track's evidence", async () => {
    // Ten frames 0.1 s apart without poses: a parked car at x = 12 in each, a blob at x = -20 in frame 4 only.
    const frames = Array.from({ length: 10 }, (_, k) => ({
      name: `f${k}`,
      timestampS: 0.1 * k,
      worldFromLidar: null,
      boxes: k === 4 ? [car(12, 0.8), car(-20, 0.8)] : [car(12, 0.8)],
    }));
    const reply = await builtinModelPlugin.track({ frames });
    const ids = reply.frames.map((f) => defined(f.boxes[0]).trackId);
    expect(new Set(ids).size).toBe(1);
    expect(defined(reply.frames[0]?.boxes[0]).score).toBeCloseTo(0.8, 9);
    const blob = defined(reply.frames[4]?.boxes[1]);
    expect(blob.trackId).not.toBe(ids[0]);
    // Seen in 1 of 10 frames: 30 % + 70 % × 1/10 of its score.
    expect(blob.score).toBeCloseTo(0.8 * 0.37, 9);
    expect(blob.center).toEqual([-20, 5, -1]);
  });
});
