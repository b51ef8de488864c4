import { yawErrorModPiRad } from "../../../core/fit/angles";
import type { BoxLabel } from "../../../core/formats/BoxLabel";
import { bevIou } from "../../../core/geometry/iou";
import type { Cuboid } from "../../../core/model/Cuboid";
import type { BrowserAnnotator } from "./createBrowserAnnotator";
import type { ClassKeys } from "./classKeys";
import type { VehicleTarget } from "./vehicleTargets";

/** A machine box this close to the truth is accepted as it is (Enter); below, it is fixed by drags. */
const ACCEPT_IOU = 0.7;
const ACCEPT_YAW_RAD = 0.05;

export interface QuickestPathDeps {
  a: BrowserAnnotator;
  classKeys: ClassKeys;
  /** The sequence's boxes as saved (after the annotator's edits have been sent). */
  savedCuboids: () => Promise<Cuboid[]>;
  /** Frames [first, last] the job covers. */
  range: { first: number; last: number };
  /** Told after each track (progress). */
  onTrackDone?: (done: number, of: number) => void;
}

/**
 * The quickest path the workspace offers, per vehicle track: at its first well-seen frame N, its
 * class key and one click on the object (one-click fit); drags in the top view where the fit is
 * off; P (propagate). Then at each later frame whose box is missing, flagged or below BEV IoU 0.7:
 * go there, fix it (or one-click where there is none), accept it (Enter) when it only needed a
 * look, and P again. Boxes where the track has no ground truth are deleted (past its last labelled
 * frame all at once, Shift+Delete). Returns, per ground-truth track, the tracks made for it.
 */
export async function labelByQuickestPath(
  deps: QuickestPathDeps,
  targets: readonly VehicleTarget[],
): Promise<Map<string, Set<string>>> {
  const { a, classKeys } = deps;
  const ours = new Map<string, Set<string>>();
  const oneClickAt = async (truth: BoxLabel, mine: Set<string>) => {
    const before = (await a.readSelected())?.trackId ?? null;
    await a.press("n");
    await classKeys.choose(truth.className);
    // Where a person clicks: on the object, a little off its centre.
    const made = await a.oneClick(truth.centerM.x + 0.2, truth.centerM.y - 0.2, before);
    mine.add(made.trackId);
    await a.fix(truth);
  };
  for (const target of targets) {
    const mine = new Set<string>();
    ours.set(target.gtId, mine);
    const truthAt = (k: number) => {
      const t = target.truth.get(k);
      if (!t) throw new Error(`track ${target.gtId} has no ground truth at frame ${k}`);
      return t;
    };
    await a.goTo(target.start);
    await oneClickAt(truthAt(target.start), mine);
    await a.propagate();
    for (const k of target.frames) {
      if (k <= target.start) continue;
      await a.waitSaved();
      const truth = truthAt(k);
      const box = (await deps.savedCuboids()).find((c) => mine.has(c.trackId) && c.frameIndex === k);
      const iou = box ? bevIou(box, truth) : 0;
      if (box && !box.needsReview && iou >= ACCEPT_IOU) continue;
      if (box) {
        await a.selectTrackAt(box.trackId, k, box.centerM);
        if (iou >= ACCEPT_IOU && yawErrorModPiRad(box.yawRad, truth.yawRad) < ACCEPT_YAW_RAD)
          await a.press("Enter");
        else await a.fix(truth);
      } else {
        await a.goTo(k);
        await oneClickAt(truth, mine);
      }
      await a.propagate();
    }
    // Boxes where the track has no ground truth (inside the job's frames): past its last labelled
    // frame the track is cut in one go (Shift+Delete); before, box by box.
    await a.waitSaved();
    const lastLabelled = Math.max(...target.truth.keys());
    const extra = (await deps.savedCuboids())
      .filter(
        (c) =>
          mine.has(c.trackId) &&
          !target.truth.has(c.frameIndex) &&
          c.frameIndex >= deps.range.first &&
          c.frameIndex <= deps.range.last,
      )
      .sort((p, q) => p.frameIndex - q.frameIndex);
    const inside = extra.filter((c) => c.frameIndex < lastLabelled);
    const tailStarts = new Map<string, Cuboid>();
    for (const c of extra)
      if (c.frameIndex > lastLabelled && !tailStarts.has(c.trackId)) tailStarts.set(c.trackId, c);
    for (const c of inside) {
      await a.selectTrackAt(c.trackId, c.frameIndex, c.centerM);
      await a.press("Delete");
    }
    for (const c of tailStarts.values()) {
      await a.selectTrackAt(c.trackId, c.frameIndex, c.centerM);
      await a.press("Shift+Delete");
    }
    deps.onTrackDone?.(ours.size, targets.length);
  }
  await a.waitSaved();
  return ours;
}
