import { useEffect, useState } from "react";
import type { SequenceDetail } from "../../core/api/sequenceDetail";
import { errorMessage } from "../i18n/errorMessage";
import { t } from "../i18n/i18n";
import { blobUrl } from "./api";
import type { FrameLoader, LoadedPoints } from "./frameLoader";

/** Frames either side of the current one decoded ahead, so stepping shows points without waiting. */
export const PREFETCH_RADIUS = 2;

/**
 * The current frame's points. While the next frame loads the previous one stays on screen (no
 * flash to empty); a superseded load is aborted.
 */
export function useFramePoints(
  loader: FrameLoader | null,
  detail: SequenceDetail | null,
  frameIndex: number,
): { points: LoadedPoints | null; pointsFrameIndex: number; error: string | null } {
  const [state, setState] = useState<{ points: LoadedPoints | null; index: number; error: string | null }>({
    points: null,
    index: -1,
    error: null,
  });
  useEffect(() => {
    const frame = detail?.frames[frameIndex];
    if (!loader || !detail || !frame) return;
    const ac = new AbortController();
    loader.load(blobUrl(frame.lidarBlob), { signal: ac.signal }).then(
      (points) => setState({ points, index: frameIndex, error: null }),
      (e: Error) => {
        if (e.name !== "AbortError")
          setState((s) => ({
            ...s,
            error: t("workspace.frameError", { frame: frameIndex + 1, detail: errorMessage(e) }),
          }));
      },
    );
    const near: string[] = [];
    for (let d = 1; d <= PREFETCH_RADIUS; d++) {
      for (const i of [frameIndex + d, frameIndex - d]) {
        const f = detail.frames[i];
        if (f) near.push(blobUrl(f.lidarBlob));
      }
    }
    loader.prefetch(near);
    return () => ac.abort();
  }, [loader, detail, frameIndex]);
  return { points: state.points, pointsFrameIndex: state.index, error: state.error };
}
