import type { PointCloud } from "../../core/pointcloud/PointCloud";

/**
 * KITTI velodyne .bin: float32 x y z intensity per point, little-endian, no header. Coordinates
 * are world (origin + position); a missing intensity attribute writes 0.
 */
export function encodeKittiBin(cloud: PointCloud): Uint8Array {
  const n = cloud.pointCount;
  const out = new Float32Array(n * 4);
  const { positions: p, originM: o } = cloud;
  const intensity = cloud.attributes.intensity?.values;
  for (let i = 0; i < n; i++) {
    out[i * 4] = (p[i * 3] ?? 0) + o.x;
    out[i * 4 + 1] = (p[i * 3 + 1] ?? 0) + o.y;
    out[i * 4 + 2] = (p[i * 3 + 2] ?? 0) + o.z;
    out[i * 4 + 3] = intensity ? (intensity[i] ?? 0) : 0;
  }
  return new Uint8Array(out.buffer);
}
