import { interpolateTrack } from "../../../core/fit/interpolateTrack";
import type { Cuboid } from "../../../core/model/Cuboid";
import { isMachineProvenance } from "../../../core/model/Provenance";
import { sameRecord } from "../AnnotationDiff";
import { applyDiff, diffPut } from "../applyDiff";
import type { Editor } from "../createEditor";
import { t } from "../../i18n/i18n";
import { selectedCuboid } from "../selectors";
import { machineCuboids } from "./machineCuboids";
import { queueFitStep } from "./queueFitStep";

/** A refined centre closer than this to the interpolated one is no move, metres. */
const MOVED_M = 1e-3;

/**
 * Fills the selected track between its human keyframes (every box not made by the machine) with
 * core/fit/interpolateTrack, in world coordinates through the editor's `timedFrames`, as ONE undo
 * step with provenance "interpolated". Machine boxes between the keys are replaced; keys are never
 * touched. Returns the number of boxes written (0 with fewer than two keyframes).
 *
 * With a fit service, the boxes are then moved towards the track's points in their frames
 * (`refineInterpolated`, queued like the other machine steps) as a second undo step, so undo
 * first returns to the plain interpolation; boxes whose points lie well off them are flagged for
 * review instead. A box edited meanwhile is left as it is.
 */
export function interpolateSelected(editor: Editor): number {
  const s = editor.store.get();
  const selected = selectedCuboid(s);
  if (!selected) return 0;
  const keys = [...s.cuboids.values()].filter(
    (c) => c.trackId === selected.trackId && !isMachineProvenance(c.provenance),
  );
  if (keys.length < 2) {
    editor.store.update({ notice: t("notices.interpolateNeedsKeys") });
    return 0;
  }
  const boxes = interpolateTrack(keys, editor.timedFrames);
  const cuboids = boxes.flatMap((b) =>
    machineCuboids(
      editor,
      selected,
      [{ frameIndex: b.frameIndex, box: { centerM: b.centerM, size: b.size, yawRad: b.yawRad } }],
      "interpolated",
    ),
  );
  applyDiff(editor, diffPut(editor, cuboids), "user");
  editor.store.update((st) => {
    const needsReview = new Map(st.needsReview);
    for (const c of cuboids) needsReview.delete(c.id);
    return {
      needsReview,
      notice: t("notices.interpolated", { count: cuboids.length, keys: keys.length }),
    };
  });
  const written = cuboids.flatMap((c) => {
    const now = editor.store.get().cuboids.get(c.id);
    return now ? [now] : [];
  });
  if (written.length > 0 && editor.fit?.refineInterpolated)
    void queueFitStep(editor, () => refineInterpolatedNow(editor, written, keys));
  return cuboids.length;
}

async function refineInterpolatedNow(
  editor: Editor,
  written: readonly Cuboid[],
  keys: readonly Cuboid[],
): Promise<void> {
  const refine = editor.fit?.refineInterpolated;
  if (!refine) return;
  const sortedKeys = [...keys].sort((a, b) => a.frameIndex - b.frameIndex);
  const items = written.flatMap((c) => {
    const before = sortedKeys.findLast((k) => k.frameIndex < c.frameIndex);
    const after = sortedKeys.find((k) => k.frameIndex > c.frameIndex);
    if (!before || !after) return [];
    const boxOf = (b: Cuboid) => ({ centerM: b.centerM, size: b.size, yawRad: b.yawRad });
    return [
      {
        cuboid: c,
        frameIndex: c.frameIndex,
        box: boxOf(c),
        before: { frameIndex: before.frameIndex, box: boxOf(before) },
        after: { frameIndex: after.frameIndex, box: boxOf(after) },
      },
    ];
  });
  let results: Awaited<ReturnType<typeof refine>>;
  try {
    results = await refine(items.map(({ cuboid: _, ...item }) => item));
  } catch (e) {
    editor.store.update({ notice: t("notices.interpolationRefineFailed", { detail: (e as Error).message }) });
    return;
  }
  const now = editor.store.get().cuboids;
  const changed: Cuboid[] = [];
  const flagged: Array<[string, string]> = [];
  let moved = 0;
  for (const [i, item] of items.entries()) {
    const r = results[i];
    const current = now.get(item.cuboid.id);
    if (!r || !current || !sameRecord(current, item.cuboid)) continue;
    if (r.needsReview) {
      flagged.push([current.id, r.needsReview]);
      changed.push({ ...current, needsReview: r.needsReview });
      continue;
    }
    const shiftM = Math.hypot(r.box.centerM.x - current.centerM.x, r.box.centerM.y - current.centerM.y);
    if (shiftM < MOVED_M) continue;
    moved++;
    changed.push({
      ...current,
      centerM: { ...r.box.centerM },
      updatedBy: editor.author,
      updatedAt: editor.now(),
    });
  }
  if (changed.length === 0) return;
  applyDiff(editor, diffPut(editor, changed), "user");
  editor.store.update((st) => {
    const needsReview = new Map(st.needsReview);
    for (const [id, reason] of flagged) needsReview.set(id, reason);
    return {
      needsReview,
      notice: t("notices.interpolationRefined", { count: moved, flagged: flagged.length }),
    };
  });
}
