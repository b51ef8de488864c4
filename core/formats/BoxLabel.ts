import type { Vec3 } from "../geometry/vec3";
import type { CuboidSize } from "../model/Cuboid";

/**
 * One labelled box as every format parser returns it and every serializer takes it: in the
 * frame's lidar coordinates, rotation R = Rz(yaw)·Ry(pitch)·Rx(roll) as in core/model/Cuboid.
 */
export interface BoxLabel {
  trackId: string;
  className: string;
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
  pitchRad: number;
  rollRad: number;
  attributes: Record<string, string | number | boolean>;
}

/** The BoxLabel fields of anything that has them (a Cuboid, a NativeCuboid), and nothing else. */
export const boxLabelOf = (c: BoxLabel): BoxLabel => ({
  trackId: c.trackId,
  className: c.className,
  centerM: c.centerM,
  size: c.size,
  yawRad: c.yawRad,
  pitchRad: c.pitchRad,
  rollRad: c.rollRad,
  attributes: c.attributes,
});
