import { expect, it } from "vitest";
import { DEFAULT_MIN_SCORE } from "../core/prelabel/prelabelSequence";
import { type PrelabelFigures, sweepScores } from "./lib/evaluatePrelabel";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { loadScene } from "./lib/loadScene";
import { runPrelabel } from "./lib/runPrelabel";
import { describeRealData, realDataPath } from "./testing/realData";
import { must } from "../core/model/must";

/** The figures at the default score threshold and at 0.7 (what a reviewer's slider trades). */
const figuresOf = (relative: string): { f: PrelabelFigures; strict: PrelabelFigures } => {
  const rt = createSceneRuntime(loadScene(realDataPath(relative)));
  const [f, strict] = sweepScores(rt, runPrelabel(rt).boxes, [DEFAULT_MIN_SCORE, 0.7]).map((s) => s.figures);
  return { f: must(f, "f"), strict: must(strict, "strict") };
};

/**
 * The figures `npm run -s eval:prelabel` measured when the pre-labeler was tuned (see its commit),
 * less a margin of 2–3 points: a change that loses more than that on any scene fails here.
 * Issue #14's targets are higher; these pin what is reached, so it only goes up.
 */
describeRealData("eval:prelabel on real data", () => {
  // 50 sweeps of 90k points: ~7 s of one core idle, over a minute on a loaded 2-core machine.
  it("Argoverse (50 frames, ego poses): vehicle recall, precision and track consistency hold", {
    timeout: 300_000,
  }, () => {
    const { f, strict } = figuresOf(
      "argoverse1-tracking/app/test_dataset/0_drive_0064_sync/sample/argoverse",
    );
    expect(f.vehicles).toBe(1075);
    expect(f.vehicleRecall05).toBeGreaterThanOrEqual(0.74); // measured 75.8 % (83.2 % at 0.3)
    expect(f.vehicleRecall07).toBeGreaterThanOrEqual(0.66); // measured 67.8 %
    expect(f.precision05).toBeGreaterThanOrEqual(0.71); // measured 73.2 % (55.7 % before box evidence)
    expect(f.vehiclePrecision05).toBeGreaterThanOrEqual(0.71); // measured 73.5 %
    expect(f.trackConsistency).toBeGreaterThanOrEqual(0.93); // measured 95.9 %
    // Scores are calibrated: keeping only boxes scoring ≥ 0.7 buys precision (measured 82.1 %).
    expect(strict.precision05).toBeGreaterThanOrEqual(f.precision05 + 0.08);
  });

  it("SUSTechPOINTS (4 frames, no poses): vehicles, pedestrians and tracks without ego poses", () => {
    const { f, strict } = figuresOf("sustechpoints/data/example");
    expect(f.vehicles).toBe(40);
    expect(f.vehicleRecall05).toBeGreaterThanOrEqual(0.72); // measured 75.0 % (30 of 40)
    expect(f.vehicleRecall07).toBeGreaterThanOrEqual(0.7); // measured 72.5 % (29 of 40)
    // Short tracks lose score once the frames are linked: 30.8 % before, at 0.3.
    expect(f.precision05).toBeGreaterThanOrEqual(0.71); // measured 72.4 % (64.8 % before box evidence)
    expect(f.pedestrians).toBe(21);
    // Walkers called a car split, well-seen walkers' short tracks kept: 42.9 % (9 of 21) before.
    expect(f.pedestrianRecall03).toBeGreaterThanOrEqual(0.57); // measured 61.9 % (13 of 21)
    expect(f.trackConsistency).toBeGreaterThanOrEqual(0.95); // measured 100 % (30 boxes)
    expect(strict.precision05).toBeGreaterThanOrEqual(f.precision05 + 0.04); // measured 77.8 %
  });

  it("KITTI object (3 unrelated frames): the labelled car and pedestrian are found", () => {
    const { f } = figuresOf("kitti_object_vis/data/object/training");
    expect(f.vehicles).toBe(2);
    expect(f.vehicleRecall05).toBeGreaterThanOrEqual(0.5); // measured 50 %
    expect(f.pedestrianRecall03).toBe(1); // measured 100 % (1 of 1)
    expect(f.precision05).toBeGreaterThanOrEqual(0.66); // measured 66.7 % (2 of 3; 33.3 % before box evidence)
    expect(f.trackConsistency).toBeNull();
  });
});
