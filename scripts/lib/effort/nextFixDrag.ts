import type { BoxHandle, ViewPoint } from "../../../client/editor/boxViews/dragHandle";
import { yawErrorModPiRad } from "../../../core/fit/angles";
import { bevIou } from "../../../core/geometry/iou";
import type { Cuboid } from "../../../core/model/Cuboid";

/** What the annotator needs of a box: where it is, its size and heading (lidar coordinates). */
export type BevBox = Pick<Cuboid, "centerM" | "size" | "yawRad">;

/** One drag in the top view of the selected box, in that box's local view coordinates (u ahead, v left). */
export interface FixDrag {
  handle: BoxHandle;
  press: ViewPoint;
  to: ViewPoint;
}

/** A box is done when it overlaps the truth this well in BEV with its heading this close (mod π). */
export const GOOD_IOU = 0.8;
export const GOOD_YAW_RAD = (3 * Math.PI) / 180;
/** A heading this far off is rotated first; an edge this far off is dragged. */
const ROTATE_ABOVE_RAD = (2 * Math.PI) / 180;
const EDGE_TOLERANCE_M = 0.1;

export const isGoodBox = (box: BevBox, truth: BevBox): boolean =>
  bevIou(box, truth) >= GOOD_IOU && yawErrorModPiRad(box.yawRad, truth.yawRad) < GOOD_YAW_RAD;

/** The signed heading change (−π/2, π/2] that aligns `from` with `to` as boxes (mod π). */
function turnModPi(from: number, to: number): number {
  let d = (to - from) % Math.PI;
  if (d > Math.PI / 2) d -= Math.PI;
  if (d <= -Math.PI / 2) d += Math.PI;
  return d;
}

/**
 * The next drag a person makes in the top view to bring `box` onto `truth`, or null when it is
 * good (isGoodBox). First the heading (the rotation handle, `rotateHandleM` beyond the front edge,
 * turned about the centre); then, with the heading right, the size and place together: a corner
 * dragged to the truth's corner (the opposite corner stays) — two opposite corners set all four
 * edges — or the body when only the place is off. Each drag lands exactly where it is aimed.
 */
export function nextFixDrag(box: BevBox, truth: BevBox, rotateHandleM: number): FixDrag | null {
  if (isGoodBox(box, truth)) return null;
  const turn = turnModPi(box.yawRad, truth.yawRad);
  if (Math.abs(turn) > ROTATE_ABOVE_RAD) {
    const r = box.size.lengthM / 2 + rotateHandleM;
    return {
      handle: { kind: "rotate" },
      press: { u: r, v: 0 },
      to: { u: r * Math.cos(turn), v: r * Math.sin(turn) },
    };
  }
  // The truth's centre in this box's frame (u ahead, v left).
  const dx = truth.centerM.x - box.centerM.x;
  const dy = truth.centerM.y - box.centerM.y;
  const cos = Math.cos(box.yawRad);
  const sin = Math.sin(box.yawRad);
  const c = { x: dx * cos + dy * sin, y: -dx * sin + dy * cos };
  const hl = box.size.lengthM / 2;
  const hw = box.size.widthM / 2;
  // The truth's extent along this box's axes (its heading is within a couple of degrees of ours).
  const front = c.x + truth.size.lengthM / 2;
  const back = c.x - truth.size.lengthM / 2;
  const left = c.y + truth.size.widthM / 2;
  const right = c.y - truth.size.widthM / 2;
  const sizeOk =
    Math.abs(truth.size.lengthM - box.size.lengthM) <= 2 * EDGE_TOLERANCE_M &&
    Math.abs(truth.size.widthM - box.size.widthM) <= 2 * EDGE_TOLERANCE_M;
  if (sizeOk) return { handle: { kind: "body" }, press: { u: 0, v: 0 }, to: { u: c.x, v: c.y } };
  const offFrontLeft = Math.max(Math.abs(front - hl), Math.abs(left - hw));
  const offBackRight = Math.max(Math.abs(back + hl), Math.abs(right + hw));
  if (offFrontLeft >= offBackRight)
    return {
      handle: { kind: "corner", uSign: 1, vSign: 1 },
      press: { u: hl, v: hw },
      to: { u: front, v: left },
    };
  return {
    handle: { kind: "corner", uSign: -1, vSign: -1 },
    press: { u: -hl, v: -hw },
    to: { u: back, v: right },
  };
}
