import type { TimedFrame } from "../../core/fit/interpolateTrack";
import { IDENTITY_POSE } from "../../core/geometry/pose";
import type { ClassDefinition } from "../../core/model/ClassDefinition";
import type { Cuboid, FitResidual } from "../../core/model/Cuboid";
import type { Track } from "../../core/model/Track";
import type { AnnotationDiff } from "./AnnotationDiff";
import { createHistory, type History } from "./createHistory";
import { createStore, type Store } from "./createStore";
import type { EditorState } from "./EditorState";
import type { ReviewSession } from "./review/createReviewSession";
import { DEFAULT_MIN_SCORE } from "../../core/prelabel/defaultMinScore";

/** Point statistics inside a lidar-frame polygon (x,y) of the current frame; supplied by the viewer. */
export interface PointStats {
  count: number;
  minZM: number;
  maxZM: number;
}
export type PointStatsFn = (polygonXY: ReadonlyArray<{ x: number; y: number }>) => PointStats | null;

/** A box as the fit service takes and returns it (lidar coordinates of the current frame). */
export interface FitBox {
  centerM: { x: number; y: number; z: number };
  size: { lengthM: number; widthM: number; heightM: number };
  yawRad: number;
}

/**
 * Auto-fit, supplied by the app (workers/fit through its worker client) for the current frame:
 * snaps a box to the points around it; `moved` false when there was nothing to fit to.
 */
export interface FitService {
  /** `anyHeading`: search the whole half turn of headings, not ±20° of the box's. */
  refit(box: FitBox, options?: { anyHeading?: boolean }): Promise<{ box: FitBox; moved: boolean }>;
  /**
   * One click → one box (workers/fit/autoFitBox, the function eval:fit scores): the object under
   * the click segmented and fitted, heading from its points, size from `priorSize` (the project's
   * class size) where it is partly seen. `pointCount` 0: nothing there (the box is the prior).
   */
  autoFit?(
    clickM: { x: number; y: number; z: number },
    className: string,
    priorSize: FitBox["size"],
  ): Promise<{ box: FitBox; pointCount: number }>;
  /**
   * Places the seed's track in the frames after (forward) or before (backward) the seed's frame,
   * nearest first, until confidence drops: the last box then carries `needsReview` (the reason)
   * and is the prediction for the annotator to check. Boxes are in their own frame's lidar coordinates;
   * `fitResidual` (points used, correction from the motion model) is stored with each box for review.
   */
  propagate?(
    seed: { frameIndex: number; box: FitBox },
    direction: "forward" | "backward",
  ): Promise<Array<{ frameIndex: number; box: FitBox; needsReview?: string; fitResidual?: FitResidual }>>;
  /**
   * Moves interpolated boxes towards their track's points in their own frames (each by the two
   * human keyframes around it, workers/fit/refineInterpolatedBox); same order. `needsReview`: the
   * keyframes' points were found well off the box, which is returned unmoved.
   */
  refineInterpolated?(
    boxes: ReadonlyArray<{
      frameIndex: number;
      box: FitBox;
      before: { frameIndex: number; box: FitBox };
      after: { frameIndex: number; box: FitBox };
    }>,
  ): Promise<Array<{ box: FitBox; needsReview?: string }>>;
  /** One rigid size for a track from the points of all its boxes; `boxes` re-centred, same order. */
  fitTrackSize?(
    boxes: ReadonlyArray<{ frameIndex: number; box: FitBox }>,
    currentSize: FitBox["size"],
  ): Promise<{ size: FitBox["size"]; boxes: FitBox[] }>;
}

/** Where a change comes from. Only "user" is undoable and only "user" and "undo" are saved. */
export type ChangeSource = "user" | "undo" | "load" | "remote";

export interface Editor {
  readonly store: Store<EditorState>;
  readonly history: History;
  readonly classes: readonly ClassDefinition[];
  readonly author: string;
  /** Filled in by the viewer when a frame's points are loaded; tools fall back to class defaults. */
  pointStats: PointStatsFn | null;
  /** Set by the app when auto-fit is available; the X key and the Fit button use it. */
  fit: FitService | null;
  /** Set by the app when the workspace opens a task: the review keys and panels use it. */
  review: ReviewSession | null;
  /** Each frame's time and ego pose (from the sequence detail), `frameIndex` = position; interpolation needs them. */
  readonly timedFrames: readonly TimedFrame[];
  /** Runs for every diff that must be saved (user edits, undo, redo). */
  onLocalChange(listener: (diff: AnnotationDiff) => void): () => void;
  /** The single write path of annotations; see applyDiff.ts. */
  emitLocal(diff: AnnotationDiff): void;
  now(): string;
  newId(): string;
  /** A server-allocated track id from the app's pool; undefined when none is at hand. */
  takeTrackId?: () => string | undefined;
}

export interface EditorOptions {
  classes: readonly ClassDefinition[];
  author: string;
  frameCount: number;
  frameIndex?: number;
  /** Default: frames 0.1 s apart at the identity pose. */
  timedFrames?: readonly TimedFrame[];
  now?: () => string;
  newId?: () => string;
  /** Server-allocated track ids (POST /sequences/:id/track-ids); without it ids are numbered locally. */
  takeTrackId?: () => string | undefined;
}

export function createEditor(opts: EditorOptions): Editor {
  const store = createStore<EditorState>({
    frameIndex: Math.min(opts.frameIndex ?? 0, Math.max(0, opts.frameCount - 1)),
    frameCount: opts.frameCount,
    cuboids: new Map<string, Cuboid>(),
    tracks: new Map<string, Track>(),
    selectedTrackId: null,
    activeClassName: opts.classes[0]?.name ?? "Unknown",
    tool: "select",
    playing: false,
    view: {
      mainView: "bev",
      colorMode: "height",
      pointSizePx: 2,
      showGrid: true,
      focusMode: false,
      helpOpen: false,
    },
    save: { status: "saved", pendingOps: 0, message: null },
    needsReview: new Map<string, string>(),
    notice: null,
    editLock: null,
    conflicts: [],
    predictionMinScore: DEFAULT_MIN_SCORE,
    presence: [],
  });
  const listeners = new Set<(d: AnnotationDiff) => void>();
  return {
    store,
    history: createHistory(),
    classes: opts.classes,
    author: opts.author,
    pointStats: null,
    fit: null,
    review: null,
    timedFrames:
      opts.timedFrames ??
      Array.from({ length: opts.frameCount }, (_, i) => ({
        frameIndex: i,
        timestampS: i / 10,
        worldFromLidar: IDENTITY_POSE,
      })),
    onLocalChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emitLocal(d) {
      for (const l of [...listeners]) l(d);
    },
    now: opts.now ?? (() => new Date().toISOString()),
    newId: opts.newId ?? (() => crypto.randomUUID()),
    ...(opts.takeTrackId ? { takeTrackId: opts.takeTrackId } : {}),
  };
}
