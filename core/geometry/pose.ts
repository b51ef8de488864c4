import {
  IDENTITY_QUAT,
  type Quat,
  quatConjugate,
  quatFromRotationMatrix,
  quatMultiply,
  quatRotate,
  rotationMatrixFromQuat,
} from "./quat";
import { must } from "../model/must";
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
  const e = (i: number): number => must(m[i], `matrix entry ${i}`);
  return {
    rotation: quatFromRotationMatrix([e(0), e(1), e(2), e(4), e(5), e(6), e(8), e(9), e(10)]),
    translationM: { x: e(3), y: e(7), z: e(11) },
  };
}

export function matrix4RowMajorFromPose(p: Pose3): number[] {
  const [r00, r01, r02, r10, r11, r12, r20, r21, r22] = rotationMatrixFromQuat(p.rotation);
  const t = p.translationM;
  return [r00, r01, r02, t.x, r10, r11, r12, t.y, r20, r21, r22, t.z, 0, 0, 0, 1];
}
