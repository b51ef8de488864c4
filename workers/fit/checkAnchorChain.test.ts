import { describe, expect, it } from "vitest";
import { yawOfPose } from "../../core/fit/yawOfPose";
import { composePoses, invertPose } from "../../core/geometry/pose";
import { must } from "../../core/model/must";
import { loadScene } from "../../scripts/lib/loadScene";
import { createSceneRuntime } from "../../scripts/lib/SceneRuntime";
import { type AnchorRegistration, checkAnchorChain, composeMotions, splitMotion } from "./checkAnchorChain";
import { checkEgoMotionChain } from "./checkEgoMotionChain";
import type { PlanarMotion } from "./estimateEgoMotion";
import { estimateEgoPoses } from "./estimateEgoPoses";

const motion = (xM: number, yM: number, yawRad: number, overlap = 0.2): PlanarMotion => ({
  xM,
  yM,
  yawRad,
  overlap,
});
/** An anchor registered both ways, the way back being the exact inverse unless `miss` is added. */
const anchor = (from: number, to: number, there: PlanarMotion, missM = 0): AnchorRegistration => {
  const c = Math.cos(there.yawRad);
  const s = Math.sin(there.yawRad);
  return {
    from,
    to,
    there,
    back: motion(
      -(c * there.xM + s * there.yM) + missM,
      s * there.xM - c * there.yM,
      -there.yawRad,
      there.overlap,
    ),
  };
};
const at10Hz = (k: number) => k * 0.1;

describe("splitMotion", () => {
  it("cuts a turning motion into equal steps that compose back to it, each the same", () => {
    const whole = motion(5, 0.4, 0.05);
    const steps = splitMotion(whole, [0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(steps).toHaveLength(5);
    const back = steps.reduce(composeMotions);
    expect(back.xM).toBeCloseTo(5, 9);
    expect(back.yM).toBeCloseTo(0.4, 9);
    expect(back.yawRad).toBeCloseTo(0.05, 9);
    for (const s of steps) {
      expect(s.xM).toBeCloseTo(must(steps[0], "step").xM, 9);
      expect(s.yM).toBeCloseTo(must(steps[0], "step").yM, 9);
      expect(s.yawRad).toBeCloseTo(0.01, 9);
    }
  });

  it("splits by time: a step twice as long moves twice as far (straight)", () => {
    const steps = splitMotion(motion(3, 0, 0), [0, 1 / 3, 1]);
    expect(steps[0]?.xM).toBeCloseTo(1, 9);
    expect(steps[1]?.xM).toBeCloseTo(2, 9);
  });
});

describe("checkAnchorChain", () => {
  it("accepts anchors that close both ways at a steady speed and splits them over every frame", () => {
    const check = checkAnchorChain(
      [
        anchor(0, 5, motion(5, 0, 0.02)),
        anchor(5, 10, motion(5.1, 0, 0.02)),
        anchor(10, 12, motion(2, 0, 0)),
      ],
      at10Hz,
      13,
    );
    expect(check.reason).toBeNull();
    expect(check.consistent).toBe(true);
    expect(check.motions).toHaveLength(12);
    expect(check.motions[7]?.xM).toBeCloseTo(1.02, 2);
  });

  it("refuses an anchor whose way back misses, one that matches too little, and a speed jump", () => {
    expect(
      checkAnchorChain([anchor(0, 5, motion(5, 0, 0)), anchor(5, 10, motion(5, 0, 0), 0.5)], at10Hz, 11)
        .reason,
    ).toMatch(/anchor frames 5 → 10: there and back misses by 0\.50 m/);
    expect(checkAnchorChain([anchor(0, 5, motion(5, 0, 0, 0.05))], at10Hz, 6).reason).toMatch(
      /anchor frames 0 → 5: structure overlap 0\.05/,
    );
    expect(
      checkAnchorChain([anchor(0, 5, motion(5, 0, 0)), anchor(5, 10, motion(0, 0, 0))], at10Hz, 11).reason,
    ).toMatch(/speed jumps from 10\.0 to 0\.0 m\/s/);
  });

  it("covers a failed anchor by its own steps where each closed and matched enough, and refuses steps locked at rest", () => {
    // 15 Hz at 25 m/s: the anchor 5 → 10 came back 0.7° off, its steps (1.67 m each) closed.
    const step = motion(25 / 15, 0, 0);
    const stepMotions = Array.from({ length: 10 }, () => step);
    const closed = stepMotions.map(() => ({ overlap: 0.28, closes: true }));
    const at15Hz = (k: number) => k / 15;
    const failed = { ...anchor(5, 10, motion(25 / 3, 0, 0)), back: motion(-25 / 3, 0, 0.012) };
    const anchors = [anchor(0, 5, motion(25 / 3, 0, 0)), failed];
    const check = checkAnchorChain(anchors, at15Hz, 11, {}, { motions: stepMotions, steps: closed });
    expect(check.reason).toBeNull();
    expect(check.motions.slice(5)).toEqual(stepMotions.slice(5));
    // Without the steps' word, the anchor's miss refuses the chain…
    expect(checkAnchorChain(anchors, at15Hz, 11).reason).toMatch(
      /anchor frames 5 → 10: there and back misses/,
    );
    // …and steps that all closed at rest (a sparse lidar's pattern matching itself) jump in speed.
    const atRest = [...stepMotions.slice(0, 5), ...stepMotions.slice(5).map(() => motion(0, 0, 0))];
    expect(checkAnchorChain(anchors, at15Hz, 11, {}, { motions: atRest, steps: closed }).reason).toMatch(
      /anchor frames 5 → 10: speed jumps from 25\.0 to 0\.0 m\/s/,
    );
  });

  it("refuses anchors that leave frames uncovered", () => {
    expect(checkAnchorChain([anchor(0, 5, motion(5, 0, 0))], at10Hz, 11).consistent).toBe(false);
  });
});

describe("estimateEgoPoses where the frame-to-frame chain is refused", () => {
  // The committed synthetic sequence (32 beams at 0.72°, 10 m/s on a 200 m arc): between
  // neighbouring sweeps the structure cells match themselves at rest better than the world 1 m
  // on, so steps 0 → 1 and 1 → 2 answer ~0 m and the chain is refused; the anchors 5 frames apart
  // are right. Before the anchors were checked on their own, no poses came back here.
  it("takes the poses from the anchors on the synthetic 10 Hz street, within 0.1 m and 0.1°", () => {
    const recorded = createSceneRuntime(loadScene("sample-data/default"));
    const rt = createSceneRuntime(loadScene("sample-data/default", { withholdPoses: true }));
    const frames = Array.from({ length: 11 }, (_, k) => ({
      index: () => rt.index(k),
      timestampS: rt.timestampS(k),
    }));
    expect(checkEgoMotionChain(frames).consistent).toBe(false);
    const estimate = estimateEgoPoses(frames);
    expect(estimate.check.reason).toBeNull();
    const poses = must(estimate.poses, "poses");
    const truth = must(recorded.scenePoses(), "recorded poses");
    const r0 = invertPose(must(truth[0], "pose 0"));
    for (let k = 0; k < 11; k++) {
      const rec = composePoses(r0, must(truth[k], `pose ${k}`));
      const err = composePoses(invertPose(rec), must(poses[k], `estimated ${k}`));
      expect(Math.hypot(err.translationM.x, err.translationM.y), `frame ${k}`).toBeLessThan(0.1);
      expect(Math.abs((yawOfPose(err) * 180) / Math.PI), `frame ${k}`).toBeLessThan(0.1);
    }
  });
});
