import { interpolateTrack } from "../../../core/fit/interpolateTrack";
import { isMachineProvenance } from "../../../core/model/Provenance";
import { applyDiff, diffPut } from "../applyDiff";
import type { Editor } from "../createEditor";
import { t } from "../../i18n/i18n";
import { selectedCuboid } from "../selectors";
import { machineCuboids } from "./machineCuboids";

/**
 * Fills the selected track between its human keyframes (every box not made by the machine) with
 * core/fit/interpolateTrack, in world coordinates through the editor's `timedFrames`, as ONE undo
 * step with provenance "interpolated". Machine boxes between the keys are replaced; keys are never
 * touched. Returns the number of boxes written (0 with fewer than two keyframes).
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
  return cuboids.length;
}
