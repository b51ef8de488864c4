import { describe, expect, it } from "vitest";
import { yawErrorModPiRad } from "../fit/angles";
import { detectObjects } from "./detectObjects";
import { boxSurfacePoints, carSurfacePoints, groundPoints, type SyntheticGround } from "./syntheticScene";
import { must } from "../model/must";

const frame = (pts: number[]) => ({ positions: new Float32Array(pts), originM: { x: 0, y: 0, z: 0 } });

describe("detectObjects on synthetic clouds", () => {
  // A sensor 2.4 m above a road rising 6 % along x and falling 3 % along y: nothing may assume z = 0.
  const slope: SyntheticGround = { z0: -2.4, slopeX: 0.06, slopeY: -0.03 };

  it("finds one car with its size and heading on a sloped road under a high sensor", () => {
    const car = { x: 12, y: 5, yawRad: 0.5, lengthM: 4.5, widthM: 1.85, heightM: 1.5 };
    const dets = detectObjects(frame([...groundPoints(slope, 40), ...boxSurfacePoints(slope, car)]));
    expect(dets).toHaveLength(1);
    const d = must(dets[0], "dets[0]");
    expect(d.className).toBe("Car");
    expect(Math.hypot(d.centerM.x - car.x, d.centerM.y - car.y)).toBeLessThan(0.2);
    expect(yawErrorModPiRad(d.yawRad, car.yawRad)).toBeLessThan((3 * Math.PI) / 180);
    expect(d.size.lengthM).toBeGreaterThan(4.3);
    expect(d.size.lengthM).toBeLessThan(4.8);
    expect(d.size.widthM).toBeGreaterThan(1.7);
    expect(d.size.widthM).toBeLessThan(2.1);
    expect(d.score).toBeGreaterThan(0.5);
  });

  it("removes the ground of a flat road seen from a low sensor, leaving nothing", () => {
    expect(detectObjects(frame(groundPoints({ z0: -0.5, slopeX: 0, slopeY: 0 }, 40)))).toHaveLength(0);
  });

  it("calls a person-sized column a pedestrian and rejects a pole, a wall and a low kerb stone", () => {
    const person = boxSurfacePoints(
      slope,
      { x: 8, y: -3, yawRad: 0, lengthM: 0.5, widthM: 0.4, heightM: 1.75, clearanceM: 0 },
      0.05,
    );
    const pole = boxSurfacePoints(
      slope,
      { x: 6, y: 6, yawRad: 0, lengthM: 0.2, widthM: 0.2, heightM: 6 },
      0.05,
    );
    const wall = boxSurfacePoints(
      slope,
      { x: -15, y: 0, yawRad: 1.2, lengthM: 20, widthM: 0.3, heightM: 2 },
      0.1,
    );
    const kerb = boxSurfacePoints(
      slope,
      { x: 0, y: -10, yawRad: 0, lengthM: 3, widthM: 0.4, heightM: 0.5, clearanceM: 0 },
      0.05,
    );
    const dets = detectObjects(frame([...groundPoints(slope, 40), ...person, ...pole, ...wall, ...kerb]));
    expect(dets.map((d) => d.className)).toEqual(["Pedestrian"]);
    expect(
      Math.hypot(must(dets[0], "dets[0]").centerM.x - 8, must(dets[0], "dets[0]").centerM.y + 3),
    ).toBeLessThan(0.3);
  });

  it("scores a car-shaped blob under a canopy well below the same car in the open", () => {
    const flat: SyntheticGround = { z0: -1.8, slopeX: 0, slopeY: 0 };
    const car = { x: 12, y: 5, yawRad: 0.3, lengthM: 4.5, widthM: 1.85, heightM: 1.5 };
    // A tree crown or an awning: a 6 m × 4 m sheet 3.5 m above the road, over the whole car.
    const canopy = boxSurfacePoints(flat, { ...car, lengthM: 6, widthM: 4, heightM: 3.6, clearanceM: 3.5 });
    const open = detectObjects(frame([...groundPoints(flat, 40), ...boxSurfacePoints(flat, car)]));
    const under = detectObjects(
      frame([...groundPoints(flat, 40), ...boxSurfacePoints(flat, car), ...canopy]),
    );
    expect(open).toHaveLength(1);
    expect(under).toHaveLength(1);
    expect(must(open[0], "open[0]").shape.overheadShare).toBe(0);
    expect(must(under[0], "under[0]").shape.overheadShare).toBeGreaterThan(0.9);
    expect(must(under[0], "under[0]").score).toBeLessThan(0.5 * must(open[0], "open[0]").score);
  });

  it("scores a thin post and a flat panel of a person's height well below a person", () => {
    const flat: SyntheticGround = { z0: -1.8, slopeX: 0, slopeY: 0 };
    const at = (x: number, lengthM: number, widthM: number) =>
      detectObjects(
        frame([
          ...groundPoints(flat, 30),
          ...boxSurfacePoints(
            flat,
            { x, y: 4, yawRad: 0, lengthM, widthM, heightM: 1.7, clearanceM: 0 },
            0.05,
          ),
        ]),
      );
    const [person] = at(9, 0.5, 0.35);
    const [post] = at(9, 0.12, 0.1);
    const [panel] = at(9, 1.2, 0.2);
    expect(person?.className).toBe("Pedestrian");
    for (const other of [post, panel]) {
      expect(other?.className).toBe("Pedestrian");
      expect(must(other, "other").score).toBeLessThan(0.5 * must(person, "person").score);
    }
  });

  it("keeps two cars parked nose to tail 0.6 m apart as two boxes", () => {
    const flat: SyntheticGround = { z0: -1.8, slopeX: 0, slopeY: 0 };
    const a = { x: 8, y: 4, yawRad: 0, lengthM: 4.5, widthM: 1.8, heightM: 1.5 };
    const b = { ...a, x: 8 + 4.5 + 0.6 };
    const dets = detectObjects(
      frame([...groundPoints(flat, 40), ...boxSurfacePoints(flat, a), ...boxSurfacePoints(flat, b)]),
    );
    expect(dets.filter((d) => d.className === "Car")).toHaveLength(2);
  });

  it("splits two low cars nose to tail 0.3 m apart at 25 m, where the grid bridges the gap", () => {
    const flat: SyntheticGround = { z0: -1.8, slopeX: 0, slopeY: 0 };
    const a = { x: 20, y: 14, yawRad: 0, lengthM: 4.5, widthM: 1.8, heightM: 1.5 };
    const b = { ...a, x: 20 + 4.5 + 0.3 };
    const dets = detectObjects(
      frame([...groundPoints(flat, 40), ...boxSurfacePoints(flat, a), ...boxSurfacePoints(flat, b)]),
    );
    expect(dets.map((d) => d.className)).toEqual(["Car", "Car"]);
    for (const d of dets) expect(d.size.lengthM).toBeLessThan(5);
  });

  it("finds each of three cars parked side by side behind a low wall along their fronts", () => {
    // Argoverse: a 0.5-0.9 m wall 0.3 m before a row of cars parked square to the kerb chained
    // them and a van into one 15 m blob that no box came from, in 10 of 50 frames.
    const flat: SyntheticGround = { z0: -1.8, slopeX: 0, slopeY: 0 };
    const cars = [-6, -3.3, -0.6].map((x) => ({
      x,
      y: -10.2,
      yawRad: Math.PI / 2,
      lengthM: 4.5,
      widthM: 1.8,
      heightM: 1.5,
    }));
    const wall = { x: -3, y: -7.65, yawRad: 0, lengthM: 14, widthM: 0.2, heightM: 0.75, clearanceM: 0.3 };
    const dets = detectObjects(
      frame([
        ...groundPoints(flat, 40),
        ...cars.flatMap((c) => carSurfacePoints(flat, c)),
        ...boxSurfacePoints(flat, wall),
      ]),
    );
    for (const car of cars) {
      const found = dets.filter((d) => Math.hypot(d.centerM.x - car.x, d.centerM.y - car.y) < 0.5);
      expect(found.map((d) => d.className)).toEqual(["Car"]);
      const d = must(found[0], "found[0]");
      expect(yawErrorModPiRad(d.yawRad, car.yawRad)).toBeLessThan((5 * Math.PI) / 180);
      expect(d.score).toBeGreaterThan(0.5);
    }
  });

  it("takes a car's top from its roof, not from one stray point above it", () => {
    const flat: SyntheticGround = { z0: -1.8, slopeX: 0, slopeY: 0 };
    const car = { x: 12, y: 5, yawRad: 0.3, lengthM: 4.5, widthM: 1.85, heightM: 1.5 };
    // A leaf hanging onto the roof, or an antenna tip: one return 2.4 m above the road.
    const stray = [car.x, car.y, -1.8 + 2.4];
    const [d, ...rest] = detectObjects(
      frame([...groundPoints(flat, 40), ...boxSurfacePoints(flat, car), ...stray]),
    );
    expect(rest).toHaveLength(0);
    expect(d?.className).toBe("Car");
    expect(must(d, "d").shape.heightM).toBeLessThan(1.6);
  });

  it("finds a car whose lower half hides behind a nearer car, not the same roof in the open", () => {
    const flat: SyntheticGround = { z0: -1.8, slopeX: 0, slopeY: 0 };
    const front = { x: 10, y: 0, yawRad: Math.PI / 2, lengthM: 4.5, widthM: 1.8, heightM: 1.4 };
    const behind = { x: 17, y: 0.5, yawRad: Math.PI / 2, lengthM: 4.5, widthM: 1.8, heightM: 1.6 };
    // What the lidar sees of the far car: its side over the near car's roof line, and its roof.
    const roofAndWindows = boxSurfacePoints(flat, behind);
    const upper: number[] = [];
    for (let i = 0; i < roofAndWindows.length; i += 3)
      if (must(roofAndWindows[i + 2], "z") > -1.8 + 1.1)
        upper.push(
          must(roofAndWindows[i], "x"),
          must(roofAndWindows[i + 1], "y"),
          must(roofAndWindows[i + 2], "z"),
        );
    const near = (dets: ReturnType<typeof detectObjects>) =>
      dets.filter((d) => Math.hypot(d.centerM.x - behind.x, d.centerM.y - behind.y) < 1.5);
    const hidden = detectObjects(
      frame([...groundPoints(flat, 40), ...boxSurfacePoints(flat, front), ...upper]),
    );
    expect(near(hidden).map((d) => d.className)).toEqual(["Car"]);
    expect(must(near(hidden)[0], "hidden car").shape.lowOccludedShare).toBeGreaterThan(0.5);
    // The same points with nothing in front: a crown or an awning, not a car.
    expect(near(detectObjects(frame([...groundPoints(flat, 40), ...upper])))).toHaveLength(0);
  });

  it("reports boxes in lidar coordinates when the cloud is stored relative to an origin", () => {
    const car = { x: 12, y: 5, yawRad: 0.5, lengthM: 4.5, widthM: 1.85, heightM: 1.5 };
    const pts = [...groundPoints(slope, 40), ...boxSurfacePoints(slope, car)];
    const originM = { x: 100, y: -50, z: 3 };
    const local = new Float32Array(pts.length);
    for (let i = 0; i < pts.length; i += 3) {
      local[i] = must(pts[i], "pts[i]") - originM.x;
      local[i + 1] = must(pts[i + 1], "pts[i + 1]") - originM.y;
      local[i + 2] = must(pts[i + 2], "pts[i + 2]") - originM.z;
    }
    const [d] = detectObjects({ positions: local, originM });
    expect(Math.hypot(must(d, "d").centerM.x - car.x, must(d, "d").centerM.y - car.y)).toBeLessThan(0.2);
  });
});
