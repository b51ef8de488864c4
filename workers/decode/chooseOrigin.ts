import type { Bounds3 } from "../../core/pointcloud/PointCloud";

/**
 * Beyond 4,096 m from the origin a float32 step exceeds 0.5 mm, so clouds reaching further (UTM,
 * map frames) are rebased: origin = bounds centre rounded to whole metres, positions = world − origin.
 * Lidar frames (within a few hundred metres) keep origin 0 so their positions are untouched.
 */
export const REBASE_BEYOND_M = 4096;

export function chooseOrigin(bounds: Bounds3): { x: number; y: number; z: number } {
  const reach = Math.max(
    Math.abs(bounds.min.x),
    Math.abs(bounds.max.x),
    Math.abs(bounds.min.y),
    Math.abs(bounds.max.y),
    Math.abs(bounds.min.z),
    Math.abs(bounds.max.z),
  );
  if (!(reach > REBASE_BEYOND_M)) return { x: 0, y: 0, z: 0 };
  return {
    x: Math.round((bounds.min.x + bounds.max.x) / 2),
    y: Math.round((bounds.min.y + bounds.max.y) / 2),
    z: Math.round((bounds.min.z + bounds.max.z) / 2),
  };
}
