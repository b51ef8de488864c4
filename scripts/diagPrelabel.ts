import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { bevIou } from "../core/geometry/iou";
import { detectScoredObjects } from "../core/prelabel/detectScoredObjects";
import { measureBoxEvidence } from "../core/prelabel/measureBoxEvidence";
import { refitVehicleTracks } from "../core/prelabel/refitVehicleTracks";
import { trackDetections } from "../core/prelabel/trackDetections";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { loadScene } from "./lib/loadScene";
import { countLabelPoints } from "./lib/countLabelPoints";

/**
 * npm run -s diag:prelabel -- --scene DIR --out OUT.jsonl
 * One line per detection of the built-in pre-labeler with the evidence it was scored from (shape,
 * points, the points in and around its box, track length) and its best BEV IoU with any label: what the false positives are.
 */
const { values } = parseArgs({ options: { scene: { type: "string" }, out: { type: "string" } } });
if (!values.scene || !values.out) {
  console.error("usage: npm run -s diag:prelabel -- --scene DIR --out OUT.jsonl");
  process.exit(2);
}
const rt = createSceneRuntime(loadScene(values.scene));
const frames = rt.scene.frames.map((f, k) => {
  const index = rt.index(k);
  const detections = detectScoredObjects({ positions: index.xyz, originM: index.originM });
  // What the score was weighed by (scoreByBoxEvidence), measured on the box as detected.
  const evidence = measureBoxEvidence(index.xyz, index.originM, detections);
  return {
    detections: detections.map((d, i) => ({ ...d, evidence: evidence[i] })),
    worldFromLidar: f.worldFromLidar,
    timestampS: f.timestampUs === null ? null : f.timestampUs / 1e6,
  };
});
const tracked = trackDetections(frames);
refitVehicleTracks(
  tracked.frames,
  {},
  frames.map((f) => f.worldFromLidar),
);
const lines: string[] = [];
tracked.frames.forEach((dets, k) => {
  const labels = rt.scene.frames[k]?.labels ?? [];
  const pts = labels.map((l) => countLabelPoints(rt, k, l));
  labels.forEach((l, i) => {
    lines.push(
      JSON.stringify({
        label: true,
        k,
        cls: l.className,
        x: l.centerM.x,
        y: l.centerM.y,
        size: [l.size.lengthM, l.size.widthM, l.size.heightM],
        pts: pts[i] ?? 0,
      }),
    );
  });
  for (const d of dets) {
    let best = 0;
    let bestClass = "";
    let bestPts = 0;
    let nearest = Number.POSITIVE_INFINITY;
    labels.forEach((l, i) => {
      const far = Math.hypot(l.centerM.x - d.centerM.x, l.centerM.y - d.centerM.y);
      nearest = Math.min(nearest, far);
      if (far > 8) return;
      const iou = bevIou(l, { centerM: d.centerM, size: d.size, yawRad: d.yawRad, pitchRad: 0, rollRad: 0 });
      if (iou > best) {
        best = iou;
        bestClass = l.className;
        bestPts = pts[i] ?? 0;
      }
    });
    lines.push(
      JSON.stringify({
        k,
        track: d.trackId,
        hits: tracked.hitsByTrack.get(d.trackId),
        cls: d.className,
        score: d.score,
        x: d.centerM.x,
        y: d.centerM.y,
        size: [d.size.lengthM, d.size.widthM, d.size.heightM],
        yaw: d.yawRad,
        ...d.shape,
        ...d.evidence,
        iou: best,
        labelClass: bestClass,
        labelPts: bestPts,
        nearest,
      }),
    );
  }
});
writeFileSync(values.out, `${lines.join("\n")}\n`);
console.error(`${lines.length} detections → ${values.out}`);
