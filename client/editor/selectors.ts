import type { Cuboid } from "../../core/model/Cuboid";
import { isMachineProvenance } from "../../core/model/Provenance";
import { isPendingPrediction, type PendingPrediction } from "../../core/prelabel/isPendingPrediction";
import type { EditorState } from "./EditorState";

const byFrameCache = new WeakMap<ReadonlyMap<string, Cuboid>, Map<number, Cuboid[]>>();

/** Cuboids grouped by frame, memoised on the (immutable) cuboid map. */
export function cuboidsByFrame(cuboids: ReadonlyMap<string, Cuboid>): Map<number, Cuboid[]> {
  let m = byFrameCache.get(cuboids);
  if (!m) {
    m = new Map();
    for (const c of cuboids.values()) {
      const list = m.get(c.frameIndex);
      if (list) list.push(c);
      else m.set(c.frameIndex, [c]);
    }
    for (const list of m.values())
      list.sort((a, b) => a.trackId.localeCompare(b.trackId, "en", { numeric: true }));
    byFrameCache.set(cuboids, m);
  }
  return m;
}

const EMPTY: Cuboid[] = [];

export { isPendingPrediction, type PendingPrediction } from "../../core/prelabel/isPendingPrediction";

/** Hidden by the score threshold: a pending prediction scoring below it. */
export const isHiddenPrediction = (c: Cuboid, minScore: number): boolean =>
  minScore > 0 && isPendingPrediction(c) && c.prediction.score < minScore;

/** Per frame list and threshold → the shown list; the same array while neither changes (views compare by identity). */
const shownCache = new WeakMap<Cuboid[], { minScore: number; shown: Cuboid[] }>();

/** The boxes shown in a frame: every box but the predictions under the score threshold. */
export function cuboidsInFrame(s: EditorState, frameIndex = s.frameIndex): Cuboid[] {
  const all = cuboidsByFrame(s.cuboids).get(frameIndex) ?? EMPTY;
  const minScore = s.predictionMinScore;
  if (!(minScore > 0)) return all;
  const cached = shownCache.get(all);
  if (cached && cached.minScore === minScore) return cached.shown;
  const shown = all.filter((c) => !isHiddenPrediction(c, minScore));
  shownCache.set(all, { minScore, shown });
  return shown;
}

const queueCache = new WeakMap<ReadonlyMap<string, Cuboid>, { minScore: number; queue: Cuboid[] }>();

/**
 * The predictions waiting for a person, lowest score first (the likeliest mistakes first), then
 * by frame and id; those under the threshold are left out.
 */
export function predictionQueue(s: EditorState): Cuboid[] {
  const cached = queueCache.get(s.cuboids);
  if (cached && cached.minScore === s.predictionMinScore) return cached.queue;
  const queue = [...s.cuboids.values()]
    .filter(
      (c): c is PendingPrediction => isPendingPrediction(c) && !isHiddenPrediction(c, s.predictionMinScore),
    )
    .sort(
      (a, b) =>
        a.prediction.score - b.prediction.score ||
        a.frameIndex - b.frameIndex ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  queueCache.set(s.cuboids, { minScore: s.predictionMinScore, queue });
  return queue;
}

export function cuboidOfTrack(
  s: EditorState,
  trackId: string | null,
  frameIndex = s.frameIndex,
): Cuboid | null {
  if (!trackId) return null;
  return cuboidsInFrame(s, frameIndex).find((c) => c.trackId === trackId) ?? null;
}

export const selectedCuboid = (s: EditorState): Cuboid | null => cuboidOfTrack(s, s.selectedTrackId);

const spansCache = new WeakMap<ReadonlyMap<string, Cuboid>, TrackSpan[]>();
export interface TrackSpan {
  trackId: string;
  className: string;
  /** Sorted frame indices where the track has a cuboid. */
  frames: number[];
  /** Those of `frames` whose cuboid the machine made and no person has touched since (see Provenance). */
  machineFrames: Set<number>;
  /** Cuboid id by frame index. */
  cuboidIds: Map<number, string>;
}

/** Per-track frame lists for the timeline, memoised on the cuboid map. */
export function trackSpans(cuboids: ReadonlyMap<string, Cuboid>): TrackSpan[] {
  let spans = spansCache.get(cuboids);
  if (!spans) {
    const m = new Map<string, TrackSpan>();
    for (const c of cuboids.values()) {
      const span = m.get(c.trackId) ?? {
        trackId: c.trackId,
        className: c.className,
        frames: [],
        machineFrames: new Set<number>(),
        cuboidIds: new Map<number, string>(),
      };
      span.frames.push(c.frameIndex);
      span.cuboidIds.set(c.frameIndex, c.id);
      if (isMachineProvenance(c.provenance)) span.machineFrames.add(c.frameIndex);
      m.set(c.trackId, span);
    }
    spans = [...m.values()].sort((a, b) => a.trackId.localeCompare(b.trackId, "en", { numeric: true }));
    for (const s of spans) s.frames.sort((a, b) => a - b);
    spansCache.set(cuboids, spans);
  }
  return spans;
}
