import { parseArgs } from "node:util";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { evaluatePrelabel, PRELABEL_TARGETS, sweepScores } from "./lib/evaluatePrelabel";
import { loadScene } from "./lib/loadScene";
import { runPrelabel } from "./lib/runPrelabel";
import { DEFAULT_MIN_SCORE } from "../core/prelabel/prelabelSequence";
import { REAL_DATA_DIR } from "./testing/realData";

/**
 * npm run -s eval:prelabel [-- --scene DIR ...]
 * Pre-labels each scene (default: the three labelled recordings in ../shared/data) and prints per
 * scene every figure of issue #14 beside its target, for the boxes `npm run prelabel` keeps
 * (score ≥ DEFAULT_MIN_SCORE); the last line is one JSON object.
 */
export const PRELABEL_EVAL_SCENES = [
  "argoverse1-tracking/app/test_dataset/0_drive_0064_sync/sample/argoverse",
  "sustechpoints/data/example",
  "kitti_object_vis/data/object/training",
];
const { values } = parseArgs({ options: { scene: { type: "string", multiple: true } } });
const dirs = values.scene ?? PRELABEL_EVAL_SCENES.map((s) => `${REAL_DATA_DIR}/${s}`);
const pct = (v: number | null) => (v === null || Number.isNaN(v) ? "-" : `${(100 * v).toFixed(1)}%`);
const results: Record<string, unknown> = {};
for (const dir of dirs) {
  const rt = createSceneRuntime(loadScene(dir));
  const r = runPrelabel(rt);
  const f = evaluatePrelabel(
    rt,
    r.boxes.filter((b) => b.score >= DEFAULT_MIN_SCORE),
  );
  const pointsPerFrame = rt.scene.frames.map((_, k) => rt.index(k).pointCount);
  // Detection of every frame plus tracking and refitting, spread over the frames (decoding excluded).
  const msPerFrame =
    (r.detectMsPerFrame.reduce((a, b) => a + b, 0) + r.trackingMs) / r.detectMsPerFrame.length;
  const meanPoints = pointsPerFrame.reduce((a, b) => a + b, 0) / pointsPerFrame.length;
  const t = PRELABEL_TARGETS;
  console.log(
    `${dir} (${rt.scene.layout}, ${f.frames} frames, ${rt.scene.frames[0]?.worldFromLidar ? "ego poses" : "no poses"})`,
  );
  console.log(
    `  vehicles ≥30 pts: ${f.vehicles}, recall@0.5 ${pct(f.vehicleRecall05)} (target ${pct(t.vehicleRecall05)}), recall@0.7 ${pct(f.vehicleRecall07)} (target ${pct(t.vehicleRecall07)})`,
  );
  console.log(
    `  predictions in the labelled region: ${f.predictions}, precision@0.5 ${pct(f.precision05)} (target ${pct(t.precision05)}), vehicle predictions only ${pct(f.vehiclePrecision05)}`,
  );
  console.log(
    `  pedestrians ≥20 pts: ${f.pedestrians}, recall@0.3 ${pct(f.pedestrianRecall03)} (target ${pct(t.pedestrianRecall03)})`,
  );
  console.log(
    `  track consistency ${pct(f.trackConsistency)} over ${f.matchedVehicleBoxes} matched vehicle boxes (target ${pct(t.trackConsistency)})`,
  );
  console.log(
    `  ${msPerFrame.toFixed(0)} ms per frame of ${(meanPoints / 1000).toFixed(1)}k points (${((msPerFrame * 120_000) / meanPoints).toFixed(0)} ms per 120k points, CPU time; target < ${t.msPerFrame})`,
  );
  console.log("  min score  boxes  precision@0.5  vehicle recall@0.5  @0.7  pedestrian recall@0.3");
  const sweep = sweepScores(rt, r.boxes);
  for (const { minScore, figures: g } of sweep)
    console.log(
      `  ${minScore.toFixed(1).padStart(9)}  ${String(g.predictions).padStart(5)}  ${pct(g.precision05).padStart(13)}  ${pct(g.vehicleRecall05).padStart(18)}  ${pct(g.vehicleRecall07).padStart(5)}  ${pct(g.pedestrianRecall03).padStart(21)}`,
    );
  results[dir] = { ...f, msPerFrame, meanPoints, sweep };
}
console.log(JSON.stringify(results));
