import type { BoxViewPress, ToolState } from "./ToolEvent";

export interface CreateSession {
  start: { xM: number; yM: number } | null;
  createdId: string | null;
}

/** Create tool at rest: a primary press starts a new box at the pointer. */
export function createIdle(
  session: CreateSession,
  onBoxViewDown?: (e: BoxViewPress) => string | undefined,
): ToolState {
  return {
    name: "create.idle",
    ...(onBoxViewDown ? { onBoxViewDown } : {}),
    onPointerDown(e) {
      if (e.button !== 0) return undefined;
      session.start = { xM: e.xM, yM: e.yM };
      session.createdId = null;
      return "create.dragging";
    },
  };
}
