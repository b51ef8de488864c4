import type { Cuboid } from "../../core/model/Cuboid";
import type { Track } from "../../core/model/Track";
import type { FieldConflict } from "./sync/FieldConflict";

/** Someone else in this sequence (from the live stream): who, on which frame, which boxes selected. */
export interface PresencePeer {
  clientId: string;
  username: string;
  selectedIds: string[];
  frameIndex: number | null;
}

export type ColorMode = "height" | "intensity" | "distance" | "label";
export type ToolName = "select" | "create";

export interface ViewSettings {
  /** Main view: perspective orbit or top-down orthographic (bird's-eye view). */
  mainView: "perspective" | "bev";
  colorMode: ColorMode;
  pointSizePx: number;
  showGrid: boolean;
  /** Hide points outside the region around the selected cuboid. */
  focusMode: boolean;
  helpOpen: boolean;
}

export type SaveStatus = "saved" | "unsaved" | "saving" | "offline" | "conflict" | "error";

export interface SaveState {
  status: SaveStatus;
  /** Operations not yet acknowledged by the server. */
  pendingOps: number;
  /** Human-readable detail: the last error or the conflict resolution. */
  message: string | null;
}

export interface EditorState {
  frameIndex: number;
  frameCount: number;
  /** Every cuboid of the sequence, all frames, by id. Replaced (never mutated) on change. */
  cuboids: ReadonlyMap<string, Cuboid>;
  tracks: ReadonlyMap<string, Track>;
  /** Selection is a track: stepping frames keeps the same object selected. */
  selectedTrackId: string | null;
  /** Class for new cuboids. */
  activeClassName: string;
  tool: ToolName;
  playing: boolean;
  view: ViewSettings;
  save: SaveState;
  /**
   * Cuboid id → why propagation stopped there: the frames the machine gave up on, for the
   * annotator to check. View state, not saved and not undoable; a hand edit of the box clears it.
   */
  needsReview: ReadonlyMap<string, string>;
  /** The last machine step's outcome in words (where propagation stopped, what was interpolated). */
  notice: string | null;
  /**
   * Why annotation edits are refused here (the task is submitted and waits for review), or null.
   * Mirrors the server's refusal so the annotator learns before an edit is made, not after a save.
   */
  editLock: string | null;
  /** Same-field conflicts waiting for the annotator's choice (theirs is saved meanwhile). */
  conflicts: FieldConflict[];
  /**
   * Model pre-labels scoring below this (0..1) are hidden from views and selection, not deleted;
   * a box a person accepted or changed shows whatever its score. 0 shows every prediction.
   */
  predictionMinScore: number;
  /** The other people in this sequence now (live), this tab excluded. */
  presence: PresencePeer[];
}
