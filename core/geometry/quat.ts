import type { Vec3 } from "./vec3";

/** A 3×3 rotation matrix, row-major: m00 m01 m02 m10 … m22. */
export type Matrix3RowMajor = [number, number, number, number, number, number, number, number, number];

/** Unit quaternion (Hamilton convention, w scalar). */
export interface Quat {
  w: number;
  x: number;
  y: number;
  z: number;
}

export const IDENTITY_QUAT: Quat = { w: 1, x: 0, y: 0, z: 0 };

export function quatMultiply(a: Quat, b: Quat): Quat {
  return {
    w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
    x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
    y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
    z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
  };
}

export const quatConjugate = (q: Quat): Quat => ({ w: q.w, x: -q.x, y: -q.y, z: -q.z });

export function quatNormalize(q: Quat): Quat {
  const n = Math.hypot(q.w, q.x, q.y, q.z);
  if (n === 0) throw new Error("quatNormalize: zero quaternion");
  return { w: q.w / n, x: q.x / n, y: q.y / n, z: q.z / n };
}

export function quatRotate(q: Quat, v: Vec3): Vec3 {
  // v' = v + 2w(u×v) + 2u×(u×v), u = (x, y, z)
  const tx = 2 * (q.y * v.z - q.z * v.y);
  const ty = 2 * (q.z * v.x - q.x * v.z);
  const tz = 2 * (q.x * v.y - q.y * v.x);
  return {
    x: v.x + q.w * tx + (q.y * tz - q.z * ty),
    y: v.y + q.w * ty + (q.z * tx - q.x * tz),
    z: v.z + q.w * tz + (q.x * ty - q.y * tx),
  };
}

export function quatFromAxisAngle(axis: Vec3, angleRad: number): Quat {
  const n = Math.hypot(axis.x, axis.y, axis.z);
  const s = Math.sin(angleRad / 2) / n;
  return { w: Math.cos(angleRad / 2), x: axis.x * s, y: axis.y * s, z: axis.z * s };
}

export const quatFromYaw = (yawRad: number): Quat => ({
  w: Math.cos(yawRad / 2),
  x: 0,
  y: 0,
  z: Math.sin(yawRad / 2),
});

/** Intrinsic Z-Y-X (yaw, pitch, roll) Euler angles: R = Rz(yaw)·Ry(pitch)·Rx(roll). */
export function quatFromEulerZYX(yawRad: number, pitchRad: number, rollRad: number): Quat {
  const z = quatFromAxisAngle({ x: 0, y: 0, z: 1 }, yawRad);
  const y = quatFromAxisAngle({ x: 0, y: 1, z: 0 }, pitchRad);
  const x = quatFromAxisAngle({ x: 1, y: 0, z: 0 }, rollRad);
  return quatMultiply(quatMultiply(z, y), x);
}

/** Yaw (rotation about +z) of the quaternion's x axis, in (-π, π]. */
export function yawOfQuat(q: Quat): number {
  return Math.atan2(2 * (q.w * q.z + q.x * q.y), 1 - 2 * (q.y * q.y + q.z * q.z));
}

/** Row-major 3×3 rotation matrix → quaternion (Shepperd's method). */
export function quatFromRotationMatrix(m: Readonly<Matrix3RowMajor>): Quat {
  const [m00, m01, m02, m10, m11, m12, m20, m21, m22] = m;
  const trace = m00 + m11 + m22;
  let q: Quat;
  if (trace > 0) {
    const s = Math.sqrt(trace + 1) * 2;
    q = { w: 0.25 * s, x: (m21 - m12) / s, y: (m02 - m20) / s, z: (m10 - m01) / s };
  } else if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2;
    q = { w: (m21 - m12) / s, x: 0.25 * s, y: (m01 + m10) / s, z: (m02 + m20) / s };
  } else if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2;
    q = { w: (m02 - m20) / s, x: (m01 + m10) / s, y: 0.25 * s, z: (m12 + m21) / s };
  } else {
    const s = Math.sqrt(1 + m22 - m00 - m11) * 2;
    q = { w: (m10 - m01) / s, x: (m02 + m20) / s, y: (m12 + m21) / s, z: 0.25 * s };
  }
  return quatNormalize(q);
}

/** Quaternion → row-major 3×3 rotation matrix. */
export function rotationMatrixFromQuat(q: Quat): Matrix3RowMajor {
  const { w, x, y, z } = q;
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    2 * (x * y + w * z),
    1 - 2 * (x * x + z * z),
    2 * (y * z - w * x),
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    1 - 2 * (x * x + y * y),
  ];
}
