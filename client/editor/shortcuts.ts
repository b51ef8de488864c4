import { classDisplayName } from "../i18n/classDisplayName";
import { t } from "../i18n/i18n";
import { acceptSelected } from "./commands/acceptSelected";
import { autoFitSelected } from "./commands/autoFitSelected";
import { deleteTrackFromHere } from "./commands/deleteTrackFromHere";
import { fitSizeOfSelectedTrack } from "./commands/fitSizeOfSelectedTrack";
import { interpolateSelected } from "./commands/interpolateSelected";
import { propagateSelected } from "./commands/propagateSelected";
import {
  acceptAndRefitPrediction,
  acceptPrediction,
  rejectPrediction,
  stepPrediction,
} from "./commands/predictions";
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
  /** As shown in the help overlay and SHORTCUTS.md; the same keys in every language. */
  keys: string;
  /** Catalogue key of the description (client/i18n/*.json); SHORTCUTS.md shows the English one. */
  descriptionKey: string;
  /** Interpolation values of the description (step sizes). */
  descriptionValues?: Record<string, number>;
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
  const next = list[(i + delta + list.length) % list.length];
  if (next) editor.store.update({ selectedTrackId: next.trackId });
}

/** The annotation keys; the review keys (review/reviewShortcuts.ts) are tried first. */
const EDITING_SHORTCUTS: Shortcut[] = [
  {
    keys: "W / S",
    descriptionKey: "shortcuts.moveForwardBack",
    matches: plainCode("KeyW"),
    run: move(1, 0, 0),
  },
  { keys: "", descriptionKey: "", matches: plainCode("KeyS"), run: move(-1, 0, 0) },
  {
    keys: "A / D",
    descriptionKey: "shortcuts.moveLeftRight",
    matches: plainCode("KeyA"),
    run: move(0, 1, 0),
  },
  { keys: "", descriptionKey: "", matches: plainCode("KeyD"), run: move(0, -1, 0) },
  {
    keys: "R / F",
    descriptionKey: "shortcuts.moveUpDown",
    matches: plainCode("KeyR"),
    run: move(0, 0, 1),
  },
  { keys: "", descriptionKey: "", matches: plainCode("KeyF"), run: move(0, 0, -1) },
  {
    keys: "Q / E",
    descriptionKey: "shortcuts.rotate",
    matches: plainCode("KeyQ"),
    run: rotate(1),
  },
  { keys: "", descriptionKey: "", matches: plainCode("KeyE"), run: rotate(-1) },
  {
    keys: "Shift / Alt",
    descriptionKey: "shortcuts.steps",
    descriptionValues: { coarseM: MOVE_STEP_M.coarse, fineM: MOVE_STEP_M.fine, normalM: MOVE_STEP_M.normal },
    matches: () => false,
    run: () => {},
  },
  {
    keys: "N",
    descriptionKey: "shortcuts.createTool",
    matches: plainCode("KeyN"),
    run: (e) => e.store.update({ tool: "create" }),
  },
  {
    keys: "X",
    descriptionKey: "shortcuts.autoFit",
    matches: (k) => plainCode("KeyX")(k) && !k.shiftKey,
    run: (e) => void autoFitSelected(e),
  },
  {
    keys: "Shift+X",
    descriptionKey: "shortcuts.fitTrackSize",
    matches: (k) => plainCode("KeyX")(k) && k.shiftKey,
    run: (e) => void fitSizeOfSelectedTrack(e),
  },
  {
    keys: "P / Shift+P",
    descriptionKey: "shortcuts.propagate",
    matches: plainCode("KeyP"),
    run: (e, _t, k) => void propagateSelected(e, k.shiftKey ? "backward" : "forward"),
  },
  {
    keys: "I",
    descriptionKey: "shortcuts.interpolate",
    matches: plainCode("KeyI"),
    run: (e) => void interpolateSelected(e),
  },
  {
    keys: "Enter",
    descriptionKey: "shortcuts.accept",
    matches: (k) => k.key === "Enter" && !mod(k),
    run: (e) => void acceptSelected(e),
  },
  {
    keys: "J / Shift+J",
    descriptionKey: "shortcuts.nextPrediction",
    matches: plainCode("KeyJ"),
    run: (e, _t, k) => stepPrediction(e, k.shiftKey ? -1 : 1),
  },
  {
    keys: "H",
    descriptionKey: "shortcuts.acceptPrediction",
    matches: (k) => plainCode("KeyH")(k) && !k.shiftKey,
    run: (e) => void acceptPrediction(e),
  },
  {
    keys: "Shift+H",
    descriptionKey: "shortcuts.acceptRefitPrediction",
    matches: (k) => plainCode("KeyH")(k) && k.shiftKey,
    run: (e) => void acceptAndRefitPrediction(e),
  },
  {
    keys: "L",
    descriptionKey: "shortcuts.rejectPrediction",
    matches: plainCode("KeyL"),
    run: (e) => void rejectPrediction(e),
  },
  {
    keys: "Esc",
    descriptionKey: "shortcuts.escape",
    matches: (k) => k.key === "Escape",
    run: (e, t) => {
      if (t.cancel()) return;
      if (e.store.get().tool !== "select") e.store.update({ tool: "select" });
      else e.store.update({ selectedTrackId: null });
    },
  },
  {
    keys: "Tab / Shift+Tab",
    descriptionKey: "shortcuts.cycleSelection",
    matches: (k) => k.key === "Tab" && !mod(k),
    run: (e, _t, k) => cycleSelection(e, k.shiftKey ? -1 : 1),
  },
  {
    keys: "Delete / Backspace",
    descriptionKey: "shortcuts.deleteBox",
    matches: (k) => (k.key === "Delete" || k.key === "Backspace") && !mod(k) && !k.shiftKey,
    run: (e) => deleteSelected(e),
  },
  {
    keys: "Shift+Delete",
    descriptionKey: "shortcuts.deleteTrackFromHere",
    matches: (k) => (k.key === "Delete" || k.key === "Backspace") && !mod(k) && k.shiftKey,
    run: (e) => void deleteTrackFromHere(e),
  },
  {
    keys: "1 … 9",
    descriptionKey: "shortcuts.setClass",
    matches: (k) => /^Digit[1-9]$/.test(k.code) && !mod(k) && !k.altKey,
    run: (e, _t, k) => {
      const cls = e.classes.find((c) => c.hotkey === k.code.slice(5));
      if (!cls) return;
      // Choosing the class before clicking the next object must not relabel the last box.
      if (e.store.get().tool === "create")
        e.store.update({
          activeClassName: cls.name,
          notice: t("notices.newBoxesClass", { className: classDisplayName(cls) }),
        });
      else setClassOfSelected(e, cls.name);
    },
  },
  {
    keys: "→ or .",
    descriptionKey: "shortcuts.nextFrame",
    matches: (k) => (k.key === "ArrowRight" || k.key === ".") && !mod(k),
    run: (e) => stepFrame(e, 1),
  },
  {
    keys: "← or ,",
    descriptionKey: "shortcuts.previousFrame",
    matches: (k) => (k.key === "ArrowLeft" || k.key === ",") && !mod(k),
    run: (e) => stepFrame(e, -1),
  },
  {
    keys: "]",
    descriptionKey: "shortcuts.copyToNext",
    matches: (k) => k.key === "]" && !mod(k),
    run: (e) => void copySelectedToFrame(e, 1),
  },
  {
    keys: "[",
    descriptionKey: "shortcuts.copyToPrevious",
    matches: (k) => k.key === "[" && !mod(k),
    run: (e) => void copySelectedToFrame(e, -1),
  },
  {
    keys: "Space",
    descriptionKey: "shortcuts.playPause",
    matches: (k) => k.key === " " && !mod(k),
    run: (e) => e.store.update((s) => ({ playing: !s.playing })),
  },
  {
    keys: "Ctrl+Z",
    descriptionKey: "shortcuts.undo",
    matches: (k) => mod(k) && k.code === "KeyZ" && !k.shiftKey,
    run: (e) => void undo(e),
  },
  {
    keys: "Ctrl+Shift+Z or Ctrl+Y",
    descriptionKey: "shortcuts.redo",
    matches: (k) => mod(k) && ((k.code === "KeyZ" && k.shiftKey) || k.code === "KeyY"),
    run: (e) => void redo(e),
  },
  {
    keys: "T",
    descriptionKey: "shortcuts.toggleView",
    matches: plainCode("KeyT"),
    run: (e) => setView(e, { mainView: e.store.get().view.mainView === "bev" ? "perspective" : "bev" }),
  },
  {
    keys: "C",
    descriptionKey: "shortcuts.cycleColours",
    matches: plainCode("KeyC"),
    run: (e) => {
      const m = e.store.get().view.colorMode;
      const next = COLOR_MODES[(COLOR_MODES.indexOf(m) + 1) % COLOR_MODES.length];
      if (next) setView(e, { colorMode: next });
    },
  },
  {
    keys: "+ / −",
    descriptionKey: "shortcuts.pointSize",
    matches: (k) => (k.key === "+" || k.key === "=" || k.key === "-") && !mod(k),
    run: (e, _t, k) => {
      const size = e.store.get().view.pointSizePx + (k.key === "-" ? -1 : 1);
      setView(e, { pointSizePx: Math.max(1, Math.min(8, size)) });
    },
  },
  {
    keys: "G",
    descriptionKey: "shortcuts.toggleGrid",
    matches: plainCode("KeyG"),
    run: (e) => setView(e, { showGrid: !e.store.get().view.showGrid }),
  },
  {
    keys: "M",
    descriptionKey: "shortcuts.focusMode",
    matches: plainCode("KeyM"),
    run: (e) => setView(e, { focusMode: !e.store.get().view.focusMode }),
  },
  {
    keys: "?",
    descriptionKey: "shortcuts.help",
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
