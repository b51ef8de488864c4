import { expect, it } from "vitest";
import { must } from "../core/model/must";
import { median } from "../core/qa/median";
import { evaluateQa } from "./lib/evaluateQa";
import { loadScene } from "./lib/loadScene";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { QA_TARGET_CATCH, QA_TARGET_FALSE } from "./lib/summarizeSeeds";
import { describeRealData, realDataPath } from "./testing/realData";

/** The seeded evaluation of one scene over several seeds (npm run -s eval:qa -- --seeds shows them all). */
const evaluate = (dir: string, seeds: number[], trials: number) => {
  const rt = createSceneRuntime(loadScene(dir));
  return seeds.map((seed) => evaluateQa(rt, { seed, trials }));
};
const rates = (runs: ReturnType<typeof evaluate>) => ({
  catch: runs.map((e) => e.catchRate),
  false: runs.map((e) => e.falseFlagRate),
});

describeRealData("QA checks on seeded reviewer findings", () => {
  it("Argoverse 1 (50 sweeps, 10 Hz, ego poses), seeds 1-3: catch ≥ 95%, false flags ≤ 5% of correct boxes", () => {
    const runs = evaluate(
      realDataPath("argoverse1-tracking/app/test_dataset/0_drive_0064_sync/sample/argoverse"),
      [1, 2, 3],
      1,
    );
    const r = rates(runs);
    for (const c of r.catch) expect(c).toBeGreaterThanOrEqual(QA_TARGET_CATCH);
    for (const f of r.false) expect(f).toBeLessThanOrEqual(QA_TARGET_FALSE);
    expect(must(runs[0], "the first seed's run").clean.rate).toBeLessThanOrEqual(QA_TARGET_FALSE);
  }, 300_000); // three runs over 3,188 boxes and their sweeps: ~30 s on an idle core

  it("SUSTechPOINTS example (4 keyframes 0.5–1.5 s apart, poses estimated), seeds 1-5: catch ≥ 95%, false flags ≤ 5%", () => {
    // 135 seeded errors and ~82 correct boxes a run: one box is 1.2 points of the false-flag rate.
    // 3 of the 87 real boxes are inconsistent within their own tracks (a bus 24% wider in one
    // frame, a walker turned 165°, a 2-box rider 19° apart) and are flagged in every run: 3.4%
    // before anything is seeded. Seeds 1-10 measured 95.6-99.3% caught (median 98.5%) and
    // 3.7-4.1% false flags; seed 4 is the lowest (6 misses: two far-car jumps, three walkers and
    // riders turned 22-32° in tracks that wobble ±15°, a flip seeded onto the walker already flipped).
    const r = rates(evaluate(realDataPath("sustechpoints/data/example"), [1, 2, 3, 4, 5], 3));
    expect(median(r.catch)).toBeGreaterThanOrEqual(0.97);
    for (const c of r.catch) expect(c).toBeGreaterThanOrEqual(QA_TARGET_CATCH);
    for (const f of r.false) expect(f).toBeLessThanOrEqual(0.045);
  }, 300_000);
});

it("the synthetic sample, seeds 1-3: catch ≥ 95%, false flags ≤ 5% of correct boxes", () => {
  const r = rates(evaluate("sample-data/default", [1, 2, 3], 1));
  for (const c of r.catch) expect(c).toBeGreaterThanOrEqual(QA_TARGET_CATCH);
  for (const f of r.false) expect(f).toBeLessThanOrEqual(QA_TARGET_FALSE);
});
