import { parseArgs } from "node:util";
import type { BoxLabel } from "../core/formats/BoxLabel";
import { bevIou } from "../core/geometry/iou";
import { VEHICLE_CLASSES } from "../core/model/defaultClasses";
import { resolveClassName } from "../workers/fit/classSizePrior";
import { propagateTrack } from "../workers/fit/propagateTrack";
import { countLabelPoints } from "./lib/countLabelPoints";
import { WELL_SEEN_POINTS } from "./lib/evaluateFit";
import { loadScene } from "./lib/loadScene";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { must } from "../core/model/must";

/**
 * node --import tsx scripts/diagPropagation.ts --scene DIR [--dense]
 * Why propagation loses vehicle tracks: per track, forward from its first labelled box (--dense:
 * its first with ≥ 30 points, as eval:fit seeds propagation), one cell per labelled frame:
 * `frame:pointsInLabel p/rangeM m/BEV IoU` (0 where not placed or flagged), plus
 * `[reason fit=points corr=metres]` on frames flagged needsReview (coasted or stopped).
 */
const { values } = parseArgs({ options: { scene: { type: "string" }, dense: { type: "boolean" } } });
if (!values.scene) {
  console.error("usage: node --import tsx scripts/diagPropagation.ts --scene DIR [--dense]");
  process.exit(2);
}
const rt = createSceneRuntime(loadScene(values.scene, {}));
const frames = rt.propagationFrames();
const tracks = new Map<string, number[]>();
for (const [k, f] of rt.scene.frames.entries())
  for (const l of f.labels) tracks.set(l.trackId, [...(tracks.get(l.trackId) ?? []), k]);
const labelOf = (k: number, id: string): BoxLabel =>
  must(
    must(rt.scene.frames[k], "rt.scene.frames[k]").labels.find((l) => l.trackId === id),
    "rt.scene.frames[k].labels.find((l) => l.trackId === id)",
  );
const pointsInside = (k: number, l: BoxLabel) => countLabelPoints(rt, k, l);
let good = 0;
let total = 0;
for (const [id, ks] of tracks) {
  if (!VEHICLE_CLASSES.has(resolveClassName(labelOf(must(ks[0], "ks[0]"), id).className))) continue;
  const start = values.dense ? ks.findIndex((k) => pointsInside(k, labelOf(k, id)) >= WELL_SEEN_POINTS) : 0;
  if (start < 0 || start >= ks.length - 1) continue;
  const s = labelOf(must(ks[start], "ks[start]"), id);
  const out = propagateTrack(
    frames,
    { frameIndex: must(ks[start], "ks[start]"), ...s },
    { direction: "forward" },
  );
  let trackGood = 0;
  const cells = ks.slice(start + 1).map((k) => {
    const t = labelOf(k, id);
    const b = out.find((o) => o.frameIndex === k);
    const iou = b && !b.needsReview ? bevIou(b, t) : 0;
    if (iou >= 0.7) trackGood++;
    const flag = b?.needsReview
      ? `[${b.needsReview} fit=${b.pointCount} corr=${b.correctionM.toFixed(2)}]`
      : "";
    return `${k}:${pointsInside(k, t)}p/${Math.hypot(t.centerM.x, t.centerM.y).toFixed(0)}m/${iou.toFixed(2)}${flag}`;
  });
  good += trackGood;
  total += cells.length;
  const reached = out.length
    ? must(out[out.length - 1], "out[out.length - 1]").frameIndex
    : must(ks[start], "ks[start]");
  console.log(
    `track ${id} ${s.className} seed ${ks[start]} reached ${reached} good ${trackGood}/${cells.length}: ${cells.join(" ")}`,
  );
}
console.log(`vehicle frames with BEV IoU >= 0.7: ${good}/${total}`);
