import { bevIntersectionArea } from "../../geometry/iou";
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
        const reach =
          Math.hypot(a.size.lengthM, a.size.widthM) / 2 + Math.hypot(b.size.lengthM, b.size.widthM) / 2;
        if (Math.hypot(a.centerM.x - b.centerM.x, a.centerM.y - b.centerM.y) >= reach) continue;
        const zOverlap =
          Math.min(a.centerM.z + a.size.heightM / 2, b.centerM.z + b.size.heightM / 2) -
          Math.max(a.centerM.z - a.size.heightM / 2, b.centerM.z - b.size.heightM / 2);
        if (zOverlap <= 0) continue;
        const inter = bevIntersectionArea(a, b);
        const areaA = a.size.lengthM * a.size.widthM;
        const areaB = b.size.lengthM * b.size.widthM;
        const iou = inter / (areaA + areaB - inter);
        const share = inter / Math.min(areaA, areaB);
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
