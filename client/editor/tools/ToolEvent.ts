/** A pointer event on the ground plane of the BEV view, in lidar coordinates (metres). */
export interface GroundPointerEvent {
  xM: number;
  yM: number;
  /** 0 = primary; the views handle panning with the other buttons before tools see them. */
  button: number;
  shiftKey: boolean;
  altKey: boolean;
}

/** One state of a tool (STYLE.md §5): a state handles events and may return the next state's name. */
export interface ToolState {
  readonly name: string;
  onEnter?(): void;
  onPointerDown?(e: GroundPointerEvent): string | undefined;
  onPointerMove?(e: GroundPointerEvent): string | undefined;
  onPointerUp?(e: GroundPointerEvent): string | undefined;
  /** Esc: roll back whatever the state started. */
  onCancel?(): string | undefined;
}
