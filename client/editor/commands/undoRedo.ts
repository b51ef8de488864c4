import { applyDiff, refusedByLock } from "../applyDiff";
import type { Editor } from "../createEditor";
import { cuboidOfTrack } from "../selectors";
import { onCurrentState } from "./onCurrentState";

function afterHistoryMove(editor: Editor): void {
  const s = editor.store.get();
  // Keep the selection only if the selected object still exists somewhere.
  if (s.selectedTrackId && !s.tracks.has(s.selectedTrackId) && !cuboidOfTrack(s, s.selectedTrackId)) {
    editor.store.update({ selectedTrackId: null });
  }
}

export function undo(editor: Editor): boolean {
  if (refusedByLock(editor)) return false;
  const d = editor.history.undo();
  if (!d) return false;
  applyDiff(editor, onCurrentState(editor, d), "undo");
  afterHistoryMove(editor);
  return true;
}

export function redo(editor: Editor): boolean {
  if (refusedByLock(editor)) return false;
  const d = editor.history.redo();
  if (!d) return false;
  applyDiff(editor, onCurrentState(editor, d), "undo");
  // A redone creation selects what it created, in the frame it lives in.
  const created = Object.values(d.cuboids).find((c) => c.before === null && c.after)?.after;
  if (created && created.frameIndex === editor.store.get().frameIndex) {
    editor.store.update({ selectedTrackId: created.trackId });
  }
  afterHistoryMove(editor);
  return true;
}
