import type { Cuboid } from "../../../core/model/Cuboid";
import { applyDiff } from "../applyDiff";
import { dragHandle } from "../boxViews/dragHandle";
import { updateCuboid } from "../commands/editCuboids";
import type { Editor } from "../createEditor";
import { selectedCuboid } from "../selectors";
import { type BoxViewPress, idleOf, type ToolState } from "./ToolEvent";

export interface BoxViewSession {
  /** The press and the box as it was then: every move re-derives the box from them (no drift). */
  drag: (BoxViewPress & { start: Cuboid }) | null;
}

/** From an idle state: a press on a handle of the selected box starts dragging it. */
export function pressBoxViewHandle(
  editor: Editor,
  session: BoxViewSession,
  e: BoxViewPress,
): string | undefined {
  const start = selectedCuboid(editor.store.get());
  if (!start) return undefined;
  session.drag = { ...e, start };
  return "boxView.dragging";
}

/**
 * Dragging a handle in the top/side/front views: each move re-derives the box from the drag's start
 * (dragHandle); release is one undo step; Esc or a `pointercancel` rolls it back.
 */
export function boxViewDragging(editor: Editor, session: BoxViewSession): ToolState {
  const done = () => {
    session.drag = null;
    return idleOf(editor.store.get().tool);
  };
  return {
    name: "boxView.dragging",
    onEnter() {
      editor.history.begin();
    },
    onBoxViewMove(p) {
      const d = session.drag;
      if (!d) return done();
      updateCuboid(editor, d.start.id, dragHandle(d.start, d.view, d.handle, d.point, p));
      return undefined;
    },
    onBoxViewUp() {
      editor.history.end();
      return done();
    },
    onCancel() {
      applyDiff(editor, editor.history.cancel(), "undo");
      return done();
    },
  };
}
