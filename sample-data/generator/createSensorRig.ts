import { invertPose, type Pose3 } from "../../core/geometry/pose";
import { quatFromRotationMatrix } from "../../core/geometry/quat";
import type { CameraSensor } from "../../core/model/CameraSensor";

export interface CameraRigOptions {
  imageWidthPx: number;
  imageHeightPx: number;
}

/**
 * cameraFromLidar for a camera mounted at `positionLidarM`, looking along lidar yaw `yawRad`,
 * pitched down by `pitchDownRad`. The camera's optical axes (x right, y down, z forward) in lidar
 * coordinates are the columns of lidarFromCamera's rotation.
 */
function cameraFromLidarPose(
  positionLidarM: { x: number; y: number; z: number },
  yawRad: number,
  pitchDownRad: number,
): Pose3 {
  const cy = Math.cos(yawRad);
  const sy = Math.sin(yawRad);
  const cp = Math.cos(pitchDownRad);
  const sp = Math.sin(pitchDownRad);
  const forward = [cp * cy, cp * sy, -sp] as const;
  const right = [sy, -cy, 0] as const;
  const down = [-sp * cy, -sp * sy, -cp] as const;
  const lidarFromCamera: Pose3 = {
    rotation: quatFromRotationMatrix([
      right[0],
      down[0],
      forward[0],
      right[1],
      down[1],
      forward[1],
      right[2],
      down[2],
      forward[2],
    ]),
    translationM: positionLidarM,
  };
  return invertPose(lidarFromCamera);
}

/**
 * Two cameras: "front" (65° horizontal field of view) and "left" (a side camera, 77°), both with
 * mild barrel distortion. k1 < 0 with 9·k1² < 20·k2 keeps r·(1 + k1·r² + k2·r⁴) monotonic for every
 * r, so no point far outside the field of view folds back into the image.
 */
export function createCameras(o: CameraRigOptions): CameraSensor[] {
  const w = o.imageWidthPx;
  const h = o.imageHeightPx;
  const scale = w / 1280;
  return [
    {
      name: "front",
      imageWidthPx: w,
      imageHeightPx: h,
      intrinsics: {
        fxPx: 1000 * scale,
        fyPx: 1000 * scale,
        cxPx: w / 2 + 3.5 * scale,
        cyPx: h / 2 - 2.5 * scale,
        skew: 0,
      },
      distortion: { model: "brown-conrady", k1: -0.08, k2: 0.012, p1: 0.0004, p2: -0.0003, k3: 0 },
      cameraFromLidar: cameraFromLidarPose({ x: 0.35, y: 0, z: -0.3 }, 0, (2 * Math.PI) / 180),
    },
    {
      name: "left",
      imageWidthPx: w,
      imageHeightPx: h,
      intrinsics: {
        fxPx: 800 * scale,
        fyPx: 800 * scale,
        cxPx: w / 2 - 2 * scale,
        cyPx: h / 2 + 1.5 * scale,
        skew: 0,
      },
      distortion: { model: "brown-conrady", k1: -0.12, k2: 0.02, p1: -0.0002, p2: 0.0003, k3: 0 },
      cameraFromLidar: cameraFromLidarPose({ x: 0.1, y: 0.45, z: -0.35 }, Math.PI / 2, (3 * Math.PI) / 180),
    },
  ];
}
