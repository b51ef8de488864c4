import { describe, expect, it } from "vitest";
import { yawErrorModPiRad } from "../fit/angles";
import { must } from "../model/must";
import { fitStaticTrack } from "./fitStaticTrack";
import { PARKED_CAR, parkedCarView as view } from "./test/parkedCarView";

const CAR = PARKED_CAR;
const WINDOW = (20 * Math.PI) / 180;

describe("fitStaticTrack", () => {
  it("boxes a parked car once from the faces all its frames saw", () => {
    // Driving past a car parked at (20, 6): its rear from 0 m, its side, its front from 30 m. No
    // frame alone shows its length and its width at once.
    const views = [0, 6, 12, 18, 24, 30].map((x, k) => view(x, 0.05 * k, 20, 6));
    const box = fitStaticTrack(views, CAR, null, WINDOW);
    expect(box).not.toBeNull();
    expect(Math.hypot((box?.centerM.x ?? 0) - 20, (box?.centerM.y ?? 0) - 6)).toBeLessThan(0.1);
    expect(yawErrorModPiRad(box?.yawRad ?? 1, 0)).toBeLessThan(0.02);
    expect(box?.size).toEqual(CAR);
  });

  it("gives no box for a car that moved while tracked", () => {
    // The car drives 1.5 m a frame: its gathered points are a 12 m smear, no parked car.
    const views = [0, 1, 2, 3, 4, 5].map((k) => view(6 * k, 0, 20 + 1.5 * k, 6));
    expect(fitStaticTrack(views, CAR, null, WINDOW)).toBeNull();
  });

  it("leaves out a frame whose blob took in a neighbour", () => {
    // A second car parked 1.5 m further along joined the blob of the third frame only.
    const views = [0, 6, 12, 18, 24, 30].map((x) => view(x, 0, 20, 6));
    const host = must(views[2], "views[2]");
    const joined = view(12, 0, 21.5, 6).points;
    views[2] = { ...host, points: Float32Array.from([...host.points, ...joined]) };
    const box = fitStaticTrack(views, CAR, null, WINDOW);
    expect(Math.hypot((box?.centerM.x ?? 0) - 20, (box?.centerM.y ?? 0) - 6)).toBeLessThan(0.1);
  });

  it("gives no box when every frame's blob took in a neighbour", () => {
    const views = [0, 6, 12, 18, 24, 30].map((x) => {
      const v = view(x, 0, 20, 6);
      return { ...v, points: Float32Array.from([...v.points, ...view(x, 0, 21.5, 6).points]) };
    });
    expect(fitStaticTrack(views, CAR, null, WINDOW)).toBeNull();
  });

  it("gives no box when the frames together saw less than the car's length", () => {
    // A car ahead in the ego's lane: only its rear is ever seen, which says nothing of its length.
    const views = [0, 2, 4].map((x) => view(x, 0, 20, 0));
    expect(views.every((v) => v.points.length > 0)).toBe(true);
    expect(fitStaticTrack(views, CAR, 0, WINDOW)).toBeNull();
  });
});
