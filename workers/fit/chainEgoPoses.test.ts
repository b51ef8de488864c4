import { describe, expect, it } from "vitest";
import { yawOfPose } from "../../core/fit/yawOfPose";
import { composePoses, invertPose, transformPoint } from "../../core/geometry/pose";
import { must } from "../../core/model/must";
import { chainEgoPoses, chainEgoPosesWith } from "./chainEgoPoses";
import { wallsAndPillars } from "./test/wallsAndPillars";

/** Walls and pillars seen from an ego at (egoXM, 0), heading along x. */
const world = (egoXM: number) => wallsAndPillars(egoXM, 0, { more: [[10, 12, 8, 0.4, -0.3]] });

describe("chainEgoPoses", () => {
  it("bounds the drift of biased steps by registering anchors directly, without jumps", () => {
    // The ego drives 0.6 m per frame straight ahead; every step estimate is biased by 3 cm and 0.2°.
    const frames = Array.from({ length: 11 }, (_, k) => world(0.6 * k));
    const biased = Array.from({ length: 10 }, () => ({ xM: 0.63, yM: 0, yawRad: 0.0035, overlap: 1 }));
    const poses = chainEgoPoses((k) => must(frames[k], "frame"), biased, {
      maxTranslationM: 5,
      maxDisagreementM: 0.5,
    });
    const plain = biased.reduce((x) => x + 0.63, 0);
    expect(Math.abs(plain - 6)).toBeGreaterThan(0.25);
    const last = must(poses[10], "poses[10]");
    expect(Math.abs(last.translationM.x - 6)).toBeLessThan(0.05);
    expect(Math.abs(last.translationM.y)).toBeLessThan(0.05);
    expect(Math.abs(yawOfPose(last))).toBeLessThan(0.003);
    for (let k = 1; k < poses.length; k++) {
      const step = composePoses(invertPose(must(poses[k - 1], "before")), must(poses[k], "pose"));
      expect(Math.abs(step.translationM.x - 0.6)).toBeLessThan(0.05);
    }
  });

  it("keeps the chained steps where a direct registration disagrees with them", () => {
    // A check stricter than any registration can meet stands for a wrong direct step.
    const frames = Array.from({ length: 6 }, (_, k) => world(0.6 * k));
    const steps = Array.from({ length: 5 }, () => ({ xM: 0.6, yM: 0, yawRad: 0, overlap: 1 }));
    const poses = chainEgoPoses((k) => must(frames[k], "frame"), steps, {
      maxTranslationM: 5,
      maxDisagreementM: 0.01,
      maxDisagreementYawRad: 1e-6,
    });
    // A strict check refuses the (good) direct step unless it matches the chain to 1 cm: the chain stands.
    for (const [k, p] of poses.entries()) expect(Math.abs(p.translationM.x - 0.6 * k)).toBeLessThan(0.011);
  });

  it("keeps the chained height and tilt where a direct anchor step could not measure them", () => {
    // Five steps each pitching 0.1° and rising 1 cm; the direct anchor step agrees in BEV but saw too little ground.
    const lift = { zM: 0.01, pitchRad: 0.00175, rollRad: 0 };
    const steps = Array.from({ length: 5 }, () => ({ xM: 1, yM: 0, yawRad: 0, overlap: 1, lift }));
    const poses = chainEgoPosesWith(() => ({ xM: 5.02, yM: 0, yawRad: 0, overlap: 1 }), steps);
    const last = must(poses[5], "poses[5]");
    expect(last.translationM.x).toBeCloseTo(5.02, 2);
    // The rotation's pitch: the x axis dips by sin(5 × 0.00175).
    const dip = -transformPoint(
      { translationM: { x: 0, y: 0, z: 0 }, rotation: last.rotation },
      { x: 1, y: 0, z: 0 },
    ).z;
    expect(dip).toBeCloseTo(Math.sin(5 * 0.00175), 4);
    // Each step rises 1 cm along its own frame, pitched k × 0.1° down: 0.05 − (0 + 1 + 2 + 3 + 4) × 0.00175 m.
    expect(last.translationM.z).toBeCloseTo(0.05 - 10 * 0.00175, 3);
  });
});
