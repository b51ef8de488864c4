import type { Cuboid } from "../../../core/model/Cuboid";
import type { Editor } from "../createEditor";
import { t } from "../../i18n/i18n";
import { isPendingPrediction, predictionQueue, selectedCuboid } from "../selectors";
import { deleteSelected, updateCuboid } from "./editCuboids";
import { setFrame } from "./frames";
import { queueFitStep } from "./queueFitStep";

function show(editor: Editor, c: Cuboid | undefined): void {
  if (!c) {
    editor.store.update({ notice: t("predictions.queueDone") });
    return;
  }
  setFrame(editor, c.frameIndex);
  editor.store.update({ selectedTrackId: c.trackId });
}

/**
 * Goes to the next (delta 1) or previous (-1) prediction of the queue, lowest score first (go to
 * its frame, select its box). From a box outside the queue: its first (or last) prediction.
 */
export function stepPrediction(editor: Editor, delta: 1 | -1): void {
  const s = editor.store.get();
  const queue = predictionQueue(s);
  if (queue.length === 0) {
    show(editor, undefined);
    return;
  }
  const current = selectedCuboid(s);
  const i = current ? queue.findIndex((c) => c.id === current.id) : -1;
  const next = i < 0 ? (delta > 0 ? 0 : queue.length - 1) : (i + delta + queue.length) % queue.length;
  show(editor, queue[next]);
}

/** The selected box when it is a pending prediction, and the prediction to show after it. */
function selectedPrediction(editor: Editor): { box: Cuboid; after: Cuboid | undefined } | null {
  const s = editor.store.get();
  const box = selectedCuboid(s);
  if (!box || !isPendingPrediction(box)) return null;
  const queue = predictionQueue(s);
  const i = queue.findIndex((c) => c.id === box.id);
  const rest = [...queue.slice(i + 1), ...queue.slice(0, Math.max(0, i))];
  return { box, after: rest[0] };
}

/**
 * Accepts the selected prediction as the model made it: a person's box now (provenance
 * "human", one undo step), out of the queue; then the next prediction.
 */
export function acceptPrediction(editor: Editor): boolean {
  const p = selectedPrediction(editor);
  if (!p) return false;
  updateCuboid(editor, p.box.id, {}, "human");
  show(editor, p.after);
  return true;
}

/**
 * Accepts the selected prediction after snapping it to its points with the fit `X` uses (any
 * heading), as one undo step with provenance "human": the person chose the fitted box. Where
 * the fit cannot run or does not move the box, it is accepted as it is. Then the next prediction.
 */
export function acceptAndRefitPrediction(editor: Editor): Promise<boolean> {
  const p = selectedPrediction(editor);
  if (!p) return Promise.resolve(false);
  return queueFitStep(editor, async () => {
    const { box } = p;
    const result = editor.fit
      ? await editor.fit.refit(
          { centerM: box.centerM, size: box.size, yawRad: box.yawRad },
          { anyHeading: true },
        )
      : null;
    const now = editor.store.get().cuboids.get(box.id);
    // Edited or gone while the fit ran: the newer state wins.
    if (!now || !isPendingPrediction(now)) return false;
    updateCuboid(
      editor,
      box.id,
      result?.moved ? { centerM: result.box.centerM, size: result.box.size, yawRad: result.box.yawRad } : {},
      "human",
    );
    show(editor, p.after);
    return true;
  });
}

/** Rejects the selected prediction: it is deleted (one undo step); then the next prediction. */
export function rejectPrediction(editor: Editor): boolean {
  const p = selectedPrediction(editor);
  if (!p) return false;
  deleteSelected(editor);
  show(editor, p.after);
  return true;
}
