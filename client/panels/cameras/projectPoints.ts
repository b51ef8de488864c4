import { projectLidarPoint } from "../../../core/geometry/projectCamera";
import type { CameraSensor } from "../../../core/model/CameraSensor";

/** At most this many points are projected per camera: every k-th point beyond it (display only). */
export const MAX_PROJECTED_POINTS = 60_000;

/**
 * Lidar points (origin-relative float32 + origin) → pixels inside the image with their depth, as
 * interleaved [u, v, depthM] floats. Full camera model, lens distortion included.
 */
export function projectPoints(
  positions: Float32Array,
  count: number,
  originM: { x: number; y: number; z: number },
  camera: CameraSensor,
): Float32Array {
  const stride = Math.max(1, Math.ceil(count / MAX_PROJECTED_POINTS));
  const out = new Float32Array(Math.ceil(count / stride) * 3);
  const p = { x: 0, y: 0, z: 0 };
  let n = 0;
  for (let i = 0; i < count; i += stride) {
    p.x = (positions[3 * i] ?? 0) + originM.x;
    p.y = (positions[3 * i + 1] ?? 0) + originM.y;
    p.z = (positions[3 * i + 2] ?? 0) + originM.z;
    const px = projectLidarPoint(p, camera);
    if (!px || px.uPx < 0 || px.vPx < 0 || px.uPx >= camera.imageWidthPx || px.vPx >= camera.imageHeightPx)
      continue;
    out[n++] = px.uPx;
    out[n++] = px.vPx;
    out[n++] = px.depthM;
  }
  return out.subarray(0, n);
}
