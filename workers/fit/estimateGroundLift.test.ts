import { describe, expect, it } from "vitest";
import { composePoses, invertPose, type Pose3, transformPoint } from "../../core/geometry/pose";
import { quatFromEulerZYX } from "../../core/geometry/quat";
import { must } from "../../core/model/must";
import { chainEgoPoses } from "./chainEgoPoses";
import { estimateEgoMotion } from "./estimateEgoMotion";
import { estimateGroundLift } from "./estimateGroundLift";
import { buildFrameIndex, type FrameIndex } from "./FrameIndex";
import { synthesizeScan } from "./synthesizeScan";
import { STREET } from "./test/wallsAndPillars";

/** Walls and pillars on flat ground, world coordinates: both sweeps see the same street. */
const street = synthesizeScan({
  boxes: STREET.map(([x, y, l, w, yaw]) => ({
    centerM: { x, y, z: 0 },
    size: { lengthM: l, widthM: w, heightM: 3 },
    yawRad: yaw,
  })),
  extentM: 30,
  stepM: 0.05,
});

/** The street as seen from a lidar at `worldFromLidar`. */
function seenFrom(worldFromLidar: Pose3): FrameIndex {
  const lidarFromWorld = invertPose(worldFromLidar);
  const p = street.positions;
  const out = new Float32Array(p.length);
  for (let j = 0; j < p.length; j += 3) {
    const q = transformPoint(lidarFromWorld, { x: p[j] ?? 0, y: p[j + 1] ?? 0, z: p[j + 2] ?? 0 });
    out[j] = q.x;
    out[j + 1] = q.y;
    out[j + 2] = q.z;
  }
  return buildFrameIndex({ ...street, positions: out });
}

// The ego drives 1.1 m and nose-dives 0.46° braking (and rolls 0.29°): a BEV registration sees neither.
const worldFromB: Pose3 = {
  translationM: { x: 1.1, y: 0.05, z: 0.02 },
  rotation: quatFromEulerZYX(0, 0.008, -0.005),
};
const a = seenFrom({ translationM: { x: 0, y: 0, z: 0 }, rotation: quatFromEulerZYX(0, 0, 0) });
const b = seenFrom(worldFromB);

describe("estimateGroundLift", () => {
  it("measures the height and tilt of one sweep in another from the ground both see", () => {
    const lift = must(estimateGroundLift(a, b, { xM: 1.1, yM: 0.05, yawRad: 0 }), "the lift");
    expect(Math.abs(lift.pitchRad - 0.008)).toBeLessThan(0.0005);
    expect(Math.abs(lift.rollRad + 0.005)).toBeLessThan(0.0005);
    expect(Math.abs(lift.zM - 0.02)).toBeLessThan(0.01);
  });

  it("puts a box 30 m ahead at its height in the next frame of an estimated chain", () => {
    const m = estimateEgoMotion(a, b, { maxTranslationM: 3 });
    const poses = chainEgoPoses((k) => must([a, b][k], "frame"), [m], { anchorEvery: 1 });
    // A car's centre 30 m ahead of the first lidar, 0.8 m above the ground (z = −0.9).
    const car = { x: 30, y: 2, z: -0.9 };
    const bFromA = composePoses(invertPose(must(poses[1], "pose")), must(poses[0], "pose"));
    const truth = transformPoint(invertPose(worldFromB), car);
    // Level poses (the BEV motion alone) put it 0.24 m off in height: half its object band.
    const estimated = transformPoint(bFromA, car);
    expect(Math.abs(estimated.z - truth.z)).toBeLessThan(0.03);
    expect(Math.hypot(estimated.x - truth.x, estimated.y - truth.y)).toBeLessThan(0.05);
  });

  it("leaves a sweep level where too little ground is seen", () => {
    const noGround = buildFrameIndex({
      ...street,
      positions: new Float32Array([0, 0, 0, 1, 1, 1]),
      pointCount: 2,
    });
    expect(estimateGroundLift(a, noGround, { xM: 0, yM: 0, yawRad: 0 })).toBeNull();
  });
});
