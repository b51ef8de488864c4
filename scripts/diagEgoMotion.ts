import { parseArgs } from "node:util";
import { wrapAngleRad } from "../core/fit/angles";
import { yawOfPose } from "../core/fit/yawOfPose";
import { composePoses, invertPose, type Pose3 } from "../core/geometry/pose";
import { rotationMatrixFromQuat } from "../core/geometry/quat";
import { must } from "../core/model/must";
import { anchorSteps, chainEgoPosesWith } from "../workers/fit/chainEgoPoses";
import { createEgoMotionChain } from "../workers/fit/checkEgoMotionChain";
import { estimateEgoMotion } from "../workers/fit/estimateEgoMotion";
import { loadScene } from "./lib/loadScene";
import { createSceneRuntime } from "./lib/SceneRuntime";

/**
 * node --import tsx scripts/diagEgoMotion.ts --scene DIR
 * Each estimated ego-motion step (and each anchor step) beside the scene's recorded one, for a
 * scene that has poses: where the estimate goes wrong and by how much. One line per step:
 * `k→k+1 rec (x, y, yaw°) est (…) err m/° overlap lift rec (z, pitch°, roll°) est (…)`, then per
 * frame the anchored poses' error against the recorded ones (frame 0 as world).
 */
const { values } = parseArgs({ options: { scene: { type: "string" } } });
if (!values.scene) {
  console.error("usage: node --import tsx scripts/diagEgoMotion.ts --scene DIR");
  process.exit(2);
}
const rt = createSceneRuntime(loadScene(values.scene));
const recorded = rt.scenePoses();
if (!recorded) throw new Error(`${values.scene}: no recorded poses to compare with`);
const n = rt.scene.frames.length;
const step = (a: Pose3, b: Pose3): Pose3 => composePoses(invertPose(a), b);
const fmt = (p: { x: number; y: number; yaw: number }) =>
  `(${p.x.toFixed(3)}, ${p.y.toFixed(3)}, ${((p.yaw * 180) / Math.PI).toFixed(3)}°)`;
const planar = (p: Pose3) => ({ x: p.translationM.x, y: p.translationM.y, yaw: yawOfPose(p) });
const deg = (r: number) => ((r * 180) / Math.PI).toFixed(3);
/** Height, pitch and roll (Rz·Ry·Rx) of a pose, as "z m pitch° roll°". */
const liftOf = (p: Pose3) => {
  const m = rotationMatrixFromQuat(p.rotation);
  return `${p.translationM.z.toFixed(3)} m ${deg(-Math.asin(m[6]))}° ${deg(Math.atan2(m[7], m[8]))}°`;
};
const chain = createEgoMotionChain();
for (let k = 1; k < n; k++) {
  chain.step(rt.index(k - 1), rt.index(k), rt.timestampS(k) - rt.timestampS(k - 1));
  const m = must(chain.result().motions[k - 1], "motion");
  const rec = planar(step(must(recorded[k - 1], "pose"), must(recorded[k], "pose")));
  const err = Math.hypot(m.xM - rec.x, m.yM - rec.y);
  const yawErr = wrapAngleRad(m.yawRad - rec.yaw);
  console.log(
    `${k - 1}→${k} rec ${fmt(rec)} est ${fmt({ x: m.xM, y: m.yM, yaw: m.yawRad })} err ${err.toFixed(3)} m ${((yawErr * 180) / Math.PI).toFixed(3)}° overlap ${m.overlap.toFixed(2)} lift rec ${liftOf(step(must(recorded[k - 1], "pose"), must(recorded[k], "pose")))} est ${m.lift ? `${m.lift.zM.toFixed(3)} m ${deg(m.lift.pitchRad)}° ${deg(m.lift.rollRad)}°` : "none"}`,
  );
}
const check = chain.result();
console.log(`check: ${check.consistent ? "consistent" : check.reason}`);
const direct = new Map<string, ReturnType<typeof estimateEgoMotion>>();
for (const [a, b] of anchorSteps(n)) {
  const m = estimateEgoMotion(rt.index(a), rt.index(b));
  direct.set(`${a},${b}`, m);
  const rec = planar(step(must(recorded[a], "pose"), must(recorded[b], "pose")));
  console.log(
    `anchor ${a}→${b} rec ${fmt(rec)} est ${fmt({ x: m.xM, y: m.yM, yaw: m.yawRad })} err ${Math.hypot(m.xM - rec.x, m.yM - rec.y).toFixed(3)} m ${((wrapAngleRad(m.yawRad - rec.yaw) * 180) / Math.PI).toFixed(3)}° overlap ${m.overlap.toFixed(2)} lift rec ${liftOf(step(must(recorded[a], "pose"), must(recorded[b], "pose")))} est ${m.lift ? `${m.lift.zM.toFixed(3)} m ${deg(m.lift.pitchRad)}° ${deg(m.lift.rollRad)}°` : "none"}`,
  );
}
const poses = chainEgoPosesWith((a, b) => must(direct.get(`${a},${b}`), "direct"), check.motions);
const r0 = invertPose(must(recorded[0], "pose"));
for (let k = 0; k < n; k++) {
  const rec = composePoses(r0, must(recorded[k], "pose"));
  const e = step(rec, must(poses[k], "pose"));
  console.log(
    `frame ${k} anchored pose error ${Math.hypot(e.translationM.x, e.translationM.y).toFixed(3)} m ${((yawOfPose(e) * 180) / Math.PI).toFixed(3)}° lift error ${liftOf(e)}`,
  );
}
