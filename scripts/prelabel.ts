import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { loadScene } from "./lib/loadScene";
import { runPrelabel } from "./lib/runPrelabel";
import { DEFAULT_MIN_SCORE } from "../core/prelabel/prelabelSequence";

/**
 * npm run -s prelabel -- --scene DIR --out OUT.json [--sequence SEQ] [--min-score S]
 * (S: drop boxes scoring below it, default DEFAULT_MIN_SCORE = 0.5; 0 keeps every box)
 * Pre-labels every frame of DIR with the built-in pre-labeler (core/prelabel) and writes
 * [{frame, trackId, class, score, center, size, yaw}] in each frame's lidar coordinates.
 */
const { values } = parseArgs({
  options: {
    scene: { type: "string" },
    out: { type: "string" },
    sequence: { type: "string" },
    "min-score": { type: "string", default: String(DEFAULT_MIN_SCORE) },
  },
});
if (!values.scene || !values.out) {
  console.error("usage: npm run -s prelabel -- --scene DIR --out OUT.json [--sequence SEQ] [--min-score S]");
  process.exit(2);
}
const minScore = Number(values["min-score"]);
if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1) {
  console.error(`--min-score ${values["min-score"]}: expected a number from 0 to 1`);
  process.exit(2);
}
const rt = createSceneRuntime(
  loadScene(values.scene, values.sequence === undefined ? {} : { sequence: values.sequence }),
);
const result = runPrelabel(rt);
const boxes = result.boxes.filter((b) => b.score >= minScore);
writeFileSync(values.out, `${JSON.stringify(boxes, null, 1)}\n`);
const ms = result.detectMsPerFrame;
console.error(
  `${boxes.length} boxes over ${rt.scene.frames.length} frames (${new Set(boxes.map((b) => b.trackId)).size} tracks), ${(ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length)).toFixed(0)} ms per frame → ${values.out}`,
);
