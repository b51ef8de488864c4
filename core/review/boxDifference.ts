import { z } from "zod";
import type { OrientedBox } from "../geometry/cuboidCorners";
import { bevIou } from "../geometry/iou";

/** How far one version of a box is from another. */
export const boxDifferenceSchema = z.object({
  /** Bird's-eye-view IoU, 0..1 (1: the same footprint). */
  bevIou: z.number(),
  /** Distance between the centres, metres (3D). */
  centerDistanceM: z.number(),
  /** Smallest angle between the headings, degrees, 0..180 (a flip is 180). */
  headingDiffDeg: z.number(),
  /** Length of the size change (Δlength, Δwidth, Δheight), metres. */
  sizeDiffM: z.number(),
});
export type BoxDifference = z.infer<typeof boxDifferenceSchema>;

/** The difference between two versions of a box (`before` → `after`). */
export function boxDifference(before: OrientedBox, after: OrientedBox): BoxDifference {
  const dx = after.centerM.x - before.centerM.x;
  const dy = after.centerM.y - before.centerM.y;
  const dz = after.centerM.z - before.centerM.z;
  let dYaw = Math.abs(after.yawRad - before.yawRad) % (2 * Math.PI);
  if (dYaw > Math.PI) dYaw = 2 * Math.PI - dYaw;
  const dl = after.size.lengthM - before.size.lengthM;
  const dw = after.size.widthM - before.size.widthM;
  const dh = after.size.heightM - before.size.heightM;
  return {
    bevIou: bevIou(before, after),
    centerDistanceM: Math.hypot(dx, dy, dz),
    headingDiffDeg: (dYaw * 180) / Math.PI,
    sizeDiffM: Math.hypot(dl, dw, dh),
  };
}
