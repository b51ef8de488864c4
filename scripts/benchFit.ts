import { parseArgs } from "node:util";
import { autoFitBox } from "../workers/fit/autoFitBox";
import { buildFrameIndex } from "../workers/fit/FrameIndex";
import { resolveClassName } from "../workers/fit/classSizePrior";
import { loadFrameCloud, loadScene } from "./lib/loadScene";
import { must } from "../core/model/must";

/**
 * node --import tsx scripts/benchFit.ts --scene DIR
 * Cost of one auto-fit click against two peers measured in the same run on the same frames: the
 * per-frame index build it amortises, and one bare linear pass over all points (the floor of any
 * click that does not use an index). Every labelled box is clicked at its centre, 20 rounds.
 */
const { values } = parseArgs({ options: { scene: { type: "string" } } });
if (!values.scene) {
  console.error("usage: node --import tsx scripts/benchFit.ts --scene DIR");
  process.exit(2);
}
const median = (v: number[]) =>
  must([...v].sort((a, b) => a - b)[v.length >> 1], "[...v].sort((a, b) => a - b)[v.length >> 1]");
for (const frame of loadScene(values.scene).frames) {
  if (frame.labels.length === 0) continue;
  const cloud = loadFrameCloud(frame);
  const builds: number[] = [];
  let index = buildFrameIndex(cloud);
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    index = buildFrameIndex(cloud);
    builds.push(performance.now() - t);
  }
  const clicks: number[] = [];
  const scans: number[] = [];
  let sink = 0;
  for (let r = 0; r < 20; r++) {
    for (const l of frame.labels) {
      let t = performance.now();
      sink += autoFitBox(index, l.centerM, resolveClassName(l.className)).pointCount;
      clicks.push(performance.now() - t);
      t = performance.now();
      const p = cloud.positions;
      for (let i = 0; i < cloud.pointCount; i++) {
        const dx = (p[3 * i] ?? NaN) - l.centerM.x;
        const dy = (p[3 * i + 1] ?? NaN) - l.centerM.y;
        if (dx * dx + dy * dy < 9) sink++;
      }
      scans.push(performance.now() - t);
    }
  }
  const click = median(clicks);
  console.log(
    `${frame.name}: ${cloud.pointCount} points; auto-fit click median ${click.toFixed(2)} ms (p95 ${must([...clicks].sort((a, b) => a - b)[Math.floor(clicks.length * 0.95)], "[...clicks].sort((a, b) => a - b)[Math.floor(clicks.lengt...").toFixed(2)} ms) = ${(click / median(builds)).toFixed(2)}× the index build (${median(builds).toFixed(2)} ms, once per frame) = ${(click / median(scans)).toFixed(2)}× one bare pass over all points (${median(scans).toFixed(2)} ms)${sink < 0 ? "" : ""}`,
  );
}
