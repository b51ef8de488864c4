import { applyDiff } from "../applyDiff";
import { createCuboid, defaultSizeOf } from "../commands/createCuboid";
import { createFittedCuboid, defaultBoxAt } from "../commands/createFittedCuboid";
import { updateCuboid } from "../commands/editCuboids";
import type { Editor } from "../createEditor";
import { boxFromGround } from "./boxFromGround";
import type { CreateSession } from "./CreateIdle";
import type { GroundPointerEvent, ToolState } from "./ToolEvent";

/** A drag shorter than this (either side) is a click: the class's default box is placed there. */
export const MIN_DRAG_SIZE_M = 0.4;

/**
 * Dragging out a new box in BEV. The box exists in the store from the first move (so every view
 * shows it live) inside one history interaction: release commits it as one undo step, Esc removes it.
 * Release without a real drag is a click: with the fit service, the object under it is fitted
 * (createFittedCuboid); without it, or on empty ground, the class's default box is placed there.
 */
export function draggingNew(editor: Editor, session: CreateSession): ToolState {
  const rect = (s: { xM: number; yM: number }, e: GroundPointerEvent) =>
    boxFromGround(
      s.xM,
      s.yM,
      e.xM,
      e.yM,
      defaultSizeOf(editor, editor.store.get().activeClassName),
      editor.pointStats,
    );
  const isDrag = (s: { xM: number; yM: number }, e: GroundPointerEvent) =>
    Math.abs(e.xM - s.xM) >= MIN_DRAG_SIZE_M && Math.abs(e.yM - s.yM) >= MIN_DRAG_SIZE_M;
  return {
    name: "create.dragging",
    onEnter() {
      editor.history.begin();
    },
    onPointerMove(e) {
      // create.idle sets the start before entering; without one there is nothing to drag yet.
      const s = session.start;
      if (!s || !isDrag(s, e)) return undefined;
      const box = rect(s, e);
      if (session.createdId) updateCuboid(editor, session.createdId, box);
      else session.createdId = createCuboid(editor, box).id;
      return undefined;
    },
    onPointerUp(e) {
      const s = session.start;
      if (!s) {
        editor.history.end();
        return "create.idle";
      }
      if (isDrag(s, e)) {
        const box = rect(s, e);
        if (session.createdId) updateCuboid(editor, session.createdId, box);
        else session.createdId = createCuboid(editor, box).id;
      } else if (!session.createdId) {
        const className = editor.store.get().activeClassName;
        const size = defaultSizeOf(editor, className);
        // With the fit worker: the object under the click, fitted (after history.end: its own step).
        if (editor.fit?.autoFit) void createFittedCuboid(editor, s.xM, s.yM, className, size);
        else createCuboid(editor, defaultBoxAt(editor, s.xM, s.yM, size));
      }
      editor.history.end();
      session.start = null;
      session.createdId = null;
      // One box per press of N: the annotator refines it next, with the select tool's keys.
      editor.store.update({ tool: "select" });
      return "select.idle";
    },
    onCancel() {
      applyDiff(editor, editor.history.cancel(), "undo");
      if (session.createdId) editor.store.update({ selectedTrackId: null });
      session.start = null;
      session.createdId = null;
      return "create.idle";
    },
  };
}
