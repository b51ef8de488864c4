import type { CameraSensor, Distortion, PinholeIntrinsics } from "../model/CameraSensor";
import { transformPoint } from "./pose";
import type { Vec3 } from "./vec3";

export interface PixelPoint {
  uPx: number;
  vPx: number;
  /** Depth along the optical axis, metres (camera z). */
  depthM: number;
}

/** Points closer than this to the image plane are not projected. */
export const MIN_PROJECTION_DEPTH_M = 0.1;

/** Normalised image coordinates (x/z, y/z) → distorted normalised coordinates. */
export function distortNormalized(xn: number, yn: number, d: Distortion): [number, number] {
  switch (d.model) {
    case "none":
      return [xn, yn];
    case "brown-conrady": {
      // OpenCV's projectPoints: radial (1+k1r²+k2r⁴+k3r⁶)/(1+k4r²+k5r⁴+k6r⁶), then tangential p1, p2.
      const r2 = xn * xn + yn * yn;
      const r4 = r2 * r2;
      const r6 = r4 * r2;
      const radial =
        (1 + d.k1 * r2 + d.k2 * r4 + d.k3 * r6) /
        (1 + (d.k4 ?? 0) * r2 + (d.k5 ?? 0) * r4 + (d.k6 ?? 0) * r6);
      return [
        xn * radial + 2 * d.p1 * xn * yn + d.p2 * (r2 + 2 * xn * xn),
        yn * radial + d.p1 * (r2 + 2 * yn * yn) + 2 * d.p2 * xn * yn,
      ];
    }
    case "kannala-brandt": {
      const r = Math.hypot(xn, yn);
      if (r < 1e-12) return [xn, yn];
      const theta = Math.atan(r);
      const t2 = theta * theta;
      const thetaD =
        theta * (1 + d.k1 * t2 + d.k2 * t2 * t2 + d.k3 * t2 * t2 * t2 + d.k4 * t2 * t2 * t2 * t2);
      const s = thetaD / r;
      return [xn * s, yn * s];
    }
  }
}

/** Inverse of distortNormalized by fixed-point iteration (converges for real lenses within the image). */
export function undistortNormalized(
  xd: number,
  yd: number,
  d: Distortion,
  iterations = 20,
): [number, number] {
  if (d.model === "none") return [xd, yd];
  let x = xd;
  let y = yd;
  for (let i = 0; i < iterations; i++) {
    const [dx, dy] = distortNormalized(x, y, d);
    x += xd - dx;
    y += yd - dy;
  }
  return [x, y];
}

export function pixelFromNormalized(xn: number, yn: number, k: PinholeIntrinsics): [number, number] {
  return [k.fxPx * xn + k.skew * yn + k.cxPx, k.fyPx * yn + k.cyPx];
}

/** A point in camera (optical) coordinates → pixel; null when behind or too close to the camera. */
export function projectCameraPoint(pCamera: Vec3, camera: CameraSensor): PixelPoint | null {
  if (pCamera.z < MIN_PROJECTION_DEPTH_M) return null;
  const [xd, yd] = distortNormalized(pCamera.x / pCamera.z, pCamera.y / pCamera.z, camera.distortion);
  const [uPx, vPx] = pixelFromNormalized(xd, yd, camera.intrinsics);
  return { uPx, vPx, depthM: pCamera.z };
}

/** A point in lidar coordinates → pixel through the full camera model (extrinsics, lens distortion, intrinsics). */
export function projectLidarPoint(pLidar: Vec3, camera: CameraSensor): PixelPoint | null {
  return projectCameraPoint(transformPoint(camera.cameraFromLidar, pLidar), camera);
}

export const isInsideImage = (p: PixelPoint, camera: CameraSensor): boolean =>
  p.uPx >= 0 && p.vPx >= 0 && p.uPx < camera.imageWidthPx && p.vPx < camera.imageHeightPx;
