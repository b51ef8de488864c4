import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { transformPoint } from "../core/geometry/pose";
import { bevIou } from "../core/geometry/iou";
import { detectScoredObjects } from "../core/prelabel/detectScoredObjects";
import { DEFAULT_MIN_SCORE } from "../core/prelabel/defaultMinScore";
import { measureBoxEvidence } from "../core/prelabel/measureBoxEvidence";
import { finishPrelabel } from "../core/prelabel/prelabelSequence";
import { countLabelPoints } from "./lib/countLabelPoints";
import { labelledRegion } from "./lib/evaluatePrelabel";
import { loadScene } from "./lib/loadScene";
import { createSceneRuntime } from "./lib/SceneRuntime";

/**
 * npm run -s diag:prelabel-scores -- --scene DIR [--out OUT.jsonl] [--min 0.5]
 * The false positives of the built-in pre-labeler as `npm run prelabel` scores them: every final box
 * in the labelled region (one JSON line each, with --out) with its final score, the evidence it was
 * scored from as detected, its track's length, and its best BEV IoU with any label; printed, the
 * boxes scoring ≥ --min that match no label at IoU 0.5, grouped by what lies nearest.
 */
const { values } = parseArgs({
  options: { scene: { type: "string" }, out: { type: "string" }, min: { type: "string" } },
});
if (!values.scene) {
  console.error("usage: npm run -s diag:prelabel-scores -- --scene DIR [--out OUT.jsonl] [--min 0.5]");
  process.exit(2);
}
const minScore = values.min === undefined ? DEFAULT_MIN_SCORE : Number(values.min);
const rt = createSceneRuntime(loadScene(values.scene));
const detected = rt.scene.frames.map((f, k) => {
  const index = rt.index(k);
  const detections = detectScoredObjects({ positions: index.xyz, originM: index.originM });
  const evidence = measureBoxEvidence(index.xyz, index.originM, detections);
  return {
    name: f.name,
    timestampS: f.timestampUs === null ? null : f.timestampUs / 1e6,
    worldFromLidar: f.worldFromLidar,
    detections: detections.map((d, i) => ({ ...d, evidence: evidence[i] })),
  };
});
// What each box was detected as, by frame and detection order (finishPrelabel keeps both).
const asDetected = detected.map((f) => f.detections);
const boxes = finishPrelabel(detected);
const inRegion = labelledRegion(rt);
const hits = new Map<string | number, number>();
for (const b of boxes) hits.set(b.trackId, (hits.get(b.trackId) ?? 0) + 1);
const lines: string[] = [];
const byFrame = new Map<string, number>();
const falseKinds = new Map<string, number>();
let kept = 0;
for (const b of boxes) {
  const k = rt.scene.frames.findIndex((f) => f.name === b.frame);
  const frame = rt.scene.frames[k];
  const i = byFrame.get(b.frame) ?? 0;
  byFrame.set(b.frame, i + 1);
  if (!frame || !inRegion(b.center[0], b.center[1])) continue;
  const d = asDetected[k]?.[i];
  const oriented = {
    centerM: { x: b.center[0], y: b.center[1], z: b.center[2] },
    size: { lengthM: b.size[0], widthM: b.size[1], heightM: b.size[2] },
    yawRad: b.yaw,
    pitchRad: 0,
    rollRad: 0,
  };
  let iou = 0;
  let labelClass = "";
  let nearestM = Number.POSITIVE_INFINITY;
  let nearestClass = "";
  let labelPts = 0;
  for (const l of frame.labels) {
    const far = Math.hypot(l.centerM.x - b.center[0], l.centerM.y - b.center[1]);
    if (far < nearestM) {
      nearestM = far;
      nearestClass = l.className;
    }
    if (far > 10) continue;
    const v = bevIou(l, oriented);
    if (v > iou) {
      iou = v;
      labelClass = l.className;
      labelPts = countLabelPoints(rt, k, l);
    }
  }
  const world = frame.worldFromLidar ? transformPoint(frame.worldFromLidar, oriented.centerM) : null;
  lines.push(
    JSON.stringify({
      k,
      track: b.trackId,
      hits: hits.get(b.trackId),
      cls: b.class,
      score: b.score,
      detScore: d?.score,
      evidenceFactor: d?.evidenceFactor,
      center: b.center,
      world: world ? [world.x, world.y, world.z] : null,
      size: b.size,
      yaw: b.yaw,
      detSize: d ? [d.size.lengthM, d.size.widthM, d.size.heightM] : null,
      ...d?.shape,
      ...d?.evidence,
      iou,
      labelClass,
      labelPts,
      nearestM,
      nearestClass,
    }),
  );
  if (b.score < minScore) continue;
  kept++;
  if (iou >= 0.5) continue;
  const kind =
    iou >= 0.1
      ? `overlaps a ${labelClass} label (IoU ${iou < 0.3 ? "0.1-0.3" : "0.3-0.5"})`
      : nearestM < 10
        ? `no overlap, a label within 10 m`
        : `nothing labelled within 10 m`;
  const key = `${b.class}: ${kind}`;
  falseKinds.set(key, (falseKinds.get(key) ?? 0) + 1);
}
const falseCount = [...falseKinds.values()].reduce((a, b) => a + b, 0);
console.log(
  `${values.scene}: ${kept} boxes scoring ≥ ${minScore} in the labelled region, ${falseCount} match no label at BEV IoU 0.5`,
);
for (const [key, n] of [...falseKinds].sort((a, b) => b[1] - a[1]))
  console.log(`  ${String(n).padStart(5)}  ${key}`);
if (values.out) {
  writeFileSync(values.out, `${lines.join("\n")}\n`);
  console.error(`${lines.length} boxes → ${values.out}`);
}
