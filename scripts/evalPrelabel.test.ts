import { expect, it } from "vitest";
import { DEFAULT_MIN_SCORE } from "../core/prelabel/prelabelSequence";
import { evaluatePrelabel, type PrelabelFigures } from "./lib/evaluatePrelabel";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { loadScene } from "./lib/loadScene";
import { runPrelabel } from "./lib/runPrelabel";
import { describeRealData, realDataPath } from "./testing/realData";

const figuresOf = (relative: string): PrelabelFigures => {
  const rt = createSceneRuntime(loadScene(realDataPath(relative)));
  const r = runPrelabel(rt);
  return evaluatePrelabel(
    rt,
    r.boxes.filter((b) => b.score >= DEFAULT_MIN_SCORE),
  );
};

/**
 * The figures `npm run -s eval:prelabel` measured when the pre-labeler was tuned (see its commit),
 * less a margin of 2–3 points: a change that loses more than that on any scene fails here.
 * Issue #14's targets are higher; these pin what is reached, so it only goes up.
 */
describeRealData("eval:prelabel on real data", () => {
  it("Argoverse (50 frames, ego poses): vehicle recall, precision and track consistency hold", () => {
    const f = figuresOf("argoverse1-tracking/app/test_dataset/0_drive_0064_sync/sample/argoverse");
    expect(f.vehicles).toBe(1075);
    expect(f.vehicleRecall05).toBeGreaterThanOrEqual(0.75); // measured 78.0 %
    expect(f.vehicleRecall07).toBeGreaterThanOrEqual(0.61); // measured 64.1 %
    expect(f.precision05).toBeGreaterThanOrEqual(0.3); // measured 32.8 %
    expect(f.vehiclePrecision05).toBeGreaterThanOrEqual(0.38); // measured 41.4 %
    expect(f.trackConsistency).toBeGreaterThanOrEqual(0.91); // measured 93.7 %
  });

  it("SUSTechPOINTS (4 frames, no poses): vehicles, pedestrians and tracks without ego poses", () => {
    const f = figuresOf("sustechpoints/data/example");
    expect(f.vehicles).toBe(40);
    expect(f.vehicleRecall05).toBeGreaterThanOrEqual(0.85); // measured 87.5 %
    expect(f.vehicleRecall07).toBeGreaterThanOrEqual(0.7); // measured 72.5 %
    expect(f.precision05).toBeGreaterThanOrEqual(0.18); // measured 20.7 %
    expect(f.pedestrians).toBe(21);
    expect(f.pedestrianRecall03).toBeGreaterThanOrEqual(0.38); // measured 42.9 %
    expect(f.trackConsistency).toBeGreaterThanOrEqual(0.85); // measured 88.6 %
  });

  it("KITTI object (3 unrelated frames): the labelled car and pedestrian are found", () => {
    const f = figuresOf("kitti_object_vis/data/object/training");
    expect(f.vehicles).toBe(2);
    expect(f.vehicleRecall05).toBeGreaterThanOrEqual(0.5); // measured 50 %
    expect(f.pedestrianRecall03).toBe(1); // measured 100 % (1 of 1)
    expect(f.trackConsistency).toBeNull();
  });
});
