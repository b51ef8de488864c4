import { describe, expect, it } from "vitest";
import { yawErrorModPiRad } from "../fit/angles";
import { type Pose3, transformPoint } from "../geometry/pose";
import type { CuboidSize } from "../model/Cuboid";
import { carDetection } from "./test/carDetection";
import { PARKED_CAR, parkedCarView } from "./test/parkedCarView";
import { quatFromYaw } from "../geometry/quat";
import { refitVehicleTracks } from "./refitVehicleTracks";
import { trackedBox as box } from "./test/trackedBox";
import { must } from "../model/must";

const pose = (x: number, y: number, yawRad: number): Pose3 => ({
  translationM: { x, y, z: 0 },
  rotation: quatFromYaw(yawRad),
});

describe("refitVehicleTracks", () => {
  it("turns boxes of a car seen only from behind to the heading its side-on view showed", () => {
    // A car parked along world +x. Frame 0: seen side-on (4.4 m of it), heading right. Frame 1:
    // the ego has turned 0.3 rad and sees only the car's 1.8 m rear, which alone gave a box
    // standing across the lane (a third of Argoverse's misfitted vehicles look like this).
    const poses = [pose(0, 0, 0), pose(0, 3, 0.3)];
    const frames = [[box(1, 10, 6, 0, 4.4)], [box(1, 9, 3, Math.PI / 2 - 0.3, 1.8)]];
    refitVehicleTracks(frames, {}, poses);
    expect(
      yawErrorModPiRad(must(must(frames[1], "frames[1]")[0], "must(frames[1], 'frames[1]')[0]").yawRad, -0.3),
    ).toBeLessThan(1e-9);
    expect(
      yawErrorModPiRad(must(must(frames[0], "frames[0]")[0], "must(frames[0], 'frames[0]')[0]").yawRad, 0),
    ).toBeLessThan(1e-9);
  });

  it("takes a moving car's heading from its travel when no frame saw its side", () => {
    const poses = [0, 1, 2, 3].map((k) => pose(2 * k, 0, 0));
    // World positions (10 + 3k, 10 + 3k): 45° travel; every box alone turned the other way.
    const frames = [0, 1, 2, 3].map((k) => [box(7, 10 + k, 10 + 3 * k, -Math.PI / 4, 2)]);
    refitVehicleTracks(frames, {}, poses);
    for (const [d] of frames) expect(yawErrorModPiRad(must(d, "d").yawRad, Math.PI / 4)).toBeLessThan(1e-9);
  });

  it("keeps each box's own heading without poses when no frame saw the side", () => {
    const frames = [0, 1].map((k) => [box(3, 10 + k, 4, 0.4 + 0.1 * k, 2)]);
    refitVehicleTracks(frames, {}, [null, null]);
    expect(frames.map(([d]) => must(d, "d").yawRad)).toEqual([0.4, 0.5]);
  });
});

describe("refitVehicleTracks sizes", () => {
  it("keeps a van's track as wide as a van when clutter widens most of its views", () => {
    // Seen 3.4 m wide in every frame (a bush beside it joined by the clustering).
    const frames = [0, 1, 2].map((k) => {
      const b = box(4, 20 + k * 0.1, 5, 0, 4.7);
      return [{ ...b, className: "Van" as const, shape: { ...b.shape, widthM: 3.4 } }];
    });
    refitVehicleTracks(frames, {}, [null, null, null]);
    for (const [d] of frames) expect(must(d, "d").size.widthM).toBeLessThanOrEqual(2.3 + 1e-9);
  });
});

describe("refitVehicleTracks on a parked car", () => {
  it("gives every frame the one world box all the frames' points make", () => {
    // Driving past a car parked at (20, 6) along world x. Each frame's own refit slides the box
    // along the car, as fits to the face each frame sees did on Argoverse (0.6–1 m).
    const egoXs = [0, 6, 12, 18, 24, 30];
    const poses = egoXs.map((x, k) => pose(x, 0, 0.05 * k));
    const frames = egoXs.map((x, k) => {
      const view = parkedCarView(x, 0.05 * k, 20, 6);
      const slid = (size: CuboidSize, yawHintRad?: number) => ({
        centerM: { x: 20 - x + 0.8, y: 6, z: -1 },
        size,
        yawRad: yawHintRad ?? 0,
      });
      const d = carDetection(20 - x, 6, {
        points: view.points,
        refit: slid,
        seenLengthM: 4.4,
        seenWidthM: 1.8,
      });
      return [{ ...d, size: { ...d.size, heightM: 1.5 }, centerM: { ...d.centerM, z: -0.95 }, trackId: 9 }];
    });
    refitVehicleTracks(frames, { classSizes: { Car: PARKED_CAR } }, poses);
    frames.forEach(([d], k) => {
      const p = must(poses[k], "pose");
      const w = transformPoint(p, must(d, "d").centerM);
      expect(Math.hypot(w.x - 20, w.y - 6)).toBeLessThan(0.1);
      expect(yawErrorModPiRad(must(d, "d").yawRad + 0.05 * k, 0)).toBeLessThan(0.02);
    });
  });
});
