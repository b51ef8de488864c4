import { parseArgs } from "node:util";
import { createSceneRuntime } from "./lib/SceneRuntime";
import {
  evaluateFit,
  fitTargets,
  median,
  PROPAGATION_SCORED_POINTS,
  type ScoredBox,
  WELL_SEEN_POINTS,
} from "./lib/evaluateFit";
import { KEYFRAME_SPACING_S as KEY_S } from "./lib/evaluateFit";
import { loadScene } from "./lib/loadScene";

/**
 * npm run -s eval:fit -- --scene DIR [--sequence SEQ] [--seed N] [--priors default|kitti] [--poses scene|withheld|none]
 * (SEQ: KITTI tracking only; --priors: class size priors, the catalogue unless asked otherwise;
 * --poses withheld: ignore the scene's ego poses, as on data that has none; none: ignore them and
 * estimate none, lidar coordinates throughout, as where the estimate is refused)
 * Scores auto-fit, propagation and interpolation against DIR's labelled boxes; prints per task and
 * class the medians of BEV IoU, 3D IoU, centre error, yaw error (mod π, mod 2π) and size error,
 * then every target figure beside its trivial baseline; the last line is one JSON object.
 */
const { values } = parseArgs({
  options: {
    scene: { type: "string" },
    sequence: { type: "string" },
    seed: { type: "string", default: "7" },
    priors: { type: "string", default: "default" },
    poses: { type: "string", default: "scene" },
  },
});
if (!values.scene) {
  console.error(
    "usage: npm run -s eval:fit -- --scene DIR [--sequence SEQ] [--seed N] [--priors default|kitti] [--poses scene|withheld|none]",
  );
  process.exit(2);
}
if (values.poses !== "scene" && values.poses !== "withheld" && values.poses !== "none") {
  console.error(
    `--poses ${values.poses}: expected scene (the data's own, default), withheld (ignore them) or none (ignore them, no estimate)`,
  );
  process.exit(2);
}
const rt = createSceneRuntime(
  loadScene(values.scene, {
    ...(values.sequence === undefined ? {} : { sequence: values.sequence }),
    withholdPoses: values.poses !== "scene",
  }),
  { estimatePoses: values.poses !== "none" },
);
const started = performance.now();
if (values.priors !== "default" && values.priors !== "kitti") {
  console.error(
    `--priors ${values.priors}: expected default (the class catalogue) or kitti (KITTI's mean sizes)`,
  );
  process.exit(2);
}
const e = evaluateFit(rt, Number(values.seed), values.priors);
/** Non-finite medians (more than half the boxes missing: a stopped track has no centre) print as "-". */
const fmt = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : "-");
const deg = (r: number) => fmt((r * 180) / Math.PI, 1);
const row = (label: string, bs: ScoredBox[]) =>
  [
    label.padEnd(30),
    String(bs.length).padStart(5),
    fmt(median(bs.map((b) => b.bevIou)), 3).padStart(7),
    fmt(bs.filter((b) => b.bevIou >= 0.7).length / bs.length, 2).padStart(6),
    fmt(median(bs.map((b) => b.iou3d)), 3).padStart(7),
    fmt(median(bs.map((b) => b.centerErrorM)), 2).padStart(7),
    deg(median(bs.map((b) => b.yawErrorModPiRad))).padStart(7),
    deg(median(bs.map((b) => b.yawErrorMod2PiRad))).padStart(8),
    [0, 1, 2]
      .map((i) => fmt(median(bs.map((b) => b.sizeErrorM[i] ?? 0)), 2))
      .join("/")
      .padStart(15),
  ].join(" ");
const poses = !rt.scene.framesAreASequence
  ? "unrelated frames: auto-fit only"
  : e.poses === "scene"
    ? "ego poses from the scene"
    : e.poses === "estimated"
      ? "ego poses estimated from the lidar (checked consistent)"
      : `no ego poses: lidar coordinates (${rt.egoMotionCheck()?.reason ?? (values.poses === "none" ? "none estimated: --poses none" : "estimate refused")})`;
console.log(`scene ${e.scene}  (${rt.scene.layout}, ${poses})`);
console.log(
  `${"task / class".padEnd(30)}     n  bevIoU  ≥0.7   3dIoU  ctr(m) yawπ(°) yaw2π(°)  size l/w/h (m)   [medians; ≥0.7 = share with BEV IoU ≥ 0.7]`,
);
const TASKS = [
  "autofit",
  "propagation",
  "propagation-baseline",
  "interpolation",
  "interpolation-baseline",
] as const;
for (const task of TASKS) {
  const bs = e.boxes.filter((b) => b.task === task);
  if (bs.length === 0) continue;
  for (const cls of [...new Set(bs.map((b) => b.className))].sort())
    console.log(
      row(
        `${task} ${cls}`,
        bs.filter((b) => b.className === cls),
      ),
    );
  console.log(
    row(
      `${task} vehicles`,
      bs.filter((b) => b.isVehicle),
    ),
  );
  if (task === "autofit")
    console.log(
      row(
        `autofit vehicles >=${WELL_SEEN_POINTS} pts`,
        bs.filter((b) => b.isVehicle && b.pointsInside >= WELL_SEEN_POINTS),
      ),
    );
}
const t = fitTargets(e);
const check = (ok: boolean) => (ok ? "PASS" : "FAIL");
const pct = (v: number) => `${fmt(100 * v, 1)}%`;
console.log(
  `targets  auto-fit (one click per vehicle with >=${WELL_SEEN_POINTS} pts, its class) n=${t.autofitVehicleCount}: median BEV IoU ${fmt(t.autofitMedianBevIou, 3)} (>=0.78 ${check(t.autofitMedianBevIou >= 0.78)}), ${pct(t.autofitShareAbove07)} >= 0.7 (>=75% ${check(t.autofitShareAbove07 >= 0.75)}), median heading error ${fmt(t.autofitMedianYawErrorDeg, 2)}° (<=3 ${check(t.autofitMedianYawErrorDeg <= 3)})`,
);
if (t.propagationVehicleFrames > 0)
  console.log(
    `         propagation from each vehicle track's first box with >=${WELL_SEEN_POINTS} pts, later boxes with >=${PROPAGATION_SCORED_POINTS} pts n=${t.propagationVehicleFrames}: ${pct(t.propagationShareAbove07)} at BEV IoU >= 0.7 (>=90% ${check(t.propagationShareAbove07 >= 0.9)}; ${pct(t.propagationFlaggedShare)} flagged for review) — baseline (copy the seed box in ${e.poses === "scene" ? "world" : "lidar"} coordinates): ${pct(t.propagationBaselineShareAbove07)}`,
  );
if (t.interpolationCount > 0)
  console.log(
    `         interpolation, vehicle keyframes ~${KEY_S} s apart (median ${fmt(e.keyframeSpacingS ?? Number.NaN, 2)} s) n=${t.interpolationCount}: median BEV IoU ${fmt(t.interpolationMedianBevIou, 3)} (>=0.9 ${check(t.interpolationMedianBevIou >= 0.9)}) — baseline (linear in lidar coordinates): ${fmt(t.interpolationBaselineMedianBevIou, 3)}`,
  );
console.log(`evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const round = (v: number, digits: number) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);
console.log(
  JSON.stringify({
    scene: e.scene,
    poses: e.poses,
    autofitN: t.autofitVehicleCount,
    autofitMedianBevIou: round(t.autofitMedianBevIou, 3),
    autofitShareAbove07: round(t.autofitShareAbove07, 3),
    autofitMedianHeadingErrorDeg: round(t.autofitMedianYawErrorDeg, 2),
    propagationN: t.propagationVehicleFrames,
    propagationShareAbove07: round(t.propagationShareAbove07, 3),
    propagationFlaggedShare: round(t.propagationFlaggedShare, 3),
    propagationBaselineShareAbove07: round(t.propagationBaselineShareAbove07, 3),
    interpolationN: t.interpolationCount,
    interpolationMedianBevIou: round(t.interpolationMedianBevIou, 3),
    interpolationBaselineMedianBevIou: round(t.interpolationBaselineMedianBevIou, 3),
    keyframeSpacingS: round(e.keyframeSpacingS ?? Number.NaN, 2),
  }),
);
