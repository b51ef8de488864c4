import { parseArgs } from "node:util";
import { yawErrorModPiRad } from "../core/fit/angles";
import type { BoxLabel } from "../core/formats/BoxLabel";
import { bevIou } from "../core/geometry/iou";
import { DEFAULT_CLASSES, VEHICLE_CLASSES } from "../core/model/defaultClasses";
import { updateCuboid } from "../client/editor/commands/editCuboids";
import { setFrame } from "../client/editor/commands/frames";
import { propagateSelected } from "../client/editor/commands/propagateSelected";
import { createEditor, type Editor, type FitService } from "../client/editor/createEditor";
import { cuboidOfTrack } from "../client/editor/selectors";
import { handleKey, type KeyInput } from "../client/editor/shortcuts";
import { createToolMachine, type ToolMachine } from "../client/editor/tools/createToolMachine";
import { autoFitBox } from "../workers/fit/autoFitBox";
import { resolveClassName } from "../workers/fit/classSizePrior";
import { propagateTrack } from "../workers/fit/propagateTrack";
import { refitBox } from "../workers/fit/refitBox";
import { countLabelPoints } from "./lib/countLabelPoints";
import { loadScene } from "./lib/loadScene";
import { createSceneRuntime, type SceneRuntime } from "./lib/SceneRuntime";
import { REAL_DATA_DIR } from "./testing/realData";

/**
 * npm run -s bench:effort [-- --scene DIR]
 * A scripted annotator labels the scene's vehicle tracks from their ground truth through the
 * editor (client/editor: the same tool machine, key table and commands the workspace runs, with
 * the real fit algorithms behind its fit service), using only what a person does — key presses,
 * clicks and drags on the BEV ground — and counts them:
 * - quickest path: per track, at its first well-seen frame the class key, N and one click (one-click
 *   fit); a drag per wrong property (heading, length, width, position) where the fit is off; P
 *   (propagate); then at each later box that is missing, flagged or below BEV IoU 0.7: go there
 *   (timeline click), fix it the same way (or N + click where there is none), accept (Enter) and P
 *   again; boxes left where the track has no ground truth are deleted (go there + Delete; past the
 *   track's last labelled frame all at once, Shift+Delete).
 * - manual baseline, same run: every box drawn (N + drag over its extent) and adjusted.
 * Box-frames: ground-truth vehicle boxes with ≥ 10 lidar points. A drag that fixes a property is
 * applied exactly (the annotator drags the edge where it belongs).
 * NOT in Chromium: it drives the editor headless in Node, so machine-seconds are the fit work and
 * the editor's, without rendering; the browser driver (e2e harness) is not written yet.
 */
const { values } = parseArgs({ options: { scene: { type: "string" } } });
const sceneDir =
  values.scene ?? `${REAL_DATA_DIR}/argoverse1-tracking/app/test_dataset/0_drive_0064_sync/sample/argoverse`;
const rt = createSceneRuntime(loadScene(sceneDir));
const poses = rt.worldFromLidar();
const frameCount = rt.scene.frames.length;

/** The editor's fit service over the fit algorithms directly (the worker wraps the same calls). */
function fitServiceOver(runtime: SceneRuntime, editor: () => Editor): FitService {
  const frames = runtime.propagationFrames();
  const k = () => editor().store.get().frameIndex;
  return {
    refit: async (box, options) => {
      const r = refitBox(runtime.index(k()), box, options?.anyHeading ? { anyHeading: true } : {});
      return { box: r.box, moved: r.moved };
    },
    autoFit: async (clickM, className, priorSize) => {
      const r = autoFitBox(runtime.index(k()), clickM, className, priorSize);
      return { box: { centerM: r.centerM, size: r.size, yawRad: r.yawRad }, pointCount: r.pointCount };
    },
    propagate: async (seed, direction) =>
      propagateTrack(frames, { frameIndex: seed.frameIndex, ...seed.box }, { direction }).map((b) => ({
        frameIndex: b.frameIndex,
        box: { centerM: b.centerM, size: b.size, yawRad: b.yawRad },
        ...(b.needsReview ? { needsReview: b.needsReview } : {}),
      })),
  };
}

function newEditor(): { editor: Editor; tools: ToolMachine } {
  let n = 0;
  const editor = createEditor({
    classes: DEFAULT_CLASSES,
    author: "bench",
    frameCount,
    timedFrames: rt.scene.frames.map((_, i) => ({
      frameIndex: i,
      timestampS: rt.timestampS(i),
      worldFromLidar: poses[i]!,
    })),
    now: () => new Date(0).toISOString(),
    newId: () => `c${++n}`,
  });
  editor.fit = fitServiceOver(rt, () => editor);
  return { editor, tools: createToolMachine(editor) };
}

const keyOf = (code: string, key = code): KeyInput => ({
  key,
  code,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
});
const ground = (xM: number, yM: number) => ({ xM, yM, button: 0, shiftKey: false, altKey: false });

/** Vehicle tracks: GT id → frame → label; box-frames to label: ≥ 10 points. */
const tracks = new Map<string, Map<number, BoxLabel>>();
for (const [k, f] of rt.scene.frames.entries())
  for (const l of f.labels)
    if (VEHICLE_CLASSES.has(resolveClassName(l.className))) {
      const t = tracks.get(l.trackId) ?? new Map<number, BoxLabel>();
      t.set(k, l);
      tracks.set(l.trackId, t);
    }
const targets = new Map<string, number[]>();
for (const [id, t] of tracks) {
  const ks = [...t.keys()].filter((k) => countLabelPoints(rt, k, t.get(k)!) >= 10).sort((a, b) => a - b);
  if (ks.length) targets.set(id, ks);
}
const boxFrames = [...targets.values()].reduce((n, ks) => n + ks.length, 0);

/** A person's session: every key, click and drag counted. */
function annotator(editor: Editor, tools: ToolMachine) {
  let actions = 0;
  const byKind = new Map<string, number>();
  const count = (kind: string) => {
    actions++;
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  };
  const press = (code: string, key?: string, shiftKey = false) => {
    count(`key ${shiftKey ? "Shift+" : ""}${key ?? code}`);
    handleKey(editor, tools, { ...keyOf(code, key), shiftKey });
  };
  const goTo = (k: number) => {
    if (editor.store.get().frameIndex === k) return;
    count("timeline click");
    setFrame(editor, k);
  };
  const chooseClass = (className: string) => {
    const cls = DEFAULT_CLASSES.find((c) => c.name === resolveClassName(className));
    if (cls?.hotkey && editor.store.get().activeClassName !== cls.name)
      press(`Digit${cls.hotkey}`, cls.hotkey);
  };
  /** Drags (top/side view handles) for each property of the selected box that is off; applied exactly. */
  const fix = (truth: BoxLabel) => {
    const s = editor.store.get();
    const c = cuboidOfTrack(s, s.selectedTrackId)!;
    if (bevIou(c, truth) >= 0.8 && yawErrorModPiRad(c.yawRad, truth.yawRad) < (3 * Math.PI) / 180) return;
    let box = { centerM: { ...c.centerM }, size: { ...c.size }, yawRad: c.yawRad };
    const drag = (patch: Partial<typeof box>) => {
      count("fix drag");
      box = { ...box, ...patch };
      updateCuboid(editor, c.id, box);
    };
    if (yawErrorModPiRad(box.yawRad, truth.yawRad) > (2 * Math.PI) / 180) drag({ yawRad: truth.yawRad });
    if (Math.abs(box.size.lengthM - truth.size.lengthM) > 0.25)
      drag({ size: { ...box.size, lengthM: truth.size.lengthM } });
    if (Math.abs(box.size.widthM - truth.size.widthM) > 0.2)
      drag({ size: { ...box.size, widthM: truth.size.widthM } });
    if (Math.hypot(box.centerM.x - truth.centerM.x, box.centerM.y - truth.centerM.y) > 0.15)
      drag({ centerM: { ...box.centerM, x: truth.centerM.x, y: truth.centerM.y } });
  };
  return {
    press,
    goTo,
    chooseClass,
    fix,
    click: (xM: number, yM: number) => {
      count("BEV click");
      tools.pointerDown(ground(xM, yM));
      tools.pointerUp(ground(xM, yM));
    },
    dragOut: (x0: number, y0: number, x1: number, y1: number) => {
      count("BEV drag");
      tools.pointerDown(ground(x0, y0));
      tools.pointerMove(ground(x1, y1));
      tools.pointerUp(ground(x1, y1));
    },
    get actions() {
      return actions;
    },
    breakdown: () => [...byKind].map(([k, n]) => `${k} ${n}`).join(", "),
  };
}

/** Lets the fit step a click or key started land (the editor queues them as promises). */
const settle = () => new Promise((r) => setTimeout(r, 0));

async function quickestPath() {
  const { editor, tools } = newEditor();
  const a = annotator(editor, tools);
  /** GT track → our track ids (a track taken up again after a miss may be a new one). */
  const ours = new Map<string, Set<string>>();
  const order = [...targets.entries()].sort((p, q) => p[1][0]! - q[1][0]!);
  const oneClick = async (truth: BoxLabel, gtId: string) => {
    a.chooseClass(truth.className);
    a.press("KeyN", "n");
    // Where a person clicks: on the object, a little off its centre.
    a.click(truth.centerM.x + 0.2, truth.centerM.y - 0.2);
    await settle();
    await propagateIdle();
    ours.get(gtId)!.add(editor.store.get().selectedTrackId!);
  };
  const propagateIdle = async () => {
    for (let i = 0; i < 50; i++) await settle();
  };
  for (const [gtId, ks] of order) {
    const gt = tracks.get(gtId)!;
    ours.set(gtId, new Set());
    const start = ks.find((k) => countLabelPoints(rt, k, gt.get(k)!) >= 30) ?? ks[0]!;
    a.goTo(start);
    await oneClick(gt.get(start)!, gtId);
    a.fix(gt.get(start)!);
    a.press("KeyP", "p");
    await propagateSelected(editor, "forward");
    for (const k of ks) {
      if (k <= start) continue;
      const s = editor.store.get();
      const mine = [...ours.get(gtId)!].map((t) => cuboidOfTrack(s, t, k)).find((c) => c !== null);
      const good = mine && !s.needsReview.has(mine.id) && bevIou(mine, gt.get(k)!) >= 0.7;
      if (good) continue;
      a.goTo(k);
      if (mine) {
        if (editor.store.get().selectedTrackId !== mine.trackId) a.click(mine.centerM.x, mine.centerM.y);
        if (bevIou(mine, gt.get(k)!) >= 0.7 && yawErrorModPiRad(mine.yawRad, gt.get(k)!.yawRad) < 0.05)
          a.press("Enter", "Enter");
        else a.fix(gt.get(k)!);
      } else {
        await oneClick(gt.get(k)!, gtId);
        a.fix(gt.get(k)!);
      }
      a.press("KeyP", "p");
      await propagateSelected(editor, "forward");
    }
    // Boxes where the track has no ground truth at all: past its last labelled frame (the object
    // left the labelled area) the track is cut in one go (Shift+Delete); inside, box by box.
    const lastLabelled = Math.max(...gt.keys());
    for (const trackId of ours.get(gtId)!) {
      const extra = [...editor.store.get().cuboids.values()]
        .filter((c) => c.trackId === trackId && !gt.has(c.frameIndex))
        .sort((p, q) => p.frameIndex - q.frameIndex);
      const tail = extra.filter((c) => c.frameIndex > lastLabelled);
      for (const c of [...extra.filter((c) => c.frameIndex < lastLabelled), ...tail.slice(0, 1)]) {
        a.goTo(c.frameIndex);
        if (editor.store.get().selectedTrackId !== c.trackId) a.click(c.centerM.x, c.centerM.y);
        if (c === tail[0]) a.press("Delete", "Delete", true);
        else a.press("Delete", "Delete");
      }
    }
  }
  const ious: number[] = [];
  const s = editor.store.get();
  for (const [gtId, ks] of targets)
    for (const k of ks) {
      const best = Math.max(
        0,
        ...[...ours.get(gtId)!]
          .map((t) => cuboidOfTrack(s, t, k))
          .map((c) => (c ? bevIou(c, tracks.get(gtId)!.get(k)!) : 0)),
      );
      ious.push(best);
    }
  return { actions: a.actions, ious, breakdown: a.breakdown() };
}

function manualBaseline() {
  const { editor, tools } = newEditor();
  const a = annotator(editor, tools);
  for (let k = 0; k < frameCount; k++) {
    const here = [...targets.entries()].filter(([, ks]) => ks.includes(k));
    if (here.length === 0) continue;
    a.goTo(k);
    for (const [gtId] of here) {
      const truth = tracks.get(gtId)!.get(k)!;
      a.chooseClass(truth.className);
      a.press("KeyN", "n");
      // Drawn over the object as the annotator sees it: its extent, axis-aligned, then adjusted.
      const { x, y } = truth.centerM;
      a.dragOut(
        x - truth.size.lengthM / 2,
        y - truth.size.widthM / 2,
        x + truth.size.lengthM / 2,
        y + truth.size.widthM / 2,
      );
      a.fix(truth);
    }
  }
  return { actions: a.actions, breakdown: a.breakdown() };
}

const median = (v: number[]) => {
  const s = [...v].sort((p, q) => p - q);
  return s.length
    ? s.length % 2
      ? s[s.length >> 1]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
    : Number.NaN;
};

const started = performance.now();
const quick = await quickestPath();
const seconds = (performance.now() - started) / 1000;
const manual = manualBaseline();
const perBox = (n: number) => n / boxFrames;
console.log(`scene ${sceneDir}: ${targets.size} vehicle tracks, ${boxFrames} box-frames (≥ 10 points)`);
console.log(
  `quickest path (one-click, propagate, fix, accept): ${quick.actions} actions = ${perBox(quick.actions).toFixed(2)} per box-frame, ${seconds.toFixed(1)} s = ${perBox(seconds).toFixed(3)} machine-s per box-frame (headless editor in Node, not Chromium), median BEV IoU ${median(quick.ious).toFixed(3)}, ${((100 * quick.ious.filter((v) => v >= 0.7).length) / quick.ious.length).toFixed(1)}% >= 0.7`,
);
console.log(`  ${quick.breakdown}`);
console.log(
  `manual (draw + adjust every box): ${manual.actions} actions = ${perBox(manual.actions).toFixed(2)} per box-frame; ratio ${(manual.actions / quick.actions).toFixed(1)}x`,
);
console.log(`  ${manual.breakdown}`);
console.log(
  JSON.stringify({
    actionsPerBoxFrame: Number(perBox(quick.actions).toFixed(3)),
    manualActionsPerBoxFrame: Number(perBox(manual.actions).toFixed(3)),
    secondsPerBoxFrame: Number(perBox(seconds).toFixed(4)),
    medianBevIou: Number(median(quick.ious).toFixed(3)),
  }),
);
