import type { PointCloud } from "../../core/pointcloud/PointCloud";

export interface EncodeLasOptions {
  /** Coordinate resolution in metres (LAS scale factor), default 0.001. */
  scaleM?: number;
}

const HEADER_BYTES = 227;
const RECORD_BYTES = 20;

/**
 * A minimal LAS 1.2 writer: point format 0 (X Y Z as scaled int32, intensity uint16), no VLRs.
 * Offsets are the cloud's origin, so world coordinates survive. Intensity is clamped to 0–65535.
 */
export function encodeLas(cloud: PointCloud, options: EncodeLasOptions = {}): Uint8Array {
  const scale = options.scaleM ?? 0.001;
  const n = cloud.pointCount;
  const bytes = new Uint8Array(HEADER_BYTES + n * RECORD_BYTES);
  const v = new DataView(bytes.buffer);
  const { positions: p, originM: o } = cloud;
  bytes.set([76, 65, 83, 70], 0); // "LASF"
  v.setUint8(24, 1);
  v.setUint8(25, 2);
  bytes.set(new TextEncoder().encode("cuboidal encodeLas"), 58);
  v.setUint16(94, HEADER_BYTES, true);
  v.setUint32(96, HEADER_BYTES, true);
  v.setUint32(100, 0, true);
  v.setUint8(104, 0);
  v.setUint16(105, RECORD_BYTES, true);
  v.setUint32(107, n, true);
  v.setUint32(111, n, true);
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  const intensity = cloud.attributes.intensity?.values;
  const origin = [o.x, o.y, o.z];
  for (let i = 0; i < n; i++) {
    const at = HEADER_BYTES + i * RECORD_BYTES;
    for (let k = 0; k < 3; k++) {
      const local = p[i * 3 + k] ?? 0;
      // Relative to the offset (= origin), so the scaled integer stays small and exact.
      v.setInt32(at + k * 4, Math.round(local / scale), true);
      const world = local + (origin[k] ?? 0);
      if (world < (min[k] ?? 0)) min[k] = world;
      if (world > (max[k] ?? 0)) max[k] = world;
    }
    const value = intensity ? Math.round(intensity[i] ?? 0) : 0;
    v.setUint16(at + 12, Math.max(0, Math.min(65535, value || 0)), true);
  }
  for (let k = 0; k < 3; k++) {
    v.setFloat64(131 + k * 8, scale, true);
    v.setFloat64(155 + k * 8, origin[k] ?? 0, true);
    v.setFloat64(179 + k * 16, n > 0 ? (max[k] ?? 0) : 0, true);
    v.setFloat64(187 + k * 16, n > 0 ? (min[k] ?? 0) : 0, true);
  }
  return bytes;
}
