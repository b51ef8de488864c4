import type { FrameDetail } from "../../core/api/sequenceDetail";
import type { FrameLoader, LoadedPoints } from "../app/frameLoader";
import { errorMessage } from "../i18n/errorMessage";
import { t } from "../i18n/i18n";
import { createSlice, type Slice } from "./Slice";

/** Frames either side of the current one decoded ahead, so stepping shows points without waiting. */
export const PREFETCH_RADIUS = 2;

/** The points on screen: the frame they belong to (−1 before the first arrives) and the last load error. */
export interface FramePoints {
  points: LoadedPoints | null;
  frameIndex: number;
  error: string | null;
}

export interface FramePointsLoader {
  readonly slice: Slice<FramePoints>;
  /** Loads frame `frameIndex` (aborting a load it supersedes) and prefetches its neighbours. */
  show(loader: FrameLoader, frameIndex: number): void;
  /** Reports that frame `frameIndex` cannot be shown (the loader did not start). */
  fail(frameIndex: number, e: unknown): void;
  dispose(): void;
}

/**
 * The current frame's points. While the next frame loads the previous one stays on screen (no
 * flash to empty); a superseded load is aborted.
 */
export function createFramePoints(
  frames: readonly FrameDetail[],
  blobUrl: (hash: string) => string,
): FramePointsLoader {
  const slice = createSlice<FramePoints>({ points: null, frameIndex: -1, error: null });
  let running: AbortController | null = null;
  const fail = (frameIndex: number, e: unknown) => {
    const error = t("workspace.frameError", { frame: frameIndex + 1, detail: errorMessage(e) });
    slice.set({ ...slice.getSnapshot(), error });
  };
  return {
    fail,
    slice,
    show(loader, frameIndex) {
      const frame = frames[frameIndex];
      if (!frame) return;
      running?.abort();
      const ac = new AbortController();
      running = ac;
      loader.load(blobUrl(frame.lidarBlob), { signal: ac.signal }).then(
        (points) => {
          if (!ac.signal.aborted) slice.set({ points, frameIndex, error: null });
        },
        (e: Error) => {
          if (e.name !== "AbortError" && !ac.signal.aborted) fail(frameIndex, e);
        },
      );
      const near: string[] = [];
      for (let d = 1; d <= PREFETCH_RADIUS; d++) {
        for (const i of [frameIndex + d, frameIndex - d]) {
          const f = frames[i];
          if (f) near.push(blobUrl(f.lidarBlob));
        }
      }
      loader.prefetch(near);
    },
    dispose() {
      running?.abort();
      running = null;
    },
  };
}
