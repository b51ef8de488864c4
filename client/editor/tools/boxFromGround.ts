import type { CuboidSize } from "../../../core/model/Cuboid";
import type { Vec3 } from "../../../core/geometry/vec3";
import type { PointStatsFn } from "../createEditor";

/** Ground height assumed when there are no lidar points to measure (a roof-mounted lidar ~1.8 m up). */
export const DEFAULT_GROUND_Z_M = -1.8;
const MIN_HEIGHT_M = 0.3;

/**
 * A yaw-0 box over the axis-aligned ground rectangle [x0,x1]×[y0,y1]. Its vertical extent comes from
 * the lidar points inside (bottom = lowest point, height = their span) when there are at least 5;
 * otherwise the class's default height standing on DEFAULT_GROUND_Z_M.
 */
export function boxFromGround(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  defaultSize: CuboidSize,
  pointStats: PointStatsFn | null,
): { centerM: Vec3; size: CuboidSize; yawRad: number } {
  const minX = Math.min(x0, x1);
  const maxX = Math.max(x0, x1);
  const minY = Math.min(y0, y1);
  const maxY = Math.max(y0, y1);
  const stats = pointStats?.([
    { x: minX, y: minY },
    { x: maxX, y: minY },
    { x: maxX, y: maxY },
    { x: minX, y: maxY },
  ]);
  let bottomZ = DEFAULT_GROUND_Z_M;
  let heightM = defaultSize.heightM;
  if (stats && stats.count >= 5) {
    bottomZ = stats.minZM;
    heightM = Math.max(MIN_HEIGHT_M, Math.min(stats.maxZM - stats.minZM, defaultSize.heightM * 2));
  }
  return {
    centerM: { x: (minX + maxX) / 2, y: (minY + maxY) / 2, z: bottomZ + heightM / 2 },
    size: { lengthM: maxX - minX, widthM: maxY - minY, heightM },
    yawRad: 0,
  };
}
