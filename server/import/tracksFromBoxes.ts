import type { BoxLabel } from "../../core/formats/BoxLabel";
import type { Track } from "../../core/model/Track";

/** One track per track id, with the class of its first box (formats keep the class per box). */
export function tracksFromBoxes(boxes: readonly BoxLabel[]): Track[] {
  const tracks = new Map<string, Track>();
  for (const b of boxes)
    if (!tracks.has(b.trackId))
      tracks.set(b.trackId, { trackId: b.trackId, className: b.className, attributes: {} });
  return [...tracks.values()];
}
