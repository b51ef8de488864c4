import { applyDiff, diffDelete } from "../applyDiff";
import type { Editor } from "../createEditor";
import { t } from "../../i18n/i18n";
import { selectedCuboid } from "../selectors";

/**
 * Deletes the selected track's boxes from the current frame to the end of the sequence, as one
 * undo step: where the object leaves the area to label, a propagated track is cut in one go
 * instead of box by box. The track itself goes when nothing of it is left. Returns the count.
 */
export function deleteTrackFromHere(editor: Editor): number {
  const s = editor.store.get();
  const c = selectedCuboid(s);
  if (!c) return 0;
  const ofTrack = [...s.cuboids.values()].filter((o) => o.trackId === c.trackId);
  const gone = ofTrack.filter((o) => o.frameIndex >= s.frameIndex).map((o) => o.id);
  const trackGone = gone.length === ofTrack.length;
  applyDiff(editor, diffDelete(editor, gone, trackGone ? [c.trackId] : []), "user");
  editor.store.update({
    selectedTrackId: trackGone ? null : s.selectedTrackId,
    notice: t("notices.deletedFromHere", { count: gone.length, track: c.trackId, frame: s.frameIndex + 1 }),
  });
  return gone.length;
}
