import type { Cuboid } from "../../../core/model/Cuboid";
import { applyDiff } from "../applyDiff";
import type { Editor } from "../createEditor";
import { updateCuboid } from "../commands/editCuboids";
import type { ToolState } from "./ToolEvent";

export interface TranslateSession {
  start: { xM: number; yM: number; cuboid: Cuboid } | null;
}

/** Below this the press was a click (select only), not a move. */
export const DRAG_THRESHOLD_M = 0.05;

/** Dragging a cuboid on the ground plane: one undo step for the whole drag; Esc restores it. */
export function translating(editor: Editor, session: TranslateSession): ToolState {
  let moved = false;
  return {
    name: "select.translating",
    onEnter() {
      moved = false;
      editor.history.begin();
    },
    onPointerMove(e) {
      const s = session.start;
      if (!s) return "select.idle";
      const dx = e.xM - s.xM;
      const dy = e.yM - s.yM;
      if (!moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_M) return undefined;
      moved = true;
      updateCuboid(editor, s.cuboid.id, {
        centerM: { x: s.cuboid.centerM.x + dx, y: s.cuboid.centerM.y + dy, z: s.cuboid.centerM.z },
      });
      return undefined;
    },
    onPointerUp() {
      editor.history.end();
      session.start = null;
      return "select.idle";
    },
    onCancel() {
      applyDiff(editor, editor.history.cancel(), "undo");
      session.start = null;
      return "select.idle";
    },
  };
}
