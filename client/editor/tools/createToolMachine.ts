import type { Editor } from "../createEditor";
import type { ToolName } from "../EditorState";
import { type CreateSession, createIdle } from "./CreateIdle";
import { draggingNew } from "./DraggingNew";
import { selectIdle } from "./SelectIdle";
import type { GroundPointerEvent, ToolState } from "./ToolEvent";
import { type TranslateSession, translating } from "./Translating";

export interface ToolMachine {
  /** "select.idle" | "select.translating" | "create.idle" | "create.dragging" */
  readonly state: string;
  pointerDown(e: GroundPointerEvent): void;
  pointerMove(e: GroundPointerEvent): void;
  pointerUp(e: GroundPointerEvent): void;
  /** Esc. Returns whether an interaction was cancelled (else the caller may deselect). */
  cancel(): boolean;
  dispose(): void;
}

const idleOf = (tool: ToolName) => (tool === "create" ? "create.idle" : "select.idle");

/** The BEV tools as one state machine; the active tool follows `editor.store` (`tool`). */
export function createToolMachine(editor: Editor): ToolMachine {
  const translate: TranslateSession = { start: null };
  const create: CreateSession = { start: null, createdId: null };
  const states = new Map<string, ToolState>(
    [
      selectIdle(editor, translate),
      translating(editor, translate),
      createIdle(create),
      draggingNew(editor, create),
    ].map((s) => [s.name, s]),
  );
  let current = states.get(idleOf(editor.store.get().tool))!;
  const go = (next: string | undefined) => {
    if (!next || next === current.name) return;
    current = states.get(next)!;
    current.onEnter?.();
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
    pointerDown: (e) => {
      follow();
      go(current.onPointerDown?.(e));
    },
    pointerMove: (e) => go(current.onPointerMove?.(e)),
    pointerUp: (e) => go(current.onPointerUp?.(e)),
    cancel() {
      if (!current.onCancel) return false;
      go(current.onCancel());
      return true;
    },
    dispose: unsubscribe,
  };
}
