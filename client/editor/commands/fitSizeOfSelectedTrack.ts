import type { Cuboid } from "../../../core/model/Cuboid";
import { applyDiff, diffPut } from "../applyDiff";
import type { Editor } from "../createEditor";
import { t } from "../../i18n/i18n";
import { formatFixed } from "../../i18n/format";
import { queueFitStep } from "./queueFitStep";
import { selectedCuboid } from "../selectors";

/**
 * One rigid size for the selected track: the fit service sizes it from the points of all its
 * boxes, and every box takes the size (re-centred so the faces the lidar saw stay put) in ONE undo
 * step. Each box keeps its provenance: the person asked for this track-wide step, and human
 * keyframes must stay keyframes for interpolation. Resolves to the new size, or null when there
 * was nothing to do or the track was edited while the worker ran.
 */
export function fitSizeOfSelectedTrack(editor: Editor): Promise<Cuboid["size"] | null> {
  return queueFitStep(editor, () => fitSizeOfSelectedTrackNow(editor));
}

async function fitSizeOfSelectedTrackNow(editor: Editor): Promise<Cuboid["size"] | null> {
  const s = editor.store.get();
  const selected = selectedCuboid(s);
  if (!selected || !editor.fit?.fitTrackSize) return null;
  const track = [...s.cuboids.values()]
    .filter((c) => c.trackId === selected.trackId)
    .sort((a, b) => a.frameIndex - b.frameIndex);
  editor.store.update({ notice: t("notices.sizing", { count: track.length }) });
  let result: Awaited<ReturnType<NonNullable<typeof editor.fit.fitTrackSize>>>;
  try {
    result = await editor.fit.fitTrackSize(
      track.map((c) => ({
        frameIndex: c.frameIndex,
        box: { centerM: c.centerM, size: c.size, yawRad: c.yawRad },
      })),
      selected.size,
    );
  } catch (e) {
    editor.store.update({ notice: t("notices.sizeFailed", { detail: (e as Error).message }) });
    return null;
  }
  const cuboidsNow = editor.store.get().cuboids;
  if (track.some((c) => cuboidsNow.get(c.id) !== c)) {
    editor.store.update({ notice: t("notices.sizeDropped") });
    return null;
  }
  const updated = track.map((c, i) => ({
    ...c,
    // The service returns the boxes in the order given; one it left out stays where it was.
    centerM: { ...(result.boxes[i]?.centerM ?? c.centerM) },
    size: { ...result.size },
    updatedBy: editor.author,
    updatedAt: editor.now(),
  }));
  applyDiff(editor, diffPut(editor, updated), "user");
  const { lengthM, widthM, heightM } = result.size;
  editor.store.update({
    notice: t("notices.sized", {
      size: `${formatFixed(lengthM, 2)} × ${formatFixed(widthM, 2)} × ${formatFixed(heightM, 2)} m`,
      count: track.length,
    }),
  });
  return result.size;
}
