import type { Bounds3, PointCloud } from "../../core/pointcloud/PointCloud";

/**
 * Applies a PCD VIEWPOINT (tx ty tz qw qx qy qz: sensor pose in the cloud's frame) in place:
 * world = R·(origin + p) + t, kept as origin' = R·origin + t (float64) and p' = R·p (float32).
 * Returns the new bounds. The identity viewpoint (nearly every file) costs nothing.
 */
export function applyViewpoint(cloud: PointCloud, bounds: Bounds3, viewpoint: number[]): Bounds3 {
  const [tx, ty, tz, qw, qx, qy, qz] = viewpoint as [number, number, number, number, number, number, number];
  const norm = Math.hypot(qw, qx, qy, qz);
  if (tx === 0 && ty === 0 && tz === 0 && qx === 0 && qy === 0 && qz === 0) return bounds;
  const w = qw / norm;
  const x = qx / norm;
  const y = qy / norm;
  const z = qz / norm;
  const r = [
    1 - 2 * (y * y + z * z),
    2 * (x * y - z * w),
    2 * (x * z + y * w),
    2 * (x * y + z * w),
    1 - 2 * (x * x + z * z),
    2 * (y * z - x * w),
    2 * (x * z - y * w),
    2 * (y * z + x * w),
    1 - 2 * (x * x + y * y),
  ] as const;
  const o = cloud.originM;
  cloud.originM = {
    x: r[0] * o.x + r[1] * o.y + r[2] * o.z + tx,
    y: r[3] * o.x + r[4] * o.y + r[5] * o.z + ty,
    z: r[6] * o.x + r[7] * o.y + r[8] * o.z + tz,
  };
  const p = cloud.positions;
  const min = { x: Infinity, y: Infinity, z: Infinity };
  const max = { x: -Infinity, y: -Infinity, z: -Infinity };
  for (let i = 0; i < p.length; i += 3) {
    const px = p[i]!;
    const py = p[i + 1]!;
    const pz = p[i + 2]!;
    const nx = (p[i] = r[0] * px + r[1] * py + r[2] * pz);
    const ny = (p[i + 1] = r[3] * px + r[4] * py + r[5] * pz);
    const nz = (p[i + 2] = r[6] * px + r[7] * py + r[8] * pz);
    min.x = Math.min(min.x, nx);
    min.y = Math.min(min.y, ny);
    min.z = Math.min(min.z, nz);
    max.x = Math.max(max.x, nx);
    max.y = Math.max(max.y, ny);
    max.z = Math.max(max.z, nz);
  }
  return cloud.pointCount === 0 ? bounds : { min, max };
}
