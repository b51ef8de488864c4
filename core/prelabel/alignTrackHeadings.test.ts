import { describe, expect, it } from "vitest";
import type { Pose3 } from "../geometry/pose";
import { quatFromYaw } from "../geometry/quat";
import { alignTrackHeadings } from "./alignTrackHeadings";
import { trackedBox as box } from "./test/trackedBox";

const deg = (r: number) => Math.round((((r * 180) / Math.PI) % 360) + 360) % 360;

describe("alignTrackHeadings", () => {
  it("gives a parked car's boxes the sense of its best-seen box, a flipped one turned back", () => {
    // Fitted 5°, 185°, 7°, 4°: the second box's front and back were swapped (QA: "heading flip").
    const frames = [5, 185, 7, 4].map((d, k) => [box(1, 10, 5 + k * 0.1, (d * Math.PI) / 180, 4.4)]);
    const third = frames[2]?.[0];
    if (third) third.pointCount = 400; // seen best: its sense wins
    const second = frames[1]?.[0];
    if (second) second.pointCount = 300;
    alignTrackHeadings(frames);
    expect(frames.map(([d]) => deg(d?.yawRad ?? Number.NaN))).toEqual([5, 5, 7, 4]);
    // Without poses, sensor-frame travel is the ego's: a track "moving" 9 m keeps its best box's sense.
    const drifting = [185, 5, 3].map((d, k) => [box(2, 20 - 4.5 * k, 5, (d * Math.PI) / 180, 4.4)]);
    const best = drifting[0]?.[0];
    if (best) best.pointCount = 500;
    alignTrackHeadings(drifting);
    expect(drifting.map(([d]) => deg(d?.yawRad ?? Number.NaN))).toEqual([185, 185, 183]);
  });

  it("faces a moving track its way of travel, through a turn, in the world frame", () => {
    // A car driving along world −x and turning 10° a frame, every box fitted facing backwards; the
    // ego turns 0.2 rad a frame, so the sensor-frame headings alone would not tell the turn.
    const poses: Pose3[] = [0, 1, 2, 3, 4].map((k) => ({
      translationM: { x: 0, y: 0, z: 0 },
      rotation: quatFromYaw(0.2 * k),
    }));
    const frames = [0, 1, 2, 3, 4].map((k) => {
      const worldX = 20 - 2 * k;
      const worldYaw = (10 * k * Math.PI) / 180; // the fitted (backwards) sense: the car faces yaw + π
      const egoYaw = 0.2 * k;
      const c = Math.cos(-egoYaw);
      const s = Math.sin(-egoYaw);
      return [box(3, c * worldX - s * 5, s * worldX + c * 5, worldYaw - egoYaw, 4.4)];
    });
    alignTrackHeadings(frames, poses);
    const world = frames.map(([d], k) => deg((d?.yawRad ?? Number.NaN) + 0.2 * k));
    expect(world).toEqual([180, 190, 200, 210, 220]);
  });
});
