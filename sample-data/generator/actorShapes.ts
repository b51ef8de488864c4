import type { CuboidSize } from "../../core/model/Cuboid";
import { materialId } from "./materials";
import { box, type Shape } from "./Shape";

/**
 * Ground-truth boxes are the actor's cuboid; the shapes that the lidar and cameras see stay at
 * least SHAPE_MARGIN_M inside it on every side, so that range noise (clamped to ±0.036 m) never
 * carries an object's own return outside its box.
 */
export const SHAPE_MARGIN_M = 0.05;

const TYRE = materialId("tyre");
const GLASS = materialId("glass");
const SKIN = materialId("skin");
const BIKE = materialId("bike-frame");

export interface ActorLook {
  bodyMaterial: number;
  accentMaterial: number;
}

/**
 * Faces of different shapes never share a plane where both can be seen (no depth fighting): glass
 * sits 8 cm proud of a van's body and ends below a car's roof.
 *
 * The solid shapes of an actor in its own frame: x forward, y left, z up from the cuboid's bottom
 * face; the cuboid spans ±length/2, ±width/2, 0..height. walkPhaseRad animates legs.
 */
export function actorShapes(
  className: string,
  size: CuboidSize,
  look: ActorLook,
  walkPhaseRad: number,
): Shape[] {
  const m = SHAPE_MARGIN_M;
  const hl = size.lengthM / 2 - m;
  const hw = size.widthM / 2 - m;
  const top = size.heightM - m;
  switch (className) {
    case "Car":
      return [
        ...wheels(hw, [hl - 0.75, -hl + 0.75]),
        box(0, 0, hl, hw - 0.04, 0.3, 0.58 * size.heightM, look.bodyMaterial),
        box(-0.1 * hl, 0, 0.55 * hl, hw - 0.12, 0.58 * size.heightM, top - 0.08, GLASS),
        box(-0.1 * hl, 0, 0.5 * hl, hw - 0.1, top - 0.08, top, look.bodyMaterial),
      ];
    case "Van":
      return [
        ...wheels(hw, [hl - 0.8, -hl + 0.9]),
        box(-0.5, 0, hl - 0.5, hw - 0.03, 0.3, top, look.bodyMaterial),
        box(hl - 0.5, 0, 0.5, hw - 0.06, 0.3, 0.5 * size.heightM, look.bodyMaterial),
        box(hl - 0.97, 0, 0.05, hw - 0.1, 0.55 * size.heightM, top - 0.2, GLASS),
      ];
    case "Truck":
    case "Bus":
      return [
        ...wheels(hw, [hl - 1.0, -hl + 1.2, -hl + 2.3]),
        box(hl - 1.15, 0, 1.05, hw, 0.45, top - 0.5, look.accentMaterial),
        box(hl - 0.05, 0, 0.05, hw - 0.1, 0.5 * top, top - 0.7, GLASS),
        box(0, 0, hl, hw - 0.1, 0.5, 0.95, TYRE),
        box(-1.2, 0, hl - 1.2, hw, 0.95, top, look.bodyMaterial),
      ];
    case "Cyclist":
    case "Motorcycle": {
      const wheelHalf = Math.min(0.33, (size.heightM - m) / 5);
      return [
        box(hl - wheelHalf, 0, wheelHalf, 0.03, 0.02, 0.02 + 2 * wheelHalf, TYRE),
        box(-hl + wheelHalf, 0, wheelHalf, 0.03, 0.02, 0.02 + 2 * wheelHalf, TYRE),
        box(0, 0, hl - 0.3, 0.04, 0.45, 0.8, BIKE),
        box(-0.05, 0, 0.12, Math.min(hw, 0.18), 0.55, 0.95, look.accentMaterial),
        box(-0.1, 0, 0.16, Math.min(hw, 0.2), 0.95, top - 0.28, look.bodyMaterial),
        { kind: "sphere", xM: 0, yM: 0, zM: top - 0.12, radiusM: 0.11, material: SKIN, owner: -1 },
      ];
    }
    case "Pedestrian": {
      const swing = 0.12 * Math.sin(walkPhaseRad);
      const legHalf = Math.min(0.08, hl - Math.abs(swing));
      return [
        box(swing, 0.1, legHalf, 0.07, 0.02, 0.48 * size.heightM, look.accentMaterial),
        box(-swing, -0.1, legHalf, 0.07, 0.02, 0.48 * size.heightM, look.accentMaterial),
        box(0, 0, Math.min(0.12, hl), Math.min(0.22, hw), 0.48 * size.heightM, top - 0.24, look.bodyMaterial),
        { kind: "sphere", xM: 0, yM: 0, zM: top - 0.11, radiusM: 0.11, material: SKIN, owner: -1 },
      ];
    }
    default:
      return [box(0, 0, hl, hw, 0.02, top, look.bodyMaterial)];
  }
}

function wheels(hw: number, axlesX: number[]): Shape[] {
  const out: Shape[] = [];
  for (const x of axlesX) {
    out.push(
      box(x, hw - 0.11, 0.33, 0.11, 0.02, 0.66, TYRE),
      box(x, -hw + 0.11, 0.33, 0.11, 0.02, 0.66, TYRE),
    );
  }
  return out;
}
