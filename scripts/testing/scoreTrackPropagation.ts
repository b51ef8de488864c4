import { bevIou } from "../../core/geometry/iou";
import { propagateTrack } from "../../workers/fit/propagateTrack";
import { countLabelPoints } from "../lib/countLabelPoints";
import { PROPAGATION_SCORED_POINTS, WELL_SEEN_POINTS } from "../lib/evaluateFit";
import type { SceneRuntime } from "../lib/SceneRuntime";

/**
 * One labelled track propagated as eval:fit does (forward from its first box with ≥ 30 points):
 * of its later boxes with ≥ 10 points, how many the machine placed unflagged at BEV IoU ≥ 0.7
 * (none scored when no box of it has 30 points).
 */
export function scoreTrackPropagation(
  rt: SceneRuntime,
  trackIdPrefix: string,
): { good: number; scored: number } {
  const labels = rt.scene.frames.flatMap((f, k) =>
    f.labels.filter((l) => l.trackId.startsWith(trackIdPrefix)).map((l) => ({ k, l })),
  );
  const start = labels.findIndex(({ k, l }) => countLabelPoints(rt, k, l) >= WELL_SEEN_POINTS);
  const seed = labels[start];
  if (!seed) return { good: 0, scored: 0 };
  const boxes = propagateTrack(
    rt.propagationFrames(),
    { frameIndex: seed.k, ...seed.l },
    { direction: "forward" },
  );
  const scored = labels
    .slice(start + 1)
    .filter(({ k, l }) => countLabelPoints(rt, k, l) >= PROPAGATION_SCORED_POINTS);
  const good = scored.filter(({ k, l }) => {
    const b = boxes.find((o) => o.frameIndex === k);
    return b !== undefined && b.needsReview === undefined && bevIou(b, l) >= 0.7;
  });
  return { good: good.length, scored: scored.length };
}
