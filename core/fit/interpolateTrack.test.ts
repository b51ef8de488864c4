import { describe, expect, it } from "vitest";
import { invertPose, type Pose3, transformPoint } from "../geometry/pose";
import { quatFromYaw } from "../geometry/quat";
import { wrapAngleRad } from "./angles";
import { interpolateTrack, type KeyframeBox, type TimedFrame } from "./interpolateTrack";
import { must } from "../model/must";

const size = { lengthM: 4.5, widthM: 1.8, heightM: 1.5 };
// The ego drives along a curve; frames at 10 Hz.
const frames: TimedFrame[] = Array.from({ length: 21 }, (_, k) => ({
  frameIndex: k,
  timestampS: k * 0.1,
  worldFromLidar: {
    translationM: { x: 6 * k * 0.1, y: 0.02 * k * k, z: 0 },
    rotation: quatFromYaw(0.03 * k),
  } as Pose3,
}));
const yawOfFrame = (k: number) => 0.03 * k;
/** A box given in world coordinates, expressed in frame k's lidar coordinates. */
const boxAt = (k: number, world: { x: number; y: number; z: number }, worldYaw: number): KeyframeBox => ({
  frameIndex: k,
  centerM: transformPoint(invertPose(must(frames[k], `frame ${k}`).worldFromLidar), world),
  size,
  yawRad: worldYaw - yawOfFrame(k),
});

describe("interpolateTrack", () => {
  it("reproduces constant-velocity motion exactly in world coordinates, whatever the ego does", () => {
    const world = (t: number) => ({ x: 10 + 4 * t, y: -3 + 1 * t, z: 0.2 });
    const keys = [0, 5, 10, 20].map((k) => boxAt(k, world(k * 0.1), 0.25));
    const out = interpolateTrack(keys, frames);
    expect(out.map((b) => b.frameIndex)).toEqual([
      1,
      2,
      3,
      4,
      6,
      7,
      8,
      9,
      ...Array.from({ length: 9 }, (_, i) => 11 + i),
    ]);
    for (const b of out) {
      const expected = boxAt(b.frameIndex, world(b.frameIndex * 0.1), 0.25);
      expect(b.provenance).toBe("interpolated");
      expect(b.centerM.x).toBeCloseTo(expected.centerM.x, 9);
      expect(b.centerM.y).toBeCloseTo(expected.centerM.y, 9);
      expect(wrapAngleRad(b.yawRad - expected.yawRad)).toBeCloseTo(0, 9);
    }
  });

  it("follows a turn more closely than straight lines between keys, and turns yaw the short way across ±π", () => {
    // A circle of radius 20 m at 0.5 rad/s; heading tangent; keys 0.5 s apart.
    const world = (t: number) => ({ x: 20 * Math.sin(0.5 * t), y: 20 - 20 * Math.cos(0.5 * t), z: 0 });
    const heading = (t: number) => Math.PI - 0.3 + 0.5 * t; // crosses π between keys
    const keys = [0, 5, 10, 15, 20].map((k) => boxAt(k, world(k * 0.1), heading(k * 0.1)));
    // A straight chord between keys 0.25 rad of arc apart misses the arc by up to r·(1 − cos(0.125)).
    const chordSagittaM = 20 * (1 - Math.cos(0.125));
    let maxErrM = 0;
    for (const b of interpolateTrack(keys, frames)) {
      const t = b.frameIndex * 0.1;
      const expected = boxAt(b.frameIndex, world(t), heading(t));
      const err = Math.hypot(b.centerM.x - expected.centerM.x, b.centerM.y - expected.centerM.y);
      maxErrM = Math.max(maxErrM, err);
      expect(Math.abs(wrapAngleRad(b.yawRad - expected.yawRad))).toBeLessThan(1e-6);
    }
    expect(maxErrM).toBeLessThan(0.6 * chordSagittaM);
  });

  it("needs two keys and rejects a key on an unknown frame", () => {
    expect(interpolateTrack([boxAt(3, { x: 0, y: 0, z: 0 }, 0)], frames)).toEqual([]);
    expect(() =>
      interpolateTrack(
        [{ ...boxAt(3, { x: 0, y: 0, z: 0 }, 0), frameIndex: 99 }, boxAt(4, { x: 0, y: 0, z: 0 }, 0)],
        frames,
      ),
    ).toThrow(/frame 99/);
  });

  it("works in lidar coordinates for a track whose own keys show the poses are wrong", () => {
    // Estimated poses that jumped 1.2 m sideways on frames 5 and 15; a car following the ego at a
    // constant 8 m ahead, as labelled, stands still in lidar coordinates.
    const wrong: TimedFrame[] = frames.map((f) =>
      f.frameIndex % 10 === 5
        ? {
            ...f,
            worldFromLidar: {
              ...f.worldFromLidar,
              translationM: { ...f.worldFromLidar.translationM, y: f.worldFromLidar.translationM.y + 1.2 },
            },
          }
        : f,
    );
    const ahead = { x: 8, y: 0, z: 0.2 };
    const keys = [0, 5, 10, 15, 20].map((k) => ({ frameIndex: k, centerM: ahead, size, yawRad: 0 }));
    const out = interpolateTrack(keys, wrong);
    expect(out).toHaveLength(16);
    for (const b of out) {
      expect(Math.hypot(b.centerM.x - ahead.x, b.centerM.y - ahead.y)).toBeLessThan(1e-6);
      expect(Math.abs(b.yawRad)).toBeLessThan(1e-9);
    }
  });

  it("keeps world coordinates when the keys agree with the poses, however the ego turns", () => {
    // A parked car seen from the curving ego: in lidar coordinates it sweeps by, in world it stands.
    const parked = { x: 20, y: 4, z: 0.2 };
    const keys = [0, 5, 10, 15, 20].map((k) => boxAt(k, parked, 1.1));
    for (const b of interpolateTrack(keys, frames)) {
      const truth = boxAt(b.frameIndex, parked, 1.1);
      expect(Math.hypot(b.centerM.x - truth.centerM.x, b.centerM.y - truth.centerM.y)).toBeLessThan(1e-6);
    }
  });
});
