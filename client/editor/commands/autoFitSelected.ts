import { sameRecord } from "../AnnotationDiff";
import type { Editor } from "../createEditor";
import { queueFitStep } from "./queueFitStep";
import { selectedCuboid } from "../selectors";
import { updateCuboid } from "./editCuboids";

/**
 * Snaps the selected box to its points with the editor's fit service over the whole half turn of
 * headings (a box drawn at heading 0 on a crossing car turns to it; its size tells length from
 * width, its heading front from back), as one undo step with provenance "auto-fit". Resolves to
 * whether the box changed. If the box was edited while the fit ran, the
 * stale result is dropped rather than overwriting the newer edit.
 */
export function autoFitSelected(editor: Editor): Promise<boolean> {
  return queueFitStep(editor, () => autoFitSelectedNow(editor));
}

async function autoFitSelectedNow(editor: Editor): Promise<boolean> {
  const c = selectedCuboid(editor.store.get());
  if (!c || !editor.fit) return false;
  const result = await editor.fit.refit(
    { centerM: c.centerM, size: c.size, yawRad: c.yawRad },
    { anyHeading: true },
  );
  const now = editor.store.get().cuboids.get(c.id);
  if (!result.moved || !now || !sameRecord(now, c)) return false;
  updateCuboid(
    editor,
    c.id,
    { centerM: result.box.centerM, size: result.box.size, yawRad: result.box.yawRad },
    "auto-fit",
  );
  return true;
}
