import type { Cuboid } from "../../../core/model/Cuboid";
import type { BoxViewName } from "../boxViews/boxViewAxes";
import type { BoxHandle, ViewPoint } from "../boxViews/dragHandle";
import type { Editor } from "../createEditor";
import { type BoxViewSession, boxViewDragging, pressBoxViewHandle } from "./BoxViewDragging";
import { type CreateSession, createIdle } from "./CreateIdle";
import { draggingNew } from "./DraggingNew";
import { selectIdle } from "./SelectIdle";
import { type GroundPointerEvent, idleOf, type ToolState } from "./ToolEvent";
import { type TranslateSession, translating } from "./Translating";

export interface ToolMachine {
  /** "select.idle" | "select.translating" | "create.idle" | "create.dragging" | "boxView.dragging" */
  readonly state: string;
  /** The box the running box-view drag started from (views keep their framing on it), else null. */
  readonly boxViewDragStart: Cuboid | null;
  pointerDown(e: GroundPointerEvent): void;
  pointerMove(e: GroundPointerEvent): void;
  pointerUp(e: GroundPointerEvent): void;
  /** A press on a handle of the box views (top, side, front), in the start box's view coordinates. */
  boxViewDown(view: BoxViewName, handle: BoxHandle, p: ViewPoint): void;
  boxViewMove(p: ViewPoint): void;
  boxViewUp(): void;
  /** Esc, or the browser took the pointer away (`pointercancel`). Returns whether an interaction was rolled back (else the caller may deselect). */
  cancel(): boolean;
  /** Runs after every change of state (React views read `state` through useSyncExternalStore). */
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/**
 * Every pointer tool of the workspace as one state machine: the BEV tools (select, create) and the
 * box-view handle drags. The active BEV tool follows `editor.store` (`tool`); one interaction runs
 * at a time, whichever view it started in.
 */
export function createToolMachine(editor: Editor): ToolMachine {
  const translate: TranslateSession = { start: null };
  const create: CreateSession = { start: null, createdId: null };
  const boxView: BoxViewSession = { drag: null };
  const pressHandle = (e: Parameters<typeof pressBoxViewHandle>[2]) => pressBoxViewHandle(editor, boxView, e);
  const states = new Map<string, ToolState>(
    [
      selectIdle(editor, translate, pressHandle),
      translating(editor, translate),
      createIdle(create, pressHandle),
      draggingNew(editor, create),
      boxViewDragging(editor, boxView),
    ].map((s) => [s.name, s]),
  );
  const stateNamed = (name: string): ToolState => {
    const s = states.get(name);
    if (!s) throw new Error(`tool machine: no state "${name}" (states: ${[...states.keys()].join(", ")})`);
    return s;
  };
  const listeners = new Set<() => void>();
  let current = stateNamed(idleOf(editor.store.get().tool));
  const go = (next: string | undefined) => {
    if (!next || next === current.name) return;
    current = stateNamed(next);
    current.onEnter?.();
    for (const l of [...listeners]) l();
  };
  const unsubscribe = editor.store.subscribe((s, p) => {
    if (s.tool !== p.tool && current.name.endsWith(".idle")) go(idleOf(s.tool));
  });
  // The store's tool is the truth: an idle machine follows it at every press too, not only through
  // the subscription, so a machine whose subscription was lost can never act as the wrong tool.
  const follow = () => {
    if (current.name.endsWith(".idle")) go(idleOf(editor.store.get().tool));
  };
  return {
    get state() {
      return current.name;
    },
    get boxViewDragStart() {
      return current.name === "boxView.dragging" ? (boxView.drag?.start ?? null) : null;
    },
    pointerDown: (e) => {
      follow();
      go(current.onPointerDown?.(e));
    },
    pointerMove: (e) => go(current.onPointerMove?.(e)),
    pointerUp: (e) => go(current.onPointerUp?.(e)),
    boxViewDown: (view, handle, point) => {
      follow();
      go(current.onBoxViewDown?.({ view, handle, point }));
    },
    boxViewMove: (p) => go(current.onBoxViewMove?.(p)),
    boxViewUp: () => go(current.onBoxViewUp?.()),
    cancel() {
      if (!current.onCancel) return false;
      go(current.onCancel());
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      unsubscribe();
      listeners.clear();
    },
  };
}
