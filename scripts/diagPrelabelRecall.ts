import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { isPointInBox } from "../core/geometry/cuboidCorners";
import { bevIou } from "../core/geometry/iou";
import { VEHICLE_CLASSES } from "../core/model/defaultClasses";
import { classifyCluster } from "../core/prelabel/classifyCluster";
import { clusterObstacles } from "../core/prelabel/clusterObstacles";
import { DEFAULT_MAX_RANGE_M, detectObjects, measureShape, needsSplit } from "../core/prelabel/detectObjects";
import { estimateGroundGrid } from "../core/prelabel/estimateGroundGrid";
import { markLowOcclusion } from "../core/prelabel/markLowOcclusion";
import { markOverhead } from "../core/prelabel/markOverhead";
import { DEFAULT_MIN_SCORE } from "../core/prelabel/prelabelSequence";
import { resolveClassName } from "../workers/fit/classSizePrior";
import { countLabelPoints } from "./lib/countLabelPoints";
import { loadScene } from "./lib/loadScene";
import { PEDESTRIAN_MIN_POINTS } from "./lib/evaluatePrelabel";
import { runPrelabel } from "./lib/runPrelabel";
import { createSceneRuntime } from "./lib/SceneRuntime";

/**
 * npm run -s diag:prelabel-recall -- --scene DIR --out OUT.jsonl [--class pedestrian]
 * One line per labelled vehicle with ≥ 30 points (with `--class pedestrian`: per labelled
 * pedestrian with ≥ 20 points, judged at BEV IoU ≥ 0.3): the cluster that holds most of its points (how
 * much of the label it holds, how much of it is the label), what the classifier and the fit made
 * of that cluster, and the best final box (the "anyVeh…" fields then hold the best pedestrian
 * box); the last stderr lines count the reasons for misses.
 */
const { values } = parseArgs({
  options: { scene: { type: "string" }, out: { type: "string" }, class: { type: "string" } },
});
if (!values.scene || !values.out || (values.class && values.class !== "pedestrian")) {
  console.error("usage: npm run -s diag:prelabel-recall -- --scene DIR --out OUT.jsonl [--class pedestrian]");
  process.exit(2);
}
const walkers = values.class === "pedestrian";
const PEDESTRIAN_CLASSES: ReadonlySet<string> = new Set(["Pedestrian"]);
const TARGET_CLASSES: ReadonlySet<string> = walkers ? PEDESTRIAN_CLASSES : VEHICLE_CLASSES;
const MIN_POINTS = walkers ? PEDESTRIAN_MIN_POINTS : 30;
const MIN_IOU = walkers ? 0.3 : 0.5;
const rt = createSceneRuntime(loadScene(values.scene));
const result = runPrelabel(rt);
const lines: string[] = [];
const reasons = new Map<string, number>();
const oriented = (b: { center: number[]; size: number[]; yaw: number }) => ({
  centerM: { x: b.center[0] ?? 0, y: b.center[1] ?? 0, z: b.center[2] ?? 0 },
  size: { lengthM: b.size[0] ?? 0, widthM: b.size[1] ?? 0, heightM: b.size[2] ?? 0 },
  yawRad: b.yaw,
  pitchRad: 0,
  rollRad: 0,
});
rt.scene.frames.forEach((frame, k) => {
  const index = rt.index(k);
  const o = index.originM;
  const sensorM = { x: -o.x, y: -o.y };
  const maxRangeM = DEFAULT_MAX_RANGE_M;
  const ground = estimateGroundGrid(index.xyz, { maxRangeM, sensorM });
  const overhead = markOverhead(index.xyz, ground, { maxRangeM, sensorM });
  const occlusion = markLowOcclusion(index.xyz, ground, { maxRangeM, sensorM });
  const coarse = clusterObstacles(index.xyz, ground, { maxRangeM, sensorM });
  const clusters = coarse.flatMap((c) => {
    return !needsSplit(measureShape(c, sensorM))
      ? [{ c, split: false }]
      : clusterObstacles(c.xyz, ground, { maxRangeM, sensorM, fine: true }).map((f) => ({
          c: f,
          split: true,
        }));
  });
  const raw = detectObjects({ positions: index.xyz, originM: o });
  const finals = result.boxes.filter((b) => b.frame === frame.name);
  frame.labels.forEach((l) => {
    if (!TARGET_CLASSES.has(resolveClassName(l.className))) return;
    const pts = countLabelPoints(rt, k, l);
    if (pts < MIN_POINTS) return;
    let best = -1;
    let bestIn = 0;
    let totalIn = 0;
    const inOf: number[] = [];
    clusters.forEach(({ c }, ci) => {
      let n = 0;
      for (let j = 0; j < c.xyz.length; j += 3) {
        const p = { x: (c.xyz[j] ?? 0) + o.x, y: (c.xyz[j + 1] ?? 0) + o.y, z: (c.xyz[j + 2] ?? 0) + o.z };
        if (isPointInBox(p, l, 0.2)) n++;
      }
      inOf[ci] = n;
      totalIn += n;
      if (n > bestIn) {
        bestIn = n;
        best = ci;
      }
    });
    const finalIous = finals.map((b) => ({ b, iou: bevIou(l, oriented(b)) }));
    finalIous.sort((a, b) => b.iou - a.iou);
    const kept = finalIous.filter((f) => f.b.score >= DEFAULT_MIN_SCORE && TARGET_CLASSES.has(f.b.class));
    const anyVeh = finalIous.filter((f) => TARGET_CLASSES.has(f.b.class));
    const rawIous = raw
      .map((d) => ({ d, iou: bevIou(l, { ...d, pitchRad: 0, rollRad: 0 }) }))
      .sort((a, b) => b.iou - a.iou);
    const entry: Record<string, unknown> = {
      k,
      cls: l.className,
      track: l.trackId,
      x: +l.centerM.x.toFixed(2),
      y: +l.centerM.y.toFixed(2),
      range: +Math.hypot(l.centerM.x, l.centerM.y).toFixed(1),
      size: [l.size.lengthM, l.size.widthM, l.size.heightM].map((v) => +v.toFixed(2)),
      yaw: +l.yawRad.toFixed(2),
      pts,
      keptIou: +(kept[0]?.iou ?? 0).toFixed(3),
      anyVehIou: +(anyVeh[0]?.iou ?? 0).toFixed(3),
      anyVehScore: +(anyVeh[0]?.b.score ?? 0).toFixed(3),
      anyVehBox: anyVeh[0]
        ? {
            size: anyVeh[0].b.size.map((v) => +v.toFixed(2)),
            yaw: +anyVeh[0].b.yaw.toFixed(2),
            c: anyVeh[0].b.center.map((v) => +v.toFixed(2)),
          }
        : null,
      rawIou: +(rawIous[0]?.iou ?? 0).toFixed(3),
      rawClass: rawIous[0]?.d.className,
      rawScore: +(rawIous[0]?.d.score ?? 0).toFixed(3),
    };
    const cl = clusters[best];
    let reason: string;
    if ((kept[0]?.iou ?? 0) >= MIN_IOU) reason = "ok";
    else if (!cl) reason = "no-cluster";
    else {
      const n = cl.c.xyz.length / 3;
      const shape = measureShape(cl.c, sensorM, overhead, occlusion);
      const cls = classifyCluster(shape);
      entry.cluster = {
        n,
        holds: +(bestIn / Math.max(1, totalIn)).toFixed(2),
        purity: +(bestIn / n).toFixed(2),
        split: cl.split,
        l: +shape.lengthM.toFixed(2),
        w: +shape.widthM.toFixed(2),
        h: +shape.heightM.toFixed(2),
        up: +shape.upperSpanRatio.toFixed(2),
        low: +shape.lowerSpanRatio.toFixed(2),
        over: +shape.overheadShare.toFixed(2),
        hidden: +shape.lowOccludedShare.toFixed(2),
        tall: +shape.tallShare.toFixed(2),
        cls: cls?.className ?? null,
        shapeScore: cls ? +cls.shapeScore.toFixed(2) : 0,
      };
      if (bestIn / n < 0.7) reason = "merged";
      else if (bestIn / Math.max(1, totalIn) < 0.7) reason = "split";
      else if (!cls) reason = "rejected";
      else if (!TARGET_CLASSES.has(cls.className)) reason = `as-${cls.className}`;
      else if ((anyVeh[0]?.iou ?? 0) >= MIN_IOU) reason = "low-score";
      else if ((rawIous[0]?.iou ?? 0) >= MIN_IOU) reason = "refit-spoiled";
      else reason = "fit";
    }
    entry.reason = reason;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    lines.push(JSON.stringify(entry));
  });
});
writeFileSync(values.out, `${lines.join("\n")}\n`);
console.error([...reasons.entries()].map(([r, n]) => `${r} ${n}`).join("\n"));
