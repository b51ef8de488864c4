import { describe, expect, it } from "vitest";
import type { Pose3 } from "../geometry/pose";
import { quatFromYaw } from "../geometry/quat";
import type { Detection } from "./detectObjects";
import { estimateSceneShift } from "./estimateSceneShift";
import { trackDetections } from "./trackDetections";
import { must } from "../model/must";
import { carDetection } from "./test/carDetection";

const car = (x: number, y: number): Detection => carDetection(x, y);
const pose = (x: number, yawRad: number): Pose3 => ({
  translationM: { x, y: 0, z: 0 },
  rotation: quatFromYaw(yawRad),
});

describe("trackDetections", () => {
  it("keeps parked cars on their tracks in the world frame while the ego drives 1.5 m a frame", () => {
    // Two parked cars at world (20, 3) and (30, −3); a moving car passes them at 10 m/s.
    const frames = [0, 1, 2, 3, 4].map((k) => {
      const egoX = 1.5 * k;
      return {
        timestampS: 0.1 * k,
        worldFromLidar: pose(egoX, 0),
        detections: [car(20 - egoX, 3), car(30 - egoX, -3), car(5 + 1.0 * k - egoX, 0)],
      };
    });
    const out = trackDetections(frames);
    for (let i = 0; i < 3; i++)
      expect(new Set(out.frames.map((f) => must(f[i], "f[i]").trackId)).size).toBe(1);
    expect(new Set(must(out.frames[0], "out.frames[0]").map((d) => d.trackId)).size).toBe(3);
  });

  it("without poses, follows the static world's apparent motion even across a 1.5 s gap", () => {
    // The sensor drives 8 m/s; frames at 0, 1.5, 2.0, 2.5 s; five parked cars and a pedestrian.
    const times = [0, 1.5, 2.0, 2.5];
    const parked: Array<[number, number]> = [
      [10, 4],
      [16, 4],
      [22, -4],
      [30, 5],
      [40, -5],
    ];
    const frames = times.map((t) => ({
      timestampS: t,
      worldFromLidar: null,
      detections: parked.map(([x, y]) => car(x - 8 * t, y)),
    }));
    const out = trackDetections(frames);
    for (let i = 0; i < parked.length; i++)
      expect(new Set(out.frames.map((f) => must(f[i], "f[i]").trackId)).size).toBe(1);
  });

  it("without poses, keeps a car driving ahead on its track across a 1.5 s gap", () => {
    // The sensor drives 8 m/s past five parked cars; a car 12 m ahead drives 7 m/s, so after
    // the first 1.5 s gap it lies 10.5 m from where the static world's motion puts it.
    const times = [0, 1.5, 2.0, 2.5];
    const parked: Array<[number, number]> = [
      [10, 4],
      [16, 4],
      [22, -4],
      [30, 5],
      [40, -5],
    ];
    const frames = times.map((t) => ({
      timestampS: t,
      worldFromLidar: null,
      detections: [...parked.map(([x, y]) => car(x - 8 * t, y)), car(12 - 1 * t, 0)],
    }));
    const out = trackDetections(frames);
    expect(new Set(out.frames.map((f) => must(f[parked.length], "f[parked.length]").trackId)).size).toBe(1);
    for (let i = 0; i < parked.length; i++)
      expect(new Set(out.frames.map((f) => must(f[i], "f[i]").trackId)).size).toBe(1);
  });

  it("starts a new track for a detection beyond the gate of every track", () => {
    const out = trackDetections([
      { timestampS: 0, worldFromLidar: null, detections: [car(10, 0)] },
      { timestampS: 0.1, worldFromLidar: null, detections: [car(10, 6)] },
    ]);
    expect(
      must(must(out.frames[1], "out.frames[1]")[0], "must(out.frames[1], 'out.frames[1]')[0]").trackId,
    ).not.toBe(
      must(must(out.frames[0], "out.frames[0]")[0], "must(out.frames[0], 'out.frames[0]')[0]").trackId,
    );
  });
});

describe("estimateSceneShift", () => {
  it("finds the displacement most pairs agree on, not a mover's", () => {
    const prev = [
      { x: 10, y: 0 },
      { x: 20, y: 5 },
      { x: 30, y: -5 },
      { x: 15, y: 0 },
    ];
    const cur = [
      { x: 8, y: 0.1 },
      { x: 18, y: 5.1 },
      { x: 28, y: -4.9 },
      { x: 17, y: 0 },
    ];
    const s = estimateSceneShift(prev, cur, 5);
    expect(s.x).toBeCloseTo(-2, 1);
    expect(s.y).toBeCloseTo(0.1, 1);
    expect(s.support).toBeGreaterThanOrEqual(3);
  });

  it("returns no shift when fewer than three pairs agree", () => {
    expect(estimateSceneShift([{ x: 0, y: 0 }], [{ x: 1, y: 1 }], 5)).toEqual({ x: 0, y: 0, support: 0 });
  });
});

describe("trackDetections with box sizes", () => {
  it("does not hand a car's track to a bus-long box that appears where the car was last seen", () => {
    // A parked car seen in frames 0–2, hidden in 3, then a 10 m blob (a bus behind it, a hedge)
    // 2 m away in frame 4: within the gate, but five car lengths apart in size.
    const bus = (x: number, y: number): Detection => ({
      ...car(x, y),
      className: "Bus",
      size: { lengthM: 10.4, widthM: 2.5, heightM: 2.5 },
    });
    const frames = [0, 1, 2, 3, 4].map((k) => ({
      timestampS: 0.1 * k,
      worldFromLidar: null,
      detections: k < 3 ? [car(20, 5)] : k === 4 ? [bus(20, 7)] : [],
    }));
    const out = trackDetections(frames);
    const carTrack = must(must(out.frames[0], "out.frames[0]")[0], "car").trackId;
    expect(must(must(out.frames[2], "out.frames[2]")[0], "car").trackId).toBe(carTrack);
    expect(must(must(out.frames[4], "out.frames[4]")[0], "bus").trackId).not.toBe(carTrack);
  });
});
