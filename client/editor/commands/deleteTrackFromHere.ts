import { applyDiff, diffDelete } from "../applyDiff";
import type { Editor } from "../createEditor";
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
    notice: `Deleted ${gone.length} boxes of track ${c.trackId} from frame ${s.frameIndex + 1} on`,
  });
  return gone.length;
}
