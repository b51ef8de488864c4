import {
  IDENTITY_QUAT,
  type Quat,
  quatConjugate,
  quatFromRotationMatrix,
  quatMultiply,
  quatRotate,
  rotationMatrixFromQuat,
} from "./quat";
import { add, type Vec3 } from "./vec3";

/**
 * A rigid transform. Name every pose `targetFromSource` (e.g. `worldFromLidar`,
 * `cameraFromLidar`): applying it to a point in `source` coordinates gives the point in `target`.
 */
export interface Pose3 {
  translationM: Vec3;
  rotation: Quat;
}

export const IDENTITY_POSE: Pose3 = { translationM: { x: 0, y: 0, z: 0 }, rotation: IDENTITY_QUAT };

/** Exactly the identity (as importers store "no pose"), not merely close to it. */
export const isIdentityPose = (p: Pose3): boolean =>
  p.translationM.x === 0 &&
  p.translationM.y === 0 &&
  p.translationM.z === 0 &&
  p.rotation.x === 0 &&
  p.rotation.y === 0 &&
  p.rotation.z === 0 &&
  Math.abs(p.rotation.w) === 1;

export const transformPoint = (targetFromSource: Pose3, p: Vec3): Vec3 =>
  add(quatRotate(targetFromSource.rotation, p), targetFromSource.translationM);

/** aFromC = compose(aFromB, bFromC). */
export function composePoses(aFromB: Pose3, bFromC: Pose3): Pose3 {
  return {
    rotation: quatMultiply(aFromB.rotation, bFromC.rotation),
    translationM: transformPoint(aFromB, bFromC.translationM),
  };
}

/** bFromA = invert(aFromB). */
export function invertPose(aFromB: Pose3): Pose3 {
  const rotation = quatConjugate(aFromB.rotation);
  const t = quatRotate(rotation, aFromB.translationM);
  return { rotation, translationM: { x: -t.x, y: -t.y, z: -t.z } };
}

/** Row-major 4×4 (16 numbers, last row 0 0 0 1) → pose; the rotation block is re-orthonormalised via a quaternion. */
export function poseFromMatrix4RowMajor(m: readonly number[]): Pose3 {
  if (m.length !== 16 && m.length !== 12)
    throw new Error(`poseFromMatrix4RowMajor: expected 12 or 16 numbers, got ${m.length}`);
  return {
    rotation: quatFromRotationMatrix([m[0]!, m[1]!, m[2]!, m[4]!, m[5]!, m[6]!, m[8]!, m[9]!, m[10]!]),
    translationM: { x: m[3]!, y: m[7]!, z: m[11]! },
  };
}

export function matrix4RowMajorFromPose(p: Pose3): number[] {
  const r = rotationMatrixFromQuat(p.rotation);
  const t = p.translationM;
  return [r[0]!, r[1]!, r[2]!, t.x, r[3]!, r[4]!, r[5]!, t.y, r[6]!, r[7]!, r[8]!, t.z, 0, 0, 0, 1];
}
