import type { BoxViewName } from "../boxViews/boxViewAxes";
import type { BoxHandle, ViewPoint } from "../boxViews/dragHandle";
import type { ToolName } from "../EditorState";

/** A pointer event on the ground plane of the BEV view, in lidar coordinates (metres). */
export interface GroundPointerEvent {
  xM: number;
  yM: number;
  /** 0 = primary; the views handle panning with the other buttons before tools see them. */
  button: number;
  shiftKey: boolean;
  altKey: boolean;
}

/** A press on a handle of one of the box views (top, side, front), in the box's view coordinates. */
export interface BoxViewPress {
  view: BoxViewName;
  handle: BoxHandle;
  point: ViewPoint;
}

/** One state of a tool (STYLE.md §5): a state handles events and may return the next state's name. */
export interface ToolState {
  readonly name: string;
  onEnter?(): void;
  onPointerDown?(e: GroundPointerEvent): string | undefined;
  onPointerMove?(e: GroundPointerEvent): string | undefined;
  onPointerUp?(e: GroundPointerEvent): string | undefined;
  /** A press on a box-view handle (the views share the machine with the BEV). */
  onBoxViewDown?(e: BoxViewPress): string | undefined;
  onBoxViewMove?(p: ViewPoint): string | undefined;
  onBoxViewUp?(): string | undefined;
  /** Esc or `pointercancel`: roll back whatever the state started. */
  onCancel?(): string | undefined;
}

/** The resting state of the tool the store names. */
export const idleOf = (tool: ToolName): string => (tool === "create" ? "create.idle" : "select.idle");
