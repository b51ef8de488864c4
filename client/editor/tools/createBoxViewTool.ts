import type { Cuboid } from "../../../core/model/Cuboid";
import { applyDiff } from "../applyDiff";
import type { BoxViewName } from "../boxViews/boxViewAxes";
import { type BoxHandle, dragHandle, type ViewPoint } from "../boxViews/dragHandle";
import { updateCuboid } from "../commands/editCuboids";
import type { Editor } from "../createEditor";
import { selectedCuboid } from "../selectors";

export interface BoxViewTool {
  /** "idle" | "dragging" */
  readonly state: "idle" | "dragging";
  /** The box the active drag started from: views keep their framing on it until release. */
  readonly dragStart: Cuboid | null;
  pointerDown(view: BoxViewName, handle: BoxHandle, p: ViewPoint): void;
  pointerMove(p: ViewPoint): void;
  pointerUp(): void;
  cancel(): boolean;
}

/**
 * Handle dragging in the top/side/front views: idle → dragging on a press on a handle; each move
 * re-derives the box from the drag's start (dragHandle); release is one undo step; Esc rolls back.
 */
export function createBoxViewTool(editor: Editor, onChange?: () => void): BoxViewTool {
  let drag: { view: BoxViewName; handle: BoxHandle; press: ViewPoint; start: Cuboid } | null = null;
  return {
    get state() {
      return drag ? "dragging" : "idle";
    },
    get dragStart() {
      return drag?.start ?? null;
    },
    pointerDown(view, handle, p) {
      const c = selectedCuboid(editor.store.get());
      if (!c || drag) return;
      drag = { view, handle, press: p, start: c };
      editor.history.begin();
      onChange?.();
    },
    pointerMove(p) {
      if (!drag) return;
      updateCuboid(editor, drag.start.id, dragHandle(drag.start, drag.view, drag.handle, drag.press, p));
    },
    pointerUp() {
      if (!drag) return;
      editor.history.end();
      drag = null;
      onChange?.();
    },
    cancel() {
      if (!drag) return false;
      applyDiff(editor, editor.history.cancel(), "undo");
      drag = null;
      onChange?.();
      return true;
    },
  };
}
