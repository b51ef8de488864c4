import type { OrientedBox } from "./cuboidCorners";
import { bevIntersectionArea } from "./iou";

/** How two boxes of one frame cover the same space, seen from above. */
export interface FootprintOverlap {
  /** Bird's-eye IoU of the footprints, in [0, 1]. */
  iou: number;
  /** The overlap as a share of the smaller footprint, in [0, 1] (1: one sits inside the other). */
  shareOfSmaller: number;
}

/**
 * The footprint overlap of two boxes whose height ranges overlap; null when they cannot touch (too
 * far apart, or one above the other), which is most pairs, so the polygon clip runs only when needed.
 */
export function footprintOverlap(a: OrientedBox, b: OrientedBox): FootprintOverlap | null {
  const reach = Math.hypot(a.size.lengthM, a.size.widthM) / 2 + Math.hypot(b.size.lengthM, b.size.widthM) / 2;
  if (Math.hypot(a.centerM.x - b.centerM.x, a.centerM.y - b.centerM.y) >= reach) return null;
  const zOverlap =
    Math.min(a.centerM.z + a.size.heightM / 2, b.centerM.z + b.size.heightM / 2) -
    Math.max(a.centerM.z - a.size.heightM / 2, b.centerM.z - b.size.heightM / 2);
  if (zOverlap <= 0) return null;
  const inter = bevIntersectionArea(a, b);
  const areaA = a.size.lengthM * a.size.widthM;
  const areaB = b.size.lengthM * b.size.widthM;
  return { iou: inter / (areaA + areaB - inter), shareOfSmaller: inter / Math.min(areaA, areaB) };
}
