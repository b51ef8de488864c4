import { parseArgs } from "node:util";
import type { BoxLabel } from "../core/formats/BoxLabel";
import { yawOfPose } from "../core/fit/yawOfPose";
import { composePoses, invertPose, transformPoint } from "../core/geometry/pose";
import { bevIou } from "../core/geometry/iou";
import { VEHICLE_CLASSES } from "../core/model/defaultClasses";
import { must } from "../core/model/must";
import { resolveClassName } from "../workers/fit/classSizePrior";
import { propagateTrack } from "../workers/fit/propagateTrack";
import { countLabelPoints } from "./lib/countLabelPoints";
import { PROPAGATION_SCORED_POINTS, WELL_SEEN_POINTS } from "./lib/evaluateFit";
import { loadScene } from "./lib/loadScene";
import { createSceneRuntime } from "./lib/SceneRuntime";

/**
 * node --import tsx scripts/diagPropagation.ts --scene DIR [--poses scene|withheld|none] [--all]
 * Why propagation loses vehicle tracks, seeded and scored as eval:fit does (forward from each
 * vehicle track's first box with ≥ 30 points; later boxes with ≥ 10 points), one line per track
 * that loses any box (--all: every track): `good N/M (copy K)` — boxes at BEV IoU ≥ 0.7 against
 * copying the seed in world coordinates — then one cell per scored frame,
 * `frame:points p/rangeM m/BEV IoU` (0 where not placed or flagged), plus
 * `[reason fit=points corr=metres]` where flagged needsReview.
 */
const { values } = parseArgs({
  options: {
    scene: { type: "string" },
    poses: { type: "string", default: "scene" },
    all: { type: "boolean" },
  },
});
if (!values.scene || !["scene", "withheld", "none"].includes(values.poses ?? "")) {
  console.error(
    "usage: node --import tsx scripts/diagPropagation.ts --scene DIR [--poses scene|withheld|none] [--all]",
  );
  process.exit(2);
}
const rt = createSceneRuntime(loadScene(values.scene, { withholdPoses: values.poses !== "scene" }), {
  estimatePoses: values.poses !== "none",
});
const frames = rt.propagationFrames();
const scenePoses = rt.scenePoses();
const tracks = new Map<string, number[]>();
for (const [k, f] of rt.scene.frames.entries())
  for (const l of f.labels) tracks.set(l.trackId, [...(tracks.get(l.trackId) ?? []), k]);
const labelOf = (k: number, id: string): BoxLabel =>
  must(
    must(rt.scene.frames[k], "rt.scene.frames[k]").labels.find((l) => l.trackId === id),
    `the label of ${id} in frame ${k}`,
  );
const pointsInside = (k: number, l: BoxLabel) => countLabelPoints(rt, k, l);
let good = 0;
let copyGood = 0;
let total = 0;
for (const [id, ks] of tracks) {
  if (!VEHICLE_CLASSES.has(resolveClassName(labelOf(must(ks[0], "ks[0]"), id).className))) continue;
  const start = ks.findIndex((k) => pointsInside(k, labelOf(k, id)) >= WELL_SEEN_POINTS);
  if (start < 0 || start >= ks.length - 1) continue;
  const seedK = must(ks[start], "ks[start]");
  const s = labelOf(seedK, id);
  const out = propagateTrack(frames, { frameIndex: seedK, ...s }, { direction: "forward" });
  let trackGood = 0;
  let trackCopyGood = 0;
  const cells: string[] = [];
  for (const k of ks.slice(start + 1)) {
    const t = labelOf(k, id);
    const n = pointsInside(k, t);
    if (n < PROPAGATION_SCORED_POINTS) continue;
    const b = out.find((o) => o.frameIndex === k);
    const iou = b && !b.needsReview ? bevIou(b, t) : 0;
    if (iou >= 0.7) trackGood++;
    const kFromSeed = scenePoses
      ? composePoses(invertPose(must(scenePoses[k], "pose")), must(scenePoses[seedK], "pose"))
      : null;
    const copy = kFromSeed
      ? {
          centerM: transformPoint(kFromSeed, s.centerM),
          size: s.size,
          yawRad: s.yawRad + yawOfPose(kFromSeed),
        }
      : s;
    if (bevIou(copy, t) >= 0.7) trackCopyGood++;
    const flag = b?.needsReview
      ? `[${b.needsReview} fit=${b.pointCount} corr=${b.correctionM.toFixed(2)}]`
      : "";
    cells.push(`${k}:${n}p/${Math.hypot(t.centerM.x, t.centerM.y).toFixed(0)}m/${iou.toFixed(2)}${flag}`);
  }
  good += trackGood;
  copyGood += trackCopyGood;
  total += cells.length;
  if (cells.length === 0 || (trackGood === cells.length && !values.all)) continue;
  const reached = out.at(-1)?.frameIndex ?? seedK;
  console.log(
    `track ${id} ${s.className} ${s.size.lengthM.toFixed(1)}m seed ${seedK} reached ${reached} good ${trackGood}/${cells.length} (copy ${trackCopyGood}): ${cells.join(" ")}`,
  );
}
console.log(
  `vehicle boxes at BEV IoU >= 0.7: ${good}/${total} = ${((100 * good) / Math.max(1, total)).toFixed(1)}% (copy in world: ${((100 * copyGood) / Math.max(1, total)).toFixed(1)}%), poses ${rt.posesSource}`,
);
