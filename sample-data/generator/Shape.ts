/**
 * The scene's solid primitives, in one frame of reference (local to an actor, or world, or lidar;
 * the holder's name says which). Boxes and cylinders are vertical extrusions (yaw only), which is
 * what lets the lidar caster solve them in 2D once per azimuth column; spheres are solved in 3D.
 * `owner` is the actor index the shape belongs to, or -1 for static scenery.
 */
export type Shape = BoxShape | CylinderShape | SphereShape;

interface ShapeBase {
  material: number;
  owner: number;
}

export interface BoxShape extends ShapeBase {
  kind: "box";
  xM: number;
  yM: number;
  zMinM: number;
  zMaxM: number;
  yawRad: number;
  halfLengthM: number;
  halfWidthM: number;
}

export interface CylinderShape extends ShapeBase {
  kind: "cylinder";
  xM: number;
  yM: number;
  zMinM: number;
  zMaxM: number;
  radiusM: number;
}

export interface SphereShape extends ShapeBase {
  kind: "sphere";
  xM: number;
  yM: number;
  zM: number;
  radiusM: number;
}

/** The shape moved by a yaw rotation about z, then a translation (x, y, z). */
export function placeShape(
  s: Shape,
  xM: number,
  yM: number,
  zM: number,
  yawRad: number,
  owner: number,
): Shape {
  const c = Math.cos(yawRad);
  const n = Math.sin(yawRad);
  const x = xM + c * s.xM - n * s.yM;
  const y = yM + n * s.xM + c * s.yM;
  switch (s.kind) {
    case "box":
      return {
        ...s,
        xM: x,
        yM: y,
        zMinM: s.zMinM + zM,
        zMaxM: s.zMaxM + zM,
        yawRad: s.yawRad + yawRad,
        owner,
      };
    case "cylinder":
      return { ...s, xM: x, yM: y, zMinM: s.zMinM + zM, zMaxM: s.zMaxM + zM, owner };
    case "sphere":
      return { ...s, xM: x, yM: y, zM: s.zM + zM, owner };
  }
}

/** Radius of the shape's footprint around (xM, yM): what the azimuth-sector culling uses. */
export function footprintRadiusM(s: Shape): number {
  return s.kind === "box" ? Math.hypot(s.halfLengthM, s.halfWidthM) : s.radiusM;
}

/** An axis-aligned (in the holder's frame) box helper: centre x/y, half sizes and z range. */
export const box = (
  xM: number,
  yM: number,
  halfLengthM: number,
  halfWidthM: number,
  zMinM: number,
  zMaxM: number,
  material: number,
  yawRad = 0,
): BoxShape => ({ kind: "box", xM, yM, halfLengthM, halfWidthM, zMinM, zMaxM, yawRad, material, owner: -1 });
