import { describe, expect, it } from "vitest";
import type { PluginBox } from "../../core/api/modelPlugin";
import { must } from "../../core/model/must";
import { builtinModelPlugin } from "./builtinModelPlugin";

const tuple = (a: number, b: number, c: number): [number, number, number] => [a, b, c];
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
    const ids = reply.frames.map((f) => must(f.boxes[0], "f.boxes[0]").trackId);
    expect(new Set(ids).size).toBe(1);
    expect(must(reply.frames[0]?.boxes[0], "reply.frames[0]?.boxes[0]").score).toBeCloseTo(0.8, 9);
    const blob = must(reply.frames[4]?.boxes[1], "reply.frames[4]?.boxes[1]");
    expect(blob.trackId).not.toBe(ids[0]);
    // Seen in 1 of 10 frames: 30 % + 70 % × 1/10 of its score.
    expect(blob.score).toBeCloseTo(0.8 * 0.37, 9);
    expect(blob.center).toEqual([-20, 5, -1]);
  });

  it("gives a car track one size, keeping the rear the lidar saw", async () => {
    const frames = [3.2, 4.4, 4.6].map((lengthM, k) => ({
      name: `f${k}`,
      timestampS: 0.1 * k,
      worldFromLidar: null,
      boxes: [{ ...car(12 + lengthM / 2, 0.8), size: tuple(lengthM, 1.9, 1.6) }],
    }));
    const reply = await builtinModelPlugin.track({ frames });
    for (const f of reply.frames) {
      const b = must(f.boxes[0], "f.boxes[0]");
      expect(b.size[0]).toBeCloseTo(4.4, 9);
      expect(b.center[0] - b.size[0] / 2).toBeCloseTo(12, 6);
    }
  });

  it("rescores a walker's box by half its own score, a car's by a fifth (as npm run prelabel)", async () => {
    // A walker and a car side by side over two frames, each seen well once (0.9) and badly once (0.1).
    const walker = (score: number): PluginBox => ({
      class: "Pedestrian",
      score,
      center: [6, -4, -1],
      size: [0.6, 0.6, 1.7],
      yaw: 0,
    });
    const frames = [0.9, 0.1].map((score, k) => ({
      name: `f${k}`,
      timestampS: 0.1 * k,
      worldFromLidar: null,
      boxes: [car(12, score), walker(score)],
    }));
    const reply = await builtinModelPlugin.track({ frames });
    const [carBox, walkerBox] = reply.frames[1]?.boxes ?? [];
    expect(must(carBox, "carBox").score).toBeCloseTo(0.2 * 0.1 + 0.8 * 0.5, 9);
    expect(must(walkerBox, "walkerBox").score).toBeCloseTo(0.5 * 0.1 + 0.5 * 0.5, 9);
  });
});
