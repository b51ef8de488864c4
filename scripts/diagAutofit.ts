import { parseArgs } from "node:util";
import { yawErrorModPiRad } from "../core/fit/angles";
import { bevIou } from "../core/geometry/iou";
import { VEHICLE_CLASSES } from "../core/model/defaultClasses";
import { resolveClassName } from "../workers/fit/classSizePrior";
import { createSeededPrng } from "../workers/fit/createSeededPrng";
import { countLabelPoints } from "./lib/countLabelPoints";
import { MAX_CLICK_OFFSET_M, WELL_SEEN_POINTS } from "./lib/evaluateFit";
import { runAutofit } from "./lib/fitCommands";
import { loadScene } from "./lib/loadScene";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { must } from "../core/model/must";

/**
 * node --import tsx scripts/diagAutofit.ts --scene DIR [--all]
 * Why auto-fit misses: one click per vehicle with ≥ 30 points (eval:fit's protocol and seed), each
 * miss (BEV IoU < 0.7; --all: every box) put in one bucket — "heading" (> 20° off, mod π),
 * "heading10-20" (10–20° off: a side seen at a slant, the roof or bonnet pulling the search), "small" (fitted footprint < 70% of the labelled one: a fragment or a partial view), "large"
 * (> 130%: merged with a neighbour), "offset" (the rest: right size and heading, misplaced) — and
 * printed with its points, range and errors; then the count per bucket and per range band.
 */
const { values } = parseArgs({ options: { scene: { type: "string" }, all: { type: "boolean" } } });
if (!values.scene) {
  console.error("usage: node --import tsx scripts/diagAutofit.ts --scene DIR [--all]");
  process.exit(2);
}
const rt = createSceneRuntime(loadScene(values.scene));
const rand = createSeededPrng(7);
const buckets = new Map<string, number>();
const bands = new Map<string, { n: number; good: number }>();
const ious: number[] = [];
const yawErrsDeg: number[] = [];
for (const [k, f] of rt.scene.frames.entries()) {
  const clicks = f.labels.map((l) => {
    const r = MAX_CLICK_OFFSET_M * Math.sqrt(rand());
    const a = 2 * Math.PI * rand();
    return {
      frame: f.name,
      x: l.centerM.x + r * Math.cos(a),
      y: l.centerM.y + r * Math.sin(a),
      z: l.centerM.z,
      class: l.className,
    };
  });
  const chosen = f.labels
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => VEHICLE_CLASSES.has(resolveClassName(l.className)))
    .map((x) => ({ ...x, n: countLabelPoints(rt, k, x.l) }))
    .filter((x) => x.n >= WELL_SEEN_POINTS);
  const outs = runAutofit(
    rt,
    chosen.map(({ i }) => must(clicks[i], "clicks[i]")),
  );
  for (const [j, { l, n }] of chosen.entries()) {
    const o = must(outs[j], "outs[j]");
    const box = {
      centerM: { x: o.center[0], y: o.center[1], z: o.center[2] },
      size: { lengthM: o.size[0], widthM: o.size[1], heightM: o.size[2] },
      yawRad: o.yaw,
    };
    const iou = bevIou(box, l);
    const yawDeg = (yawErrorModPiRad(o.yaw, l.yawRad) * 180) / Math.PI;
    const areaRatio = (o.size[0] * o.size[1]) / (l.size.lengthM * l.size.widthM);
    const rangeM = Math.hypot(l.centerM.x, l.centerM.y);
    const band = rangeM < 15 ? "<15m" : rangeM < 30 ? "15-30m" : rangeM < 45 ? "30-45m" : ">=45m";
    ious.push(iou);
    yawErrsDeg.push(yawDeg);
    const b = bands.get(band) ?? { n: 0, good: 0 };
    b.n++;
    if (iou >= 0.7) b.good++;
    bands.set(band, b);
    if (iou >= 0.7 && !values.all) continue;
    const bucket =
      iou >= 0.7
        ? "good"
        : yawDeg > 20
          ? "heading"
          : yawDeg > 10
            ? "heading10-20"
            : areaRatio < 0.7
              ? "small"
              : areaRatio > 1.3
                ? "large"
                : "offset";
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    const ctr = Math.hypot(box.centerM.x - l.centerM.x, box.centerM.y - l.centerM.y);
    console.log(
      `${f.name} ${l.trackId.slice(0, 8)} ${l.className} ${bucket} iou=${iou.toFixed(2)} pts=${n} r=${rangeM.toFixed(0)}m yawErr=${yawDeg.toFixed(1)} signed=${((Math.atan(Math.tan(o.yaw - l.yawRad)) * 180) / Math.PI).toFixed(1)} ctr=${ctr.toFixed(2)} truth=${l.size.lengthM.toFixed(1)}x${l.size.widthM.toFixed(1)} fit=${o.size[0].toFixed(1)}x${o.size[1].toFixed(1)}`,
    );
  }
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1] ?? Number.NaN;
console.log(
  `n ${ious.length}: median BEV IoU ${med(ious).toFixed(3)}, ${((100 * ious.filter((v) => v >= 0.7).length) / ious.length).toFixed(1)}% >= 0.7, median heading error ${med(yawErrsDeg).toFixed(2)}°`,
);
console.log(`misses by bucket: ${JSON.stringify(Object.fromEntries(buckets))}`);
console.log(
  `by range: ${[...bands].map(([k, b]) => `${k} ${b.good}/${b.n} (${((100 * b.good) / b.n).toFixed(0)}%)`).join(", ")}`,
);
