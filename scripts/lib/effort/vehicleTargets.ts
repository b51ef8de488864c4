import type { BoxLabel } from "../../../core/formats/BoxLabel";
import { VEHICLE_CLASSES } from "../../../core/model/defaultClasses";
import { resolveClassName } from "../../../workers/fit/classSizePrior";
import { countLabelPoints } from "../countLabelPoints";
import type { SceneRuntime } from "../SceneRuntime";

/** A vehicle track to label: its ground truth by frame, and the frames that count (≥ 10 points). */
export interface VehicleTarget {
  gtId: string;
  truth: Map<number, BoxLabel>;
  /** Ascending. */
  frames: number[];
  /** The first frame where it is well seen (≥ 30 points), where the annotator starts it. */
  start: number;
}

/** A box-frame counts when it holds this many lidar points; a track starts where it holds `WELL_SEEN`. */
export const MIN_POINTS = 10;
export const WELL_SEEN = 30;

/**
 * The scene's vehicle tracks inside frames [first, last], ordered by first frame, at most
 * `maxTracks` of them.
 */
export function vehicleTargets(
  rt: SceneRuntime,
  range: { first: number; last: number },
  maxTracks = Number.POSITIVE_INFINITY,
): VehicleTarget[] {
  const tracks = new Map<string, Map<number, BoxLabel>>();
  for (const [k, f] of rt.scene.frames.entries()) {
    if (k < range.first || k > range.last) continue;
    for (const l of f.labels) {
      if (!VEHICLE_CLASSES.has(resolveClassName(l.className))) continue;
      const t = tracks.get(l.trackId) ?? new Map<number, BoxLabel>();
      t.set(k, l);
      tracks.set(l.trackId, t);
    }
  }
  const out: VehicleTarget[] = [];
  for (const [gtId, truth] of tracks) {
    const counted = [...truth]
      .map(([k, l]) => ({ k, n: countLabelPoints(rt, k, l) }))
      .filter((e) => e.n >= MIN_POINTS)
      .sort((a, b) => a.k - b.k);
    const first = counted[0];
    if (!first) continue;
    const start = counted.find((e) => e.n >= WELL_SEEN) ?? first;
    out.push({ gtId, truth, frames: counted.map((e) => e.k), start: start.k });
  }
  return out.sort((a, b) => (a.frames[0] ?? 0) - (b.frames[0] ?? 0)).slice(0, maxTracks);
}
