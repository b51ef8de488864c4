import { describe, expect, it } from "vitest";
import { unifyTrackSizes } from "./unifyTrackSizes";

const box = (trackId: number, x: number, lengthM: number, className = "Car") => ({
  className,
  trackId,
  centerM: { x, y: 0, z: -1 },
  size: { lengthM, widthM: 1.8, heightM: 1.5 },
  yawRad: 0,
});

describe("unifyTrackSizes", () => {
  it("gives a car track its median size, keeping the face toward the lidar where it was", () => {
    // A car ahead on the x axis seen from behind: its rear (x − length/2) is the face seen.
    const frames = [[box(1, 12, 3.0)], [box(1, 12.5, 4.4)], [box(1, 13, 4.6)]];
    const out = unifyTrackSizes(frames);
    for (const [k, [b]] of out.entries()) {
      const before = frames[k]?.[0];
      if (!b || !before) throw new Error(`frame ${k} lost its box`);
      expect(b.size.lengthM).toBeCloseTo(4.4, 9);
      expect(b.centerM.x - b.size.lengthM / 2).toBeCloseTo(before.centerM.x - before.size.lengthM / 2, 9);
      expect(b.centerM.y).toBeCloseTo(0, 9);
    }
  });

  it("leaves pedestrians, one-box tracks and a box the lidar stands beside as they were placed", () => {
    const frames = [
      [box(1, 12, 3, "Pedestrian"), box(2, 5, 4)],
      [box(1, 12, 5, "Pedestrian"), box(3, 0, 4)],
      [box(3, 0, 5)],
    ];
    const out = unifyTrackSizes(frames);
    expect(out[0]?.[0]?.size.lengthM).toBe(3);
    expect(out[0]?.[1]?.size.lengthM).toBe(4);
    // Track 3 centred on the lidar's x: no face along x is seen, so the centre stays.
    expect(out[1]?.[1]?.centerM.x).toBeCloseTo(0, 9);
    expect(out[2]?.[0]?.size.lengthM).toBeCloseTo(4.5, 9);
  });
});
