import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runQaChecks } from "../core/qa/runQaChecks";
import { loadScene } from "./lib/loadScene";
import { qaInputOfScene } from "./lib/qaInputOfScene";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { must } from "../core/model/must";

/**
 * npm run -s qa -- --scene DIR --out FLAGS.json [--sequence SEQ]
 * Runs every QA check (default settings) on the labels DIR carries and writes
 * `[{frame, trackId, kind, severity, message}]`: `frame` is the frame's id in the scene, `trackId`
 * the label's id. Prints one summary line; exits 2 on bad usage, 1 on bad input.
 */
const usage = "usage: npm run -s qa -- --scene DIR --out FLAGS.json [--sequence SEQ]";
let values: { scene?: string; out?: string; sequence?: string };
try {
  values = parseArgs({
    options: { scene: { type: "string" }, out: { type: "string" }, sequence: { type: "string" } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!values.scene || !values.out) {
  console.error(usage);
  process.exit(2);
}
try {
  const started = performance.now();
  const rt = createSceneRuntime(
    loadScene(values.scene, values.sequence === undefined ? {} : { sequence: values.sequence }),
  );
  const labels = rt.scene.frames.map((f) => f.labels);
  const findings = runQaChecks(qaInputOfScene(rt, labels));
  const rows = findings.map((f) => ({
    frame: must(rt.scene.frames[f.frameIndex], "rt.scene.frames[f.frameIndex]").name,
    trackId: f.trackId,
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    ...(f.otherTrackId === undefined ? {} : { otherTrackId: f.otherTrackId }),
  }));
  writeFileSync(values.out, `${JSON.stringify(rows, null, 2)}\n`);
  const boxes = labels.flat().length;
  console.log(
    `${values.out}: ${rows.length} findings on ${boxes} boxes in ${rt.scene.frames.length} frames (${((performance.now() - started) / 1000).toFixed(2)} s)`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
