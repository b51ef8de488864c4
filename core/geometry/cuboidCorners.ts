import type { CuboidSize } from "../model/Cuboid";
import { quatFromEulerZYX, quatRotate } from "./quat";
import { add, type Vec3 } from "./vec3";

export interface OrientedBox {
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
  pitchRad?: number;
  rollRad?: number;
}

/**
 * The 8 corners in the box's parent frame. Order: bottom face (z−) then top face (z+), each
 * counter-clockwise from the front-left: (+x,+y), (−x,+y), (−x,−y), (+x,−y). Corners 0,3,4,7 are the front.
 */
export function cuboidCorners(box: OrientedBox): Vec3[] {
  const q = quatFromEulerZYX(box.yawRad, box.pitchRad ?? 0, box.rollRad ?? 0);
  const hl = box.size.lengthM / 2;
  const hw = box.size.widthM / 2;
  const hh = box.size.heightM / 2;
  const local: Vec3[] = [];
  for (const z of [-hh, hh]) {
    local.push({ x: hl, y: hw, z }, { x: -hl, y: hw, z }, { x: -hl, y: -hw, z }, { x: hl, y: -hw, z });
  }
  return local.map((p) => add(quatRotate(q, p), box.centerM));
}

/** The 12 edges as pairs of corner indices into cuboidCorners(). */
export const CUBOID_EDGES: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 0],
  [4, 5],
  [5, 6],
  [6, 7],
  [7, 4],
  [0, 4],
  [1, 5],
  [2, 6],
  [3, 7],
];

/** Whether a point lies inside the box (yaw-only boxes; pitch and roll are honoured too). */
export function isPointInBox(p: Vec3, box: OrientedBox, marginM = 0): boolean {
  const q = quatFromEulerZYX(box.yawRad, box.pitchRad ?? 0, box.rollRad ?? 0);
  const inv = { w: q.w, x: -q.x, y: -q.y, z: -q.z };
  const local = quatRotate(inv, { x: p.x - box.centerM.x, y: p.y - box.centerM.y, z: p.z - box.centerM.z });
  return (
    Math.abs(local.x) <= box.size.lengthM / 2 + marginM &&
    Math.abs(local.y) <= box.size.widthM / 2 + marginM &&
    Math.abs(local.z) <= box.size.heightM / 2 + marginM
  );
}
