import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import type { SequenceDetail } from "../../core/api/sequenceDetail";
import { DEFAULT_CLASSES } from "../../core/model/defaultClasses";
import type { QaConfig } from "../../core/qa/QaConfig";
import type { FrameLoader, LoadedPoints } from "../app/frameLoader";
import { pointStatsFor } from "../app/pointStatsFor";
import { loadSnapshot } from "../editor/commands/loadSnapshot";
import { createEditor, type Editor, type FitService } from "../editor/createEditor";
import type { ReviewApi } from "../editor/review/ReviewApi";
import type { ReviewState } from "../editor/review/ReviewState";
import { handleKey } from "../editor/shortcuts";
import { type Autosave, createAutosave, type FetchLike } from "../editor/sync/createAutosave";
import { createLiveSync, type LiveSyncOptions } from "../editor/sync/createLiveSync";
import type { Outbox } from "../editor/sync/Outbox";
import { createToolMachine, type ToolMachine } from "../editor/tools/createToolMachine";
import { createFramePoints, type FramePoints } from "./createFramePoints";
import { createIssueMarkers, type FrameIssueMarker } from "./createIssueMarkers";
import { createPlayback } from "./createPlayback";
import { createQaFindings, type QaState } from "./createQaFindings";
import { createUrlSync, type WorkspaceLocation } from "./createUrlSync";
import { createWorkspaceReview, type WorkspaceReview } from "./createWorkspaceReview";
import { createSlice, type Slice, sliceOfStore } from "./Slice";

/** The points of the frame the viewer last drew, as the frame status reports them. */
export interface DrawnFrame {
  frameIndex: number;
  drawnCount: number;
  pointCount: number;
  displayCount: number;
}

/** What the current frame's fit works on: the blob key of the frame on screen and its points. */
type CurrentFrame = { key: string; points: LoadedPoints } | null;

/** Everything the workspace needs from outside; the browser's are in app/browserWorkspaceDeps.ts. */
export interface WorkspaceDeps {
  sequenceId: string;
  /** Open on this task: its review session, edit lock and issues. */
  taskId: string | null;
  /** The signed-in user: the local author until the server stamps its own. */
  username: string;
  detail: SequenceDetail;
  snapshot: AnnotationSnapshot;
  /** The frame to open on (the URL's `?frame=`). */
  frameIndex: number;
  location: WorkspaceLocation;
  /** Starts the point-cloud loader (the worker pool in the browser). */
  createLoader(): Promise<FrameLoader>;
  blobUrl(hash: string): string;
  /** Server-allocated track ids for new boxes. */
  trackIds: { take(): string | undefined; dispose(): void };
  /** Autosave's unsent edits (IndexedDB in the browser) and its fetch. */
  outbox: Outbox;
  fetch: FetchLike;
  createFit(
    current: () => CurrentFrame,
    sequence: { frames: SequenceDetail["frames"]; loader: () => FrameLoader | null },
  ): FitService & { dispose(): void };
  /** The project's QA settings; the defaults are used until (or unless) they arrive. */
  fetchQaConfig?(): Promise<QaConfig>;
  /** The review routes; needed when `taskId` is set. */
  review?: { fetchStart(taskId: string): Promise<Partial<ReviewState>>; api: ReviewApi };
  /** Other people's edits and presence, live; without it the workspace works alone. */
  live?: Pick<LiveSyncOptions, "openEvents" | "postPresence">;
  /** Window-level events: `keydown` for the shortcuts, `online` to retry saving. */
  events?: Pick<EventTarget, "addEventListener" | "removeEventListener">;
}

export interface Workspace {
  readonly editor: Editor;
  /** Every pointer tool: BEV select/create and the box-view handle drags. */
  readonly tools: ToolMachine;
  readonly autosave: Autosave;
  /** The frame the annotator is on. */
  readonly frame: Slice<number>;
  /** The selected track. */
  readonly selection: Slice<string | null>;
  /** The points on screen (they lag `frame` while the next frame loads). */
  readonly points: Slice<FramePoints>;
  /** What the viewer last drew; null before the first frame is on screen. */
  readonly drawn: Slice<DrawnFrame | null>;
  readonly qa: Slice<QaState>;
  readonly review: Slice<WorkspaceReview>;
  /** The task's pinned issues where they are drawn; empty without a task. */
  readonly issueMarkers: Slice<readonly FrameIssueMarker[]>;
  /** The viewer reports the points it drew (once the GPU has them). */
  reportDrawn(drawnCount: number, frame: LoadedPoints): void;
  /** Sets the project's QA settings (they arrive after the workspace opens). */
  setQaConfig(config: QaConfig): void;
  /** Releases every listener, timer, worker and connection; saves what is unsaved first. */
  dispose(): void;
}

const NO_REVIEW: Slice<WorkspaceReview> = createSlice<WorkspaceReview>({ session: null, error: null });

/** Whether a key press was aimed at a form field (typing there is not a shortcut, except Esc). */
function typingIn(target: EventTarget | null): HTMLElement | null {
  const t = target as HTMLElement | null;
  if (!t || typeof t.tagName !== "string") return null;
  return t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable
    ? t
    : null;
}

/**
 * The labelling workspace of one sequence as plain TypeScript (STYLE.md §17): the editor, the tool
 * machine, the frame loader, auto-fit, QA, autosave, live sync, the review session, playback, the
 * shortcuts and the URL, created once and released by one `dispose()`. React views read its slices
 * and call the editor; a frame step goes editor → points, status and URL, never through a route.
 */
export function createWorkspace(deps: WorkspaceDeps): Workspace {
  const { detail, snapshot, sequenceId } = deps;
  const disposers: Array<() => void> = [];
  const onDispose = (f: () => void) => disposers.push(f);
  let disposed = false;

  onDispose(() => deps.trackIds.dispose());
  const editor = createEditor({
    classes: detail.classes.length > 0 ? detail.classes : DEFAULT_CLASSES,
    author: deps.username,
    takeTrackId: deps.trackIds.take,
    frameCount: detail.frames.length,
    frameIndex: deps.frameIndex,
    timedFrames: detail.frames.map((f, i) => ({
      frameIndex: i,
      timestampS: f.timestampUs / 1e6,
      worldFromLidar: f.worldFromLidar,
    })),
  });
  loadSnapshot(editor, snapshot);

  const tools = createToolMachine(editor);
  onDispose(() => tools.dispose());

  // Points: loaded for the editor's frame once the loader is there.
  let loader: FrameLoader | null = null;
  const framePoints = createFramePoints(detail.frames, deps.blobUrl);
  onDispose(() => framePoints.dispose());
  const frame = sliceOfStore(editor.store, (s) => s.frameIndex);
  onDispose(
    frame.subscribe(() => {
      if (loader) framePoints.show(loader, frame.getSnapshot());
    }),
  );
  deps.createLoader().then(
    (l) => {
      if (disposed) return l.dispose();
      loader = l;
      framePoints.show(l, frame.getSnapshot());
    },
    (e: unknown) => {
      if (!disposed) framePoints.fail(frame.getSnapshot(), e);
    },
  );
  onDispose(() => {
    loader?.dispose();
    loader = null;
  });

  // The frame on screen: point statistics for the tools, the current frame for fitting.
  const current = (): CurrentFrame => {
    const p = framePoints.slice.getSnapshot();
    const f = detail.frames[p.frameIndex];
    return p.points && f && p.frameIndex === editor.store.get().frameIndex
      ? { key: f.lidarBlob, points: p.points }
      : null;
  };
  const updatePointStats = () => {
    const c = current();
    editor.pointStats = c ? pointStatsFor(c.points) : null;
  };
  onDispose(framePoints.slice.subscribe(updatePointStats));
  onDispose(frame.subscribe(updatePointStats));
  const fit = deps.createFit(current, { frames: detail.frames, loader: () => loader });
  editor.fit = fit;
  onDispose(() => {
    editor.fit = null;
    fit.dispose();
  });

  const qa = createQaFindings(editor, framePoints.slice);
  onDispose(() => qa.dispose());
  deps.fetchQaConfig?.().then(
    (config) => !disposed && qa.setConfig(config),
    () => {}, // the defaults stay
  );

  const autosave = createAutosave({
    editor,
    sequenceId,
    baseRevision: snapshot.revision,
    outbox: deps.outbox,
    fetch: deps.fetch,
  });
  void autosave.restore(snapshot);
  onDispose(() => {
    void autosave.flush();
    autosave.dispose();
  });
  if (deps.live) {
    const live = createLiveSync({
      editor,
      receive: (b) => autosave.receive(b),
      sequenceId,
      afterRevision: snapshot.revision,
      clientId: editor.newId(),
      ...deps.live,
    });
    onDispose(() => live.dispose());
  }

  const review =
    deps.taskId && deps.review
      ? createWorkspaceReview(editor, {
          taskId: deps.taskId,
          username: deps.username,
          qa: qa.slice,
          fetchStart: deps.review.fetchStart,
          api: deps.review.api,
        })
      : null;
  if (review) onDispose(() => review.dispose());
  const issueMarkers = createIssueMarkers(editor, review?.slice ?? NO_REVIEW);
  onDispose(() => issueMarkers.dispose());

  onDispose(createPlayback(editor));
  onDispose(createUrlSync(editor, deps.location, sequenceId, deps.taskId));

  if (deps.events) {
    const events = deps.events;
    const onKey = (e: Event) => {
      const k = e as KeyboardEvent;
      const field = typingIn(k.target);
      if (field && k.key !== "Escape") return;
      field?.blur();
      if (handleKey(editor, tools, k)) k.preventDefault();
    };
    const onOnline = () => void autosave.flush();
    events.addEventListener("keydown", onKey);
    events.addEventListener("online", onOnline);
    onDispose(() => {
      events.removeEventListener("keydown", onKey);
      events.removeEventListener("online", onOnline);
    });
  }

  const drawn = createSlice<DrawnFrame | null>(null);
  return {
    editor,
    tools,
    autosave,
    frame,
    selection: sliceOfStore(editor.store, (s) => s.selectedTrackId),
    points: framePoints.slice,
    drawn,
    qa: qa.slice,
    review: review?.slice ?? NO_REVIEW,
    issueMarkers: issueMarkers.slice,
    reportDrawn(drawnCount, points) {
      const p = framePoints.slice.getSnapshot();
      if (p.points !== points) return; // a frame already replaced
      const last = drawn.getSnapshot();
      if (
        last?.frameIndex === p.frameIndex &&
        last.drawnCount === drawnCount &&
        last.pointCount === points.pointCount &&
        last.displayCount === points.displayCount
      )
        return;
      drawn.set({
        frameIndex: p.frameIndex,
        drawnCount,
        pointCount: points.pointCount,
        displayCount: points.displayCount,
      });
    },
    setQaConfig: (config) => qa.setConfig(config),
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const d of disposers.splice(0).reverse()) d();
    },
  };
}
