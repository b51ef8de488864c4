import type { OrientedBox } from "../geometry/cuboidCorners";
import { bevIntersectionArea } from "../geometry/iou";

/**
 * Share of a box's footprint that may lie under a surer box before it loses score, and the share
 * at which it keeps only OVERLAP_FLOOR: two objects never stand in one place, so a box largely
 * inside a surer one is a fragment of it (the second half of a split car, a box straddling a car
 * and the hedge behind it). A little overlap is a fit's slack between close neighbours (parked
 * cars, a pedestrian by a car). Measured on Argoverse (boxes scoring ≥ 0.5 in the labelled
 * region): of boxes with over 5 % of their footprint under a surer box, 15 matched no label and
 * 2 did (both the surer box of their pair).
 */
const OVERLAP_FROM = 0.1;
const OVERLAP_FULL = 0.5;
const OVERLAP_FLOOR = 0.2;

/**
 * Scores of one frame's boxes (same order as `boxes`) after each has lost score for the share of
 * its footprint lying under a surer box of the same frame; the surest box keeps its score.
 */
export function scoreByOverlap(boxes: readonly OrientedBox[], scores: readonly number[]): number[] {
  const order = boxes.map((_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  const out = boxes.map((_, i) => scores[i] ?? 0);
  const reach = boxes.map((b) => Math.hypot(b.size.lengthM, b.size.widthM) / 2);
  order.forEach((i, rank) => {
    const box = boxes[i];
    if (!box) return;
    const area = box.size.lengthM * box.size.widthM;
    if (area <= 0) return;
    let under = 0;
    for (let r = 0; r < rank; r++) {
      const j = order[r] ?? -1;
      const other = boxes[j];
      if (!other) continue;
      const far = Math.hypot(box.centerM.x - other.centerM.x, box.centerM.y - other.centerM.y);
      if (far >= (reach[i] ?? 0) + (reach[j] ?? 0)) continue;
      under = Math.max(under, bevIntersectionArea(box, other) / area);
    }
    if (under <= OVERLAP_FROM) return;
    const t = Math.min(1, (under - OVERLAP_FROM) / (OVERLAP_FULL - OVERLAP_FROM));
    out[i] = (out[i] ?? 0) * (1 - t * (1 - OVERLAP_FLOOR));
  });
  return out;
}
