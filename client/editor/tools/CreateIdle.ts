import type { ToolState } from "./ToolEvent";

export interface CreateSession {
  start: { xM: number; yM: number } | null;
  createdId: string | null;
}

/** Create tool at rest: a primary press starts a new box at the pointer. */
export function createIdle(session: CreateSession): ToolState {
  return {
    name: "create.idle",
    onPointerDown(e) {
      if (e.button !== 0) return undefined;
      session.start = { xM: e.xM, yM: e.yM };
      session.createdId = null;
      return "create.dragging";
    },
  };
}
