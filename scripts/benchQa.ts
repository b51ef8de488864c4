import { cuboidCorners } from "../core/geometry/cuboidCorners";
import { buildFrameIndex, type FrameIndex } from "../core/pointcloud/FrameIndex";
import type { QaBox, QaInput } from "../core/qa/QaInput";
import { runQaChecks } from "../core/qa/runQaChecks";
import { createSeededPrng } from "../workers/fit/createSeededPrng";
import { synthesizeScan } from "../workers/fit/synthesizeScan";
import { must } from "../core/model/must";

/**
 * npm run -s bench:qa
 * Every QA check on a synthetic 50-frame sequence with 100 tracks (cars at 10 Hz, half moving,
 * lidar-like points per frame), next to a plain pass over the same boxes (their 8 corners each),
 * measured in the same run. Point indexing (once per frame, shared with the viewer's tools) is
 * timed apart.
 */
const FRAMES = 50;
const TRACKS = 100;
const random = createSeededPrng(5);
const tracks = Array.from({ length: TRACKS }, (_, i) => ({
  x0: -60 + 120 * random(),
  y0: -60 + 120 * random(),
  yawRad: -Math.PI + 2 * Math.PI * random(),
  speedMps: i % 2 === 0 ? 0 : 3 + 10 * random(),
}));
const size = { lengthM: 4.5, widthM: 1.85, heightM: 1.55 };
const boxes: QaBox[] = [];
for (let k = 0; k < FRAMES; k++)
  tracks.forEach((t, i) => {
    const d = t.speedMps * k * 0.1;
    boxes.push({
      id: `${k}/${i}`,
      trackId: String(i),
      frameIndex: k,
      className: "Car",
      attributes: {},
      centerM: {
        x: t.x0 + d * Math.cos(t.yawRad),
        y: t.y0 + d * Math.sin(t.yawRad),
        z: -1.8 + size.heightM / 2,
      },
      size,
      yawRad: t.yawRad,
    });
  });
let started = performance.now();
const indexes: FrameIndex[] = Array.from({ length: FRAMES }, (_, k) =>
  buildFrameIndex(
    synthesizeScan({
      boxes: boxes.filter((b) => b.frameIndex === k),
      groundZ0: -1.8,
      extentM: 60,
      stepM: 0.4,
      seed: k + 1,
    }),
  ),
);
const indexMs = performance.now() - started;
const input: QaInput = {
  frames: Array.from({ length: FRAMES }, (_, k) => ({ timestampS: k * 0.1, worldFromLidar: null })),
  boxes,
  points: (k) => must(indexes[k], "indexes[k]"),
  classSizes: new Map([["Car", size]]),
};
const best = (f: () => unknown, runs: number) => {
  let ms = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    f();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
};
started = performance.now();
const findings = runQaChecks(input);
const firstMs = performance.now() - started;
const checksMs = best(() => runQaChecks(input), 5);
let sink = 0;
const plainMs = best(() => {
  for (const b of boxes) for (const c of cuboidCorners(b)) sink += c.x;
}, 5);
const pointsOff: QaInput = { ...input, points: undefined };
const geometryMs = best(() => runQaChecks(pointsOff), 5);
console.log(
  `${FRAMES} frames, ${TRACKS} tracks, ${boxes.length} boxes, ${indexes.reduce((a, i) => a + i.pointCount, 0)} points (indexed in ${indexMs.toFixed(0)} ms); ${findings.length} findings${sink === 0 ? "" : ""}`,
);
console.log(`plain pass (8 corners per box):  ${plainMs.toFixed(1)} ms`);
console.log(
  `all checks without points:       ${geometryMs.toFixed(1)} ms  (${(geometryMs / plainMs).toFixed(1)}× the plain pass)`,
);
console.log(
  `all checks with points:          ${checksMs.toFixed(1)} ms  (${(checksMs / plainMs).toFixed(1)}× the plain pass; first run ${firstMs.toFixed(0)} ms)`,
);
