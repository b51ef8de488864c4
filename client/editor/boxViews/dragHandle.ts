import type { Cuboid } from "../../../core/model/Cuboid";
import type { CuboidPatch } from "../commands/editCuboids";
import { BOX_VIEW_AXES, type BoxViewName, fromBoxLocal, halfExtent } from "./boxViewAxes";

/** What can be grabbed in a box view: an edge or corner (±u, ±v), the body, or the rotation handle (top view). */
export type BoxHandle =
  | { kind: "edge"; axis: "u" | "v"; sign: 1 | -1 }
  | { kind: "corner"; uSign: 1 | -1; vSign: 1 | -1 }
  | { kind: "body" }
  | { kind: "rotate" };

/** Boxes never shrink below this along any axis. */
export const MIN_SIZE_M = 0.1;

/** A position in a box view, metres, in the local frame of the box as it was when the drag started. */
export interface ViewPoint {
  u: number;
  v: number;
}

const SIZE_KEY = { x: "lengthM", y: "widthM", z: "heightM" } as const;

/** One axis of a resize: the opposite side stays where it was. Returns [newSize, centreShift]. */
function resizeAxis(half: number, sign: 1 | -1, pointer: number): [number, number] {
  const fixed = -sign * half;
  const moving = sign === 1 ? Math.max(fixed + MIN_SIZE_M, pointer) : Math.min(fixed - MIN_SIZE_M, pointer);
  return [Math.abs(moving - fixed), (moving + fixed) / 2];
}

/**
 * The box after dragging `handle` of view `view` from `press` to `pointer` (both in the start box's
 * local view coordinates). Pure: the drag always starts from `start`, so no error accumulates.
 */
export function dragHandle(
  start: Cuboid,
  view: BoxViewName,
  handle: BoxHandle,
  press: ViewPoint,
  pointer: ViewPoint,
): CuboidPatch {
  const axes = BOX_VIEW_AXES[view];
  if (handle.kind === "rotate") {
    const delta = Math.atan2(pointer.v, pointer.u) - Math.atan2(press.v, press.u);
    return { yawRad: start.yawRad + delta };
  }
  const local = { x: 0, y: 0, z: 0 };
  const size = { ...start.size };
  if (handle.kind === "body") {
    local[axes.u] = pointer.u - press.u;
    local[axes.v] = pointer.v - press.v;
  } else {
    const parts: Array<["u" | "v", 1 | -1]> =
      handle.kind === "edge"
        ? [[handle.axis, handle.sign]]
        : [
            ["u", handle.uSign],
            ["v", handle.vSign],
          ];
    for (const [which, sign] of parts) {
      const axis = axes[which];
      const [newSize, shift] = resizeAxis(halfExtent(start, axis), sign, pointer[which]);
      size[SIZE_KEY[axis]] = newSize;
      local[axis] = shift;
    }
  }
  return { centerM: fromBoxLocal(start, local), size };
}
