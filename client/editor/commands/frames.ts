import type { Cuboid } from "../../../core/model/Cuboid";
import { applyDiff, diffPut } from "../applyDiff";
import type { Editor } from "../createEditor";
import { cuboidOfTrack, selectedCuboid } from "../selectors";

/** Goes to frame `index` (clamped). Selection is a track, so the same object stays selected. */
export function setFrame(editor: Editor, index: number): void {
  const { frameCount } = editor.store.get();
  const clamped = Math.max(0, Math.min(frameCount - 1, Math.round(index)));
  editor.store.update({ frameIndex: clamped });
}

export const stepFrame = (editor: Editor, delta: number): void =>
  setFrame(editor, editor.store.get().frameIndex + delta);

/**
 * Copies the selected cuboid into frame (current + delta) under the same track — replacing that
 * frame's cuboid of the track, keeping its id — and steps there: pressing "]" repeatedly walks a box
 * forward through the sequence. Returns the copy, or null when nothing is selected or out of range.
 */
export function copySelectedToFrame(editor: Editor, delta: 1 | -1): Cuboid | null {
  const s = editor.store.get();
  const source = selectedCuboid(s);
  const target = s.frameIndex + delta;
  if (!source || target < 0 || target >= s.frameCount) return null;
  const existing = cuboidOfTrack(s, source.trackId, target);
  const copy: Cuboid = {
    ...source,
    id: existing?.id ?? editor.newId(),
    frameIndex: target,
    // The annotator chose to put it there: "human". ("propagated" is the fit worker's motion-model propagation.)
    provenance: "human",
    updatedBy: editor.author,
    updatedAt: editor.now(),
  };
  applyDiff(editor, diffPut(editor, [copy]), "user");
  setFrame(editor, target);
  return copy;
}
