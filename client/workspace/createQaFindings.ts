import type { QaConfig } from "../../core/qa/QaConfig";
import type { QaFinding } from "../../core/qa/QaFinding";
import { runQaChecks } from "../../core/qa/runQaChecks";
import type { Editor } from "../editor/createEditor";
import { type QaFramePoints, qaFramePoints, qaInputOfEditor } from "../panels/QaPanelFindings";
import type { FramePoints } from "./createFramePoints";
import { createSlice, type Slice } from "./Slice";

/** Edits come in bursts (a drag is dozens of diffs): the checks run this long after the last one. */
export const QA_DEBOUNCE_MS = 250;

export interface QaState {
  findings: readonly QaFinding[];
  /** The frame on screen with its points bucketed for the point checks, or null before any arrive. */
  current: QaFramePoints | null;
}

/**
 * The QA findings of the workspace, recomputed on the main thread 250 ms after the annotations, the
 * frame on screen or the project's settings change: 50 frames × 100 tracks take ~0.1 s without
 * points (npm run bench:qa), so a worker would cost more in copying the annotations than it saves.
 */
export function createQaFindings(
  editor: Editor,
  points: Slice<FramePoints>,
): { slice: Slice<QaState>; setConfig(config: QaConfig): void; dispose(): void } {
  const slice = createSlice<QaState>({ findings: [], current: null });
  let config: QaConfig | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shown: FramePoints["points"] = null;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const { current } = slice.getSnapshot();
      slice.set({
        current,
        findings: runQaChecks(qaInputOfEditor(editor, editor.store.get(), current), config),
      });
    }, QA_DEBOUNCE_MS);
  };
  const onPoints = () => {
    const p = points.getSnapshot();
    if (p.points === shown) return;
    shown = p.points;
    slice.set({ ...slice.getSnapshot(), current: p.points ? qaFramePoints(p.frameIndex, p.points) : null });
    schedule();
  };
  const offPoints = points.subscribe(onPoints);
  const offEditor = editor.store.subscribe((s, p) => {
    if (s.cuboids !== p.cuboids || s.tracks !== p.tracks) schedule();
  });
  onPoints();
  schedule();
  return {
    slice,
    setConfig(next) {
      config = next;
      schedule();
    },
    dispose() {
      offPoints();
      offEditor();
      clearTimeout(timer);
    },
  };
}
