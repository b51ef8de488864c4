import { acceptSelected } from "./commands/acceptSelected";
import { autoFitSelected } from "./commands/autoFitSelected";
import { deleteTrackFromHere } from "./commands/deleteTrackFromHere";
import { fitSizeOfSelectedTrack } from "./commands/fitSizeOfSelectedTrack";
import { interpolateSelected } from "./commands/interpolateSelected";
import { propagateSelected } from "./commands/propagateSelected";
import { deleteSelected, nudgeSelected, setClassOfSelected } from "./commands/editCuboids";
import { copySelectedToFrame, stepFrame } from "./commands/frames";
import { redo, undo } from "./commands/undoRedo";
import type { Editor } from "./createEditor";
import type { ColorMode, ViewSettings } from "./EditorState";
import { REVIEW_SHORTCUTS } from "./review/reviewShortcuts";
import { cuboidsInFrame } from "./selectors";
import type { ToolMachine } from "./tools/createToolMachine";

/** The keyboard-relevant part of a KeyboardEvent (so tests can script keys without a DOM). */
export interface KeyInput {
  key: string;
  /** Physical key ("KeyW", "Digit1"); letters are matched on it so Shift/Alt do not change them. */
  code: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** Steps for W/A/S/D/R/F (metres) and Q/E (radians): Alt = fine, plain, Shift = coarse. */
export const MOVE_STEP_M = { fine: 0.02, normal: 0.1, coarse: 0.5 } as const;
export const ROTATE_STEP_RAD = {
  fine: (0.2 * Math.PI) / 180,
  normal: (1 * Math.PI) / 180,
  coarse: (5 * Math.PI) / 180,
} as const;

const stepKind = (k: KeyInput) => (k.altKey ? "fine" : k.shiftKey ? "coarse" : "normal");
const COLOR_MODES: ColorMode[] = ["height", "intensity", "distance", "label"];

export interface Shortcut {
  /** As shown in the help overlay and SHORTCUTS.md. */
  keys: string;
  description: string;
  /** `editor` lets a key depend on a mode (reviewing, a reject being written). */
  matches(k: KeyInput, editor?: Editor): boolean;
  run(editor: Editor, tools: Pick<ToolMachine, "cancel">, k: KeyInput): void;
}

const mod = (k: KeyInput) => k.ctrlKey || k.metaKey;
const plainCode = (code: string) => (k: KeyInput) => k.code === code && !mod(k);
const setView = (editor: Editor, patch: Partial<ViewSettings>) =>
  editor.store.update((s) => ({ view: { ...s.view, ...patch } }));
const move = (forwardM: number, leftM: number, upM: number) => (e: Editor, _t: unknown, k: KeyInput) => {
  const step = MOVE_STEP_M[stepKind(k)];
  nudgeSelected(e, { forwardM: forwardM * step, leftM: leftM * step, upM: upM * step });
};
const rotate = (sign: number) => (e: Editor, _t: unknown, k: KeyInput) =>
  nudgeSelected(e, { yawRad: sign * ROTATE_STEP_RAD[stepKind(k)] });

function cycleSelection(editor: Editor, delta: number): void {
  const s = editor.store.get();
  const list = cuboidsInFrame(s);
  if (list.length === 0) return;
  const i = list.findIndex((c) => c.trackId === s.selectedTrackId);
  const next = list[(i + delta + list.length) % list.length]!;
  editor.store.update({ selectedTrackId: next.trackId });
}

/** The annotation keys; the review keys (review/reviewShortcuts.ts) are tried first. */
const EDITING_SHORTCUTS: Shortcut[] = [
  {
    keys: "W / S",
    description: "Move selected box forward / back along its heading",
    matches: plainCode("KeyW"),
    run: move(1, 0, 0),
  },
  { keys: "", description: "", matches: plainCode("KeyS"), run: move(-1, 0, 0) },
  {
    keys: "A / D",
    description: "Move selected box left / right",
    matches: plainCode("KeyA"),
    run: move(0, 1, 0),
  },
  { keys: "", description: "", matches: plainCode("KeyD"), run: move(0, -1, 0) },
  {
    keys: "R / F",
    description: "Move selected box up / down",
    matches: plainCode("KeyR"),
    run: move(0, 0, 1),
  },
  { keys: "", description: "", matches: plainCode("KeyF"), run: move(0, 0, -1) },
  {
    keys: "Q / E",
    description: "Rotate selected box left (counter-clockwise) / right",
    matches: plainCode("KeyQ"),
    run: rotate(1),
  },
  { keys: "", description: "", matches: plainCode("KeyE"), run: rotate(-1) },
  {
    keys: "Shift / Alt + move or rotate",
    description: `Coarse (${MOVE_STEP_M.coarse} m, 5°) / fine (${MOVE_STEP_M.fine} m, 0.2°) step; plain is ${MOVE_STEP_M.normal} m, 1°`,
    matches: () => false,
    run: () => {},
  },
  {
    keys: "N",
    description:
      "Create tool: click an object in the BEV view to make a fitted box of the active class (empty ground: its default size), or drag to draw one",
    matches: plainCode("KeyN"),
    run: (e) => e.store.update({ tool: "create" }),
  },
  {
    keys: "X",
    description: "Auto-fit the selected box to its points, any heading (when the fit worker is available)",
    matches: (k) => plainCode("KeyX")(k) && !k.shiftKey,
    run: (e) => void autoFitSelected(e),
  },
  {
    keys: "Shift+X",
    description: "One size for the selected track, fitted to the points of all its frames",
    matches: (k) => plainCode("KeyX")(k) && k.shiftKey,
    run: (e) => void fitSizeOfSelectedTrack(e),
  },
  {
    keys: "P / Shift+P",
    description: "Propagate the selected box forward / backward through the sequence until confidence drops",
    matches: plainCode("KeyP"),
    run: (e, _t, k) => void propagateSelected(e, k.shiftKey ? "backward" : "forward"),
  },
  {
    keys: "I",
    description: "Interpolate the selected track between its human keyframes",
    matches: plainCode("KeyI"),
    run: (e) => void interpolateSelected(e),
  },
  {
    keys: "Enter",
    description: "Accept the selected box as checked: it becomes a keyframe, whatever made it",
    matches: (k) => k.key === "Enter" && !mod(k),
    run: (e) => void acceptSelected(e),
  },
  {
    keys: "Esc",
    description: "Cancel the drag in progress, else leave the create tool, else deselect",
    matches: (k) => k.key === "Escape",
    run: (e, t) => {
      if (t.cancel()) return;
      if (e.store.get().tool !== "select") e.store.update({ tool: "select" });
      else e.store.update({ selectedTrackId: null });
    },
  },
  {
    keys: "Tab / Shift+Tab",
    description: "Select next / previous box in this frame",
    matches: (k) => k.key === "Tab" && !mod(k),
    run: (e, _t, k) => cycleSelection(e, k.shiftKey ? -1 : 1),
  },
  {
    keys: "Delete / Backspace",
    description: "Delete selected box (this frame)",
    matches: (k) => (k.key === "Delete" || k.key === "Backspace") && !mod(k) && !k.shiftKey,
    run: (e) => deleteSelected(e),
  },
  {
    keys: "Shift+Delete",
    description:
      "Delete the selected track's boxes from this frame to the end (where the object leaves the area)",
    matches: (k) => (k.key === "Delete" || k.key === "Backspace") && !mod(k) && k.shiftKey,
    run: (e) => void deleteTrackFromHere(e),
  },
  {
    keys: "1 … 9",
    description:
      "Set class for new boxes and of the selected box's track (says so); in the create tool (N) only for new boxes",
    matches: (k) => /^Digit[1-9]$/.test(k.code) && !mod(k) && !k.altKey,
    run: (e, _t, k) => {
      const cls = e.classes.find((c) => c.hotkey === k.code.slice(5));
      if (!cls) return;
      // Choosing the class before clicking the next object must not relabel the last box.
      if (e.store.get().tool === "create")
        e.store.update({ activeClassName: cls.name, notice: `New boxes: ${cls.name}` });
      else setClassOfSelected(e, cls.name);
    },
  },
  {
    keys: "→ or .",
    description: "Next frame",
    matches: (k) => (k.key === "ArrowRight" || k.key === ".") && !mod(k),
    run: (e) => stepFrame(e, 1),
  },
  {
    keys: "← or ,",
    description: "Previous frame",
    matches: (k) => (k.key === "ArrowLeft" || k.key === ",") && !mod(k),
    run: (e) => stepFrame(e, -1),
  },
  {
    keys: "]",
    description: "Copy selected box to the next frame and go there",
    matches: (k) => k.key === "]" && !mod(k),
    run: (e) => void copySelectedToFrame(e, 1),
  },
  {
    keys: "[",
    description: "Copy selected box to the previous frame and go there",
    matches: (k) => k.key === "[" && !mod(k),
    run: (e) => void copySelectedToFrame(e, -1),
  },
  {
    keys: "Space",
    description: "Play / pause",
    matches: (k) => k.key === " " && !mod(k),
    run: (e) => e.store.update((s) => ({ playing: !s.playing })),
  },
  {
    keys: "Ctrl+Z",
    description: "Undo",
    matches: (k) => mod(k) && k.code === "KeyZ" && !k.shiftKey,
    run: (e) => void undo(e),
  },
  {
    keys: "Ctrl+Shift+Z or Ctrl+Y",
    description: "Redo",
    matches: (k) => mod(k) && ((k.code === "KeyZ" && k.shiftKey) || k.code === "KeyY"),
    run: (e) => void redo(e),
  },
  {
    keys: "T",
    description: "Toggle main view: top-down (BEV) / perspective",
    matches: plainCode("KeyT"),
    run: (e) => setView(e, { mainView: e.store.get().view.mainView === "bev" ? "perspective" : "bev" }),
  },
  {
    keys: "C",
    description: "Cycle point colours: height, intensity, distance, label",
    matches: plainCode("KeyC"),
    run: (e) => {
      const m = e.store.get().view.colorMode;
      setView(e, { colorMode: COLOR_MODES[(COLOR_MODES.indexOf(m) + 1) % COLOR_MODES.length]! });
    },
  },
  {
    keys: "+ / −",
    description: "Bigger / smaller points",
    matches: (k) => (k.key === "+" || k.key === "=" || k.key === "-") && !mod(k),
    run: (e, _t, k) => {
      const size = e.store.get().view.pointSizePx + (k.key === "-" ? -1 : 1);
      setView(e, { pointSizePx: Math.max(1, Math.min(8, size)) });
    },
  },
  {
    keys: "G",
    description: "Toggle ground grid and range rings",
    matches: plainCode("KeyG"),
    run: (e) => setView(e, { showGrid: !e.store.get().view.showGrid }),
  },
  {
    keys: "M",
    description: "Focus mode: show only points around the selected box",
    matches: plainCode("KeyM"),
    run: (e) => setView(e, { focusMode: !e.store.get().view.focusMode }),
  },
  {
    keys: "?",
    description: "Show / hide this help",
    matches: (k) => k.key === "?",
    run: (e) => setView(e, { helpOpen: !e.store.get().view.helpOpen }),
  },
];

/** Every shortcut, in help-overlay order. The single source for the overlay and SHORTCUTS.md. */
export const SHORTCUTS: Shortcut[] = [...EDITING_SHORTCUTS, ...REVIEW_SHORTCUTS];

/** Runs the shortcut for `k`; returns whether one matched (the caller then prevents the default). */
export function handleKey(editor: Editor, tools: Pick<ToolMachine, "cancel">, k: KeyInput): boolean {
  const s =
    REVIEW_SHORTCUTS.find((sc) => sc.matches(k, editor)) ??
    EDITING_SHORTCUTS.find((sc) => sc.matches(k, editor));
  if (!s) return false;
  s.run(editor, tools, k);
  return true;
}
