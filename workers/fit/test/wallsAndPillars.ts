import type { OrientedBox } from "../../../core/geometry/cuboidCorners";
import { buildFrameIndex, type FrameIndex } from "../FrameIndex";
import { synthesizeScan } from "../synthesizeScan";

/** Walls and pillars [x, y, length, width, yaw] of a static street, world coordinates. */
export const STREET = [
  [8, 6, 0.5, 0.5, 0.2],
  [-5, 7, 12, 0.4, 0.05],
  [14, -6, 0.6, 0.6, 0.2],
  [3, -9, 10, 0.3, -0.1],
  [-12, -4, 0.5, 6, 0.3],
  [20, 9, 2, 2, 0.7],
] as const;

/**
 * The street scanned from an ego at (egoXM, egoYM) heading along x (a test scene for ego-motion
 * estimation); `more` adds structures; `extentM` is the scan's reach.
 */
export function wallsAndPillars(
  egoXM: number,
  egoYM = 0,
  options: { more?: ReadonlyArray<readonly [number, number, number, number, number]>; extentM?: number } = {},
): FrameIndex {
  const boxes: OrientedBox[] = [...STREET, ...(options.more ?? [])].map(([x, y, l, w, yaw]) => ({
    centerM: { x: x - egoXM, y: y - egoYM, z: 0 },
    size: { lengthM: l, widthM: w, heightM: 3 },
    yawRad: yaw,
  }));
  return buildFrameIndex(synthesizeScan({ boxes, extentM: options.extentM ?? 30, stepM: 0.02 }));
}
