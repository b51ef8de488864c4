import type { Cuboid } from "../../../core/model/Cuboid";
import type { Vec3 } from "../../../core/geometry/vec3";

/**
 * The three orthographic views of the selected box. Each shows two of the box's local axes:
 * top: u = +x (heading, screen up), v = +y · side: u = +x (screen right), v = +z (up) ·
 * front (looking at the front face): u = +y (screen right), v = +z (up).
 */
export type BoxViewName = "top" | "side" | "front";
type Axis = "x" | "y" | "z";
export const BOX_VIEW_AXES: Record<BoxViewName, { u: Axis; v: Axis }> = {
  top: { u: "x", v: "y" },
  side: { u: "x", v: "z" },
  front: { u: "y", v: "z" },
};

export const halfExtent = (c: Cuboid, axis: Axis): number =>
  (axis === "x" ? c.size.lengthM : axis === "y" ? c.size.widthM : c.size.heightM) / 2;

/** Lidar point → the box's local frame (yaw only; pitch and roll are not edited here). */
export function toBoxLocal(box: Cuboid, p: Vec3): Vec3 {
  const dx = p.x - box.centerM.x;
  const dy = p.y - box.centerM.y;
  const cos = Math.cos(box.yawRad);
  const sin = Math.sin(box.yawRad);
  return { x: dx * cos + dy * sin, y: -dx * sin + dy * cos, z: p.z - box.centerM.z };
}

/** The box's local frame → lidar. */
export function fromBoxLocal(box: Cuboid, l: Vec3): Vec3 {
  const cos = Math.cos(box.yawRad);
  const sin = Math.sin(box.yawRad);
  return {
    x: box.centerM.x + l.x * cos - l.y * sin,
    y: box.centerM.y + l.x * sin + l.y * cos,
    z: box.centerM.z + l.z,
  };
}
