import type { Pose3 } from "../geometry/pose";
import { quatRotate } from "../geometry/quat";

/** Heading (yaw of the +x axis) of a pose's rotation in the xy plane. */
export function yawOfPose(p: Pose3): number {
  const h = quatRotate(p.rotation, { x: 1, y: 0, z: 0 });
  return Math.atan2(h.y, h.x);
}
