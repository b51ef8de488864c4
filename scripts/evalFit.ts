import { parseArgs } from "node:util";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { DENSE_SEED_POINTS, evaluateFit, fitTargets, median, type ScoredBox } from "./lib/evaluateFit";
import { loadScene } from "./lib/loadScene";

/**
 * npm run -s eval:fit -- --scene DIR [--sequence SEQ] [--seed N]   (SEQ: KITTI tracking only)
 * Scores auto-fit, propagation and interpolation against DIR's labelled boxes; prints per task and
 * class the medians of BEV IoU, 3D IoU, centre error, yaw error (mod π, mod 2π) and size error.
 */
const { values } = parseArgs({
  options: {
    scene: { type: "string" },
    sequence: { type: "string" },
    seed: { type: "string", default: "7" },
  },
});
if (!values.scene) {
  console.error("usage: npm run -s eval:fit -- --scene DIR [--sequence SEQ] [--seed N]");
  process.exit(2);
}
const rt = createSceneRuntime(
  loadScene(values.scene, values.sequence === undefined ? {} : { sequence: values.sequence }),
);
const started = performance.now();
const e = evaluateFit(rt, Number(values.seed));
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
      .map((i) => fmt(median(bs.map((b) => b.sizeErrorM[i]!)), 2))
      .join("/")
      .padStart(15),
  ].join(" ");
const poses = !rt.scene.framesAreASequence
  ? "unrelated frames: auto-fit only"
  : e.posesEstimated
    ? "ego poses estimated from the lidar"
    : "ego poses from the scene";
console.log(`scene ${e.scene}  (${rt.scene.layout}, ${poses})`);
console.log(
  `${"task / class".padEnd(30)}     n  bevIoU  ≥0.7   3dIoU  ctr(m) yawπ(°) yaw2π(°)  size l/w/h (m)   [medians; ≥0.7 = share with BEV IoU ≥ 0.7]`,
);
for (const task of ["autofit", "propagation", "propagation-dense", "interpolation"] as const) {
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
        "autofit vehicles >=30 pts",
        bs.filter((b) => b.isVehicle && b.pointsInside >= 30),
      ),
    );
}
const t = fitTargets(e);
const check = (ok: boolean) => (ok ? "PASS" : "FAIL");
console.log(
  `targets: autofit vehicles>=30pts n=${t.autofitVehicleCount} median BEV IoU ${t.autofitMedianBevIou.toFixed(3)} (>=0.75 ${check(t.autofitMedianBevIou >= 0.75)}), median yaw err ${t.autofitMedianYawErrorDeg.toFixed(2)}° (<=5 ${check(t.autofitMedianYawErrorDeg <= 5)})`,
);
if (t.propagationVehicleFrames > 0)
  console.log(
    `         propagation vehicle frames n=${t.propagationVehicleFrames} with BEV IoU>=0.7: ${(100 * t.propagationShareAbove07).toFixed(1)}% (>=90% ${check(t.propagationShareAbove07 >= 0.9)})`,
  );
if (t.propagationDenseSeedVehicleFrames > 0)
  console.log(
    `         (secondary, not the target's protocol) propagation seeded at each track's first box with >=${DENSE_SEED_POINTS} pts: n=${t.propagationDenseSeedVehicleFrames} with BEV IoU>=0.7: ${(100 * t.propagationDenseSeedShareAbove07).toFixed(1)}%`,
  );
if (t.interpolationCount > 0)
  console.log(
    `         interpolation n=${t.interpolationCount} (median key spacing ${e.keyframeSpacingS?.toFixed(2)} s) median BEV IoU ${t.interpolationMedianBevIou.toFixed(3)} (>=0.8 ${check(t.interpolationMedianBevIou >= 0.8)})`,
  );
console.log(`evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
