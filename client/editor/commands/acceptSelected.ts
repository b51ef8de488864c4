import type { Editor } from "../createEditor";
import { t } from "../../i18n/i18n";
import { selectedCuboid } from "../selectors";
import { updateCuboid } from "./editCuboids";

/**
 * The annotator has checked the selected box and accepts it as it is, whatever made it (auto-fit,
 * propagation, interpolation): its provenance becomes "human", so it is a keyframe for
 * interpolation and machine steps never overwrite it, and it leaves the review list. One undo step.
 */
export function acceptSelected(editor: Editor): boolean {
  const c = selectedCuboid(editor.store.get());
  if (!c) return false;
  if (c.provenance !== "human") updateCuboid(editor, c.id, {}, "human");
  else if (editor.store.get().needsReview.has(c.id)) updateCuboid(editor, c.id, {}, "human");
  editor.store.update({ notice: t("notices.accepted", { track: c.trackId }) });
  return true;
}
