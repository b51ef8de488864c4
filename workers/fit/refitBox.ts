import { alignYawModPi } from "../../core/fit/angles";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import type { FrameIndex } from "./FrameIndex";
import { fitNear } from "./fitNear";

export interface RefitOptions {
  /** Direction the object moves in this frame's lidar coordinates (from its neighbouring boxes); decides front from back. */
  motionYawRad?: number;
  /** Keep the box's size and only place and turn it (a track with a settled rigid size). */
  keepSize?: boolean;
  /**
   * Search the heading over the whole half turn, not ±20° of the box's: a box placed at heading 0
   * on a crossing car. The box's size still tells length from width; front/back as below.
   */
  anyHeading?: boolean;
}

export interface RefitResult {
  box: OrientedBox;
  pointCount: number;
  /** False when no object point was near: `box` is the input, unchanged. */
  moved: boolean;
}

/**
 * Snaps an existing box to the points around it: the box is the prior (size, and yaw within
 * ±20° unless `anyHeading`), the class does not change. Front/back: the motion direction when given, else the box's
 * own heading, so a refit never turns a box around by itself.
 */
export function refitBox(index: FrameIndex, box: OrientedBox, options: RefitOptions = {}): RefitResult {
  const fit = fitNear(index, {
    seedM: box.centerM,
    priorSize: box.size,
    fixedSize: options.keepSize ?? false,
    ...(options.anyHeading ? {} : { yawHintRad: box.yawRad, yawWindowRad: 0.35 }),
  });
  if (!fit.box) return { box, pointCount: 0, moved: false };
  const heading = options.motionYawRad ?? box.yawRad;
  return {
    box: { ...fit.box, yawRad: alignYawModPi(fit.box.yawRad, heading) },
    pointCount: fit.pointCount,
    moved: true,
  };
}
