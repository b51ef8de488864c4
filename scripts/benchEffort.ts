import { parseArgs } from "node:util";
import type { BoxLabel } from "../core/formats/BoxLabel";
import { bevIou } from "../core/geometry/iou";
import { annotations } from "../e2e/harness/api";
import { importFolder } from "../e2e/harness/importFolder";
import { launchBrowser } from "../e2e/harness/launchBrowser";
import { signInBrowser } from "../e2e/harness/signIn";
import { clearAnnotations, startBenchServer } from "./lib/effort/benchServer";
import { classKeys } from "./lib/effort/classKeys";
import { createBrowserAnnotator } from "./lib/effort/createBrowserAnnotator";
import { labelByHand } from "./lib/effort/labelByHand";
import { labelByQuickestPath } from "./lib/effort/labelByQuickestPath";
import { vehicleTargets } from "./lib/effort/vehicleTargets";
import { loadScene } from "./lib/loadScene";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { REAL_DATA_DIR } from "./testing/realData";

const USAGE = `npm run -s bench:effort [-- --scene DIR] [--frames FIRST:LAST] [--tracks N] [--manual-boxes M] [--client-dir DIR]

A scripted annotator in real Chromium (the e2e harness: the real server on a temporary data
folder, Debian's Chromium through playwright-core) labels the scene's vehicle tracks from their
ground truth with clicks, keys and drags only, and counts every one:
- quickest path: per track, N + class key + one click (one-click fit), top-view drags where the
  fit is off, P; at each later box that is missing, flagged or below BEV IoU 0.7: go there, fix or
  accept (Enter), P again; boxes where the track has no truth are deleted.
- manual baseline, same run, same scene: every box drawn (N + class key + drag) and adjusted,
  on the first M box-frames (--manual-boxes, default 40; per box-frame it does not depend on the
  track, so a sample measures it).
Box-frames: ground-truth vehicle boxes with >= 10 lidar points, in frames FIRST..LAST (default
all) of the first N vehicle tracks (default all). The scene is imported through the server's own
importer, its boxes removed before the annotator starts; the result is read back through the API.
Last line: {"actionsPerBoxFrame","manualActionsPerBoxFrame","secondsPerBoxFrame","medianBevIou"}.`;

const { values } = parseArgs({
  options: {
    scene: { type: "string" },
    frames: { type: "string" },
    tracks: { type: "string" },
    "manual-boxes": { type: "string" },
    "client-dir": { type: "string" },
    help: { type: "boolean" },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const sceneDir =
  values.scene ?? `${REAL_DATA_DIR}/argoverse1-tracking/app/test_dataset/0_drive_0064_sync/sample/argoverse`;
const rt = createSceneRuntime(loadScene(sceneDir));
const frameCount = rt.scene.frames.length;
const [firstText, lastText] = (values.frames ?? `0:${frameCount - 1}`).split(":");
const range = { first: Number(firstText), last: Math.min(frameCount - 1, Number(lastText)) };
if (!Number.isInteger(range.first) || !Number.isInteger(range.last) || range.first > range.last)
  throw new Error(`--frames ${values.frames}: expected FIRST:LAST, frame indices 0..${frameCount - 1}`);
const targets = vehicleTargets(rt, range, values.tracks ? Number(values.tracks) : undefined);
const boxFrames = targets.reduce((n, t) => n + t.frames.length, 0);
if (boxFrames === 0)
  throw new Error(`${sceneDir}: no vehicle box with >= 10 points in frames ${values.frames}`);
const manualCount = Number(values["manual-boxes"] ?? 40);
const manualBoxes: Array<{ frameIndex: number; truth: BoxLabel }> = targets
  .flatMap((t) =>
    t.frames.flatMap((k) => {
      const truth = t.truth.get(k);
      return truth ? [{ frameIndex: k, truth }] : [];
    }),
  )
  .sort((p, q) => p.frameIndex - q.frameIndex)
  .slice(0, manualCount);

const server = await startBenchServer(values["client-dir"]);
const session = await launchBrowser({ width: 1600, height: 1200 }, { locale: "en-US" });
try {
  await signInBrowser(session.page, server.url);
  const sequenceId = await importFolder(server.url, sceneDir);
  const imported = await clearAnnotations(server.url, sequenceId);
  // The importer and loadScene must agree on frames and coordinates, or the truth means nothing.
  const agree = imported.cuboids.filter((c) =>
    rt.scene.frames[c.frameIndex]?.labels.some((l) => bevIou(c, l) > 0.95),
  ).length;
  if (imported.cuboids.length > 0 && agree < 0.95 * imported.cuboids.length)
    throw new Error(
      `${sceneDir}: only ${agree} of ${imported.cuboids.length} imported boxes match the scene's labels; the importer and loadScene disagree on frames or coordinates`,
    );
  const { page } = session;
  const open = async () => {
    await page.goto(`${server.url}/sequences/${sequenceId}?frame=${range.first}`);
    await page.waitForSelector(`[data-testid=frame-status][data-drawn-frame="${range.first}"]`, {
      timeout: 120_000,
    });
    return page.getByTestId("class-select").inputValue();
  };
  const savedCuboids = async () => (await annotations(server.url, sequenceId)).cuboids;

  // Manual baseline first, on a sample; then a clean sequence for the quickest path.
  const manualAnnotator = createBrowserAnnotator(page);
  await labelByHand(manualAnnotator, classKeys(manualAnnotator, await open()), manualBoxes);
  await clearAnnotations(server.url, sequenceId);
  console.error(`manual baseline: ${manualAnnotator.actions} actions on ${manualBoxes.length} box-frames`);

  const a = createBrowserAnnotator(page);
  const initialClass = await open();
  const started = performance.now();
  const onTrackDone = (done: number, of: number) =>
    console.error(
      `track ${done}/${of}: ${a.actions} actions, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  const ours = await labelByQuickestPath(
    { a, classKeys: classKeys(a, initialClass), savedCuboids, range, onTrackDone },
    targets,
  );
  const seconds = (performance.now() - started) / 1000;

  const saved = await savedCuboids();
  const ious = targets.flatMap((t) =>
    t.frames.map((k) => {
      const truth = t.truth.get(k);
      const mine = ours.get(t.gtId);
      const boxes = saved.filter((c) => c.frameIndex === k && mine?.has(c.trackId));
      return truth ? Math.max(0, ...boxes.map((c) => bevIou(c, truth))) : 0;
    }),
  );
  const sorted = [...ious].sort((p, q) => p - q);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const perBox = a.actions / boxFrames;
  const manualPerBox = manualAnnotator.actions / Math.max(1, manualBoxes.length);
  console.log(
    `scene ${sceneDir}: frames ${range.first}..${range.last} of ${frameCount}, ${targets.length} vehicle tracks, ${boxFrames} box-frames (>= 10 points)`,
  );
  console.log(
    `quickest path (one-click, propagate, fix, accept) in Chromium: ${a.actions} actions = ${perBox.toFixed(2)} per box-frame, ${seconds.toFixed(0)} s = ${(seconds / boxFrames).toFixed(2)} machine-s per box-frame, median BEV IoU ${median.toFixed(3)}, ${((100 * ious.filter((v) => v >= 0.7).length) / ious.length).toFixed(1)}% >= 0.7`,
  );
  console.log(`  ${a.breakdown()}`);
  console.log(
    `manual (draw + adjust every box) in Chromium, ${manualBoxes.length} box-frames: ${manualAnnotator.actions} actions = ${manualPerBox.toFixed(2)} per box-frame; ratio ${(manualPerBox / perBox).toFixed(1)}x`,
  );
  console.log(`  ${manualAnnotator.breakdown()}`);
  if (session.consoleErrors.length)
    console.log(`browser console errors: ${session.consoleErrors.slice(0, 5).join(" | ")}`);
  console.log(
    JSON.stringify({
      actionsPerBoxFrame: Number(perBox.toFixed(3)),
      manualActionsPerBoxFrame: Number(manualPerBox.toFixed(3)),
      secondsPerBoxFrame: Number((seconds / boxFrames).toFixed(3)),
      medianBevIou: Number(median.toFixed(3)),
    }),
  );
} finally {
  await session.close();
  await server.dispose();
}
