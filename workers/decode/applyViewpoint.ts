import type { PointCloud } from "../../core/pointcloud/PointCloud";

/**
 * Applies a PCD VIEWPOINT (tx ty tz qw qx qy qz: the sensor pose in the cloud's frame) in place:
 * world = R·(origin + p) + t, kept as origin' = R·origin + t (float64) and p' = R·p (float32).
 * The identity viewpoint (nearly every file) costs nothing.
 */
export function applyViewpoint(cloud: PointCloud, viewpoint: number[]): void {
  const [tx, ty, tz, qw, qx, qy, qz] = viewpoint as [number, number, number, number, number, number, number];
  if (qx === 0 && qy === 0 && qz === 0) {
    if (tx === 0 && ty === 0 && tz === 0) return;
    const o = cloud.originM;
    cloud.originM = { x: o.x + tx, y: o.y + ty, z: o.z + tz };
    return;
  }
  const norm = Math.hypot(qw, qx, qy, qz);
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
  for (let i = 0; i < p.length; i += 3) {
    const px = p[i] ?? NaN;
    const py = p[i + 1] ?? NaN;
    const pz = p[i + 2] ?? NaN;
    p[i] = r[0] * px + r[1] * py + r[2] * pz;
    p[i + 1] = r[3] * px + r[4] * py + r[5] * pz;
    p[i + 2] = r[6] * px + r[7] * py + r[8] * pz;
  }
}
