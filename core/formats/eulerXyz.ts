import {
  type Quat,
  quatFromAxisAngle,
  quatFromEulerZYX,
  quatMultiply,
  rotationMatrixFromQuat,
} from "../geometry/quat";
import type { Vec3 } from "../geometry/vec3";

/**
 * SUSTechPOINTS (three.js default order "XYZ") stores a box rotation as Euler angles with
 * R = Rx(x)·Ry(y)·Rz(z); our Cuboid uses R = Rz(yaw)·Ry(pitch)·Rx(roll). These convert between
 * the two through the rotation matrix, so a tilted box keeps its exact orientation (reading x as
 * roll and z as yaw would be off by ~0.3° for SUSTechPOINTS' typical 0.05 rad tilt).
 */
export interface YawPitchRoll {
  yawRad: number;
  pitchRad: number;
  rollRad: number;
}

export function yawPitchRollFromEulerXyz(e: Vec3): YawPitchRoll {
  const q = quatMultiply(
    quatMultiply(quatFromAxisAngle({ x: 1, y: 0, z: 0 }, e.x), quatFromAxisAngle({ x: 0, y: 1, z: 0 }, e.y)),
    quatFromAxisAngle({ x: 0, y: 0, z: 1 }, e.z),
  );
  return yawPitchRollFromQuat(q, { yawRad: e.z, pitchRad: 0, rollRad: e.x });
}

/**
 * A unit quaternion as R = Rz(yaw)·Ry(pitch)·Rx(roll), yaw and roll taken the whole turns nearest
 * to `near` (default 0: in (-π, π]).
 */
export function yawPitchRollFromQuat(q: Quat, near: YawPitchRoll = ZERO_YPR): YawPitchRoll {
  const m = rotationMatrixFromQuat(q);
  // R = Rz·Ry·Rx: m[6] = -sin(pitch), m[3]/m[0] = tan(yaw), m[7]/m[8] = tan(roll).
  return {
    yawRad: nearestTurn(Math.atan2(m[3], m[0]), near.yawRad),
    pitchRad: Math.asin(Math.max(-1, Math.min(1, -m[6]))),
    rollRad: nearestTurn(Math.atan2(m[7], m[8]), near.rollRad),
  };
}
const ZERO_YPR: YawPitchRoll = { yawRad: 0, pitchRad: 0, rollRad: 0 };

export function eulerXyzFromYawPitchRoll(r: YawPitchRoll): Vec3 {
  const m = rotationMatrixFromQuat(quatFromEulerZYX(r.yawRad, r.pitchRad, r.rollRad));
  // R = Rx·Ry·Rz: m[2] = sin(y), m[5]/m[8] = -tan(x), m[1]/m[0] = -tan(z) (three.js setFromRotationMatrix).
  return {
    x: nearestTurn(Math.atan2(-m[5], m[8]), r.rollRad),
    y: Math.asin(Math.max(-1, Math.min(1, m[2]))),
    z: nearestTurn(Math.atan2(-m[1], m[0]), r.yawRad),
  };
}

/**
 * angleRad plus the whole turns that bring it nearest to nearRad. Files hold angles outside
 * (-π, π] (SUSTechPOINTS has yaws of 3.5 rad); keeping the turn count lets an export give back
 * the very numbers that were imported.
 */
export const nearestTurn = (angleRad: number, nearRad: number): number =>
  angleRad + 2 * Math.PI * Math.round((nearRad - angleRad) / (2 * Math.PI));
