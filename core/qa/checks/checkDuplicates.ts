import { footprintOverlap } from "../../geometry/footprintOverlap";
import type { QaContext, QaItem } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { makeFinding } from "../makeFinding";

/**
 * Two boxes of one frame covering the same space: by bird's-eye IoU, or one mostly inside the
 * other, with their height ranges overlapping. The finding goes on the box of the shorter track
 * (the likelier stray copy), naming the other; the fix deletes it.
 */
export function checkDuplicates(ctx: QaContext): QaFinding[] {
  const cfg = ctx.config.duplicate;
  if (!cfg.enabled) return [];
  const trackLength = (item: QaItem) => ctx.tracks.get(item.box.trackId)?.length ?? 0;
  const out: QaFinding[] = [];
  for (const items of ctx.byFrame) {
    for (const [i, first] of items.entries()) {
      for (const second of items.slice(i + 1)) {
        const a = first.box;
        const b = second.box;
        const overlap = footprintOverlap(a, b);
        if (!overlap) continue;
        const { iou, shareOfSmaller: share } = overlap;
        if (iou < cfg.minBevIou && share < cfg.minShareOfSmaller) continue;
        // The copy: the box of the shorter track; on a tie, the later track id.
        const [keep, copy] =
          trackLength(first) > trackLength(second) ||
          (trackLength(first) === trackLength(second) && a.trackId <= b.trackId)
            ? [first, second]
            : [second, first];
        out.push(
          makeFinding(
            ctx.config,
            "duplicate",
            copy,
            "duplicate",
            {
              otherTrack: keep.box.trackId,
              iou: Math.round(iou * 100) / 100,
              sharePct: Math.round(share * 100),
            },
            { fix: "delete-duplicate", otherTrackId: keep.box.trackId },
          ),
        );
      }
    }
  }
  return out;
}
