import { parseArgs } from "node:util";
import { transformPoint } from "../core/geometry/pose";
import { bevIou } from "../core/geometry/iou";
import { propagateTrack } from "../workers/fit/propagateTrack";
import { countLabelPoints } from "./lib/countLabelPoints";
import { WELL_SEEN_POINTS } from "./lib/evaluateFit";
import { loadScene } from "./lib/loadScene";
import { createSceneRuntime } from "./lib/SceneRuntime";

/**
 * node --import tsx scripts/diagPropagationTrack.ts --scene DIR --track ID-PREFIX [--withhold [--no-estimate]] [--no-hold]
 * One track's propagation, frame by frame: the box's offset from the truth along and across the
 * truth's heading (m), its heading error (°), the truth's world speed (m/s), points, IoU, flag.
 */
const { values } = parseArgs({
  options: {
    scene: { type: "string" },
    track: { type: "string" },
    withhold: { type: "boolean" },
    "no-estimate": { type: "boolean" },
    "no-hold": { type: "boolean" },
  },
});
if (!values.scene || !values.track) {
  console.error(
    "usage: node --import tsx scripts/diagPropagationTrack.ts --scene DIR --track ID-PREFIX [--withhold]",
  );
  process.exit(2);
}
const rt = createSceneRuntime(loadScene(values.scene, { withholdPoses: values.withhold ?? false }), {
  estimatePoses: !values["no-estimate"],
});
const frames = rt.propagationFrames();
const poses = rt.worldFromLidar();
const ks: number[] = [];
let id = "";
for (const [k, f] of rt.scene.frames.entries())
  for (const l of f.labels)
    if (l.trackId.startsWith(values.track)) {
      ks.push(k);
      id = l.trackId;
    }
const labelOf = (k: number) => {
  const l = rt.scene.frames[k]?.labels.find((x) => x.trackId === id);
  if (!l) throw new Error(`no label of ${id} at ${k}`);
  return l;
};
const start = ks.find((k) => countLabelPoints(rt, k, labelOf(k)) >= WELL_SEEN_POINTS);
if (start === undefined) throw new Error("never well seen");
const seed = labelOf(start);
console.log(
  `track ${id} ${seed.className} size ${seed.size.lengthM.toFixed(2)}x${seed.size.widthM.toFixed(2)} seed ${start} poses ${rt.posesSource}`,
);
const out = propagateTrack(
  frames,
  { frameIndex: start, ...seed },
  { direction: "forward", holdStill: !values["no-hold"] },
);
let prevWorld: { x: number; y: number } | null = null;
let prevT = 0;
for (const k of ks) {
  const t = labelOf(k);
  const pose = poses[k];
  if (!pose) continue;
  const w = transformPoint(pose, t.centerM);
  const ts = rt.timestampS(k);
  const speed = prevWorld ? Math.hypot(w.x - prevWorld.x, w.y - prevWorld.y) / (ts - prevT) : 0;
  prevWorld = w;
  prevT = ts;
  if (k <= start) continue;
  const b = out.find((o) => o.frameIndex === k);
  if (!b) {
    console.log(`${k}: ${countLabelPoints(rt, k, t)}p speed ${speed.toFixed(1)} — none`);
    continue;
  }
  const dx = b.centerM.x - t.centerM.x;
  const dy = b.centerM.y - t.centerM.y;
  const c = Math.cos(t.yawRad);
  const s = Math.sin(t.yawRad);
  const dyaw = ((((b.yawRad - t.yawRad) * 180) / Math.PI + 540) % 360) - 180;
  console.log(
    `${k}: ${countLabelPoints(rt, k, t)}p ${Math.hypot(t.centerM.x, t.centerM.y).toFixed(0)}m speed ${speed.toFixed(1)} along ${(dx * c + dy * s).toFixed(2)} across ${(-dx * s + dy * c).toFixed(2)} yaw ${dyaw.toFixed(1)}° iou ${bevIou(b, t).toFixed(2)} fit ${b.pointCount} corr ${b.correctionM.toFixed(2)} ${b.needsReview ?? ""}`,
  );
}
