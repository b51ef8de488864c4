import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { type FrameIndex, gatherDisc } from "./FrameIndex";

export interface BoxPointsOptions {
  /** BEV margin beyond the box's sides, metres. */
  marginM: number;
  /** Height band above the box's bottom face, metres (e.g. 0.3 clears the ground). */
  minAboveBottomM: number;
  maxAboveBottomM: number;
}

/**
 * The points around a yaw-only box in the box's own coordinates, interleaved u, v, h: u along
 * the heading, v to its left, h above the bottom face (metres). Pitch and roll are ignored.
 */
export function gatherBoxPoints(index: FrameIndex, box: OrientedBox, o: BoxPointsOptions): Float32Array {
  const origin = index.originM;
  const cx = box.centerM.x - origin.x;
  const cy = box.centerM.y - origin.y;
  const bottom = box.centerM.z - origin.z - box.size.heightM / 2;
  const c = Math.cos(box.yawRad);
  const s = Math.sin(box.yawRad);
  const hl = box.size.lengthM / 2 + o.marginM;
  const hw = box.size.widthM / 2 + o.marginM;
  const disc = gatherDisc(index, cx, cy, Math.hypot(hl, hw));
  const out = new Float32Array(disc.length);
  let k = 0;
  for (let j = 0; j < disc.length; j += 3) {
    const h = (disc[j + 2] ?? 0) - bottom;
    if (h < o.minAboveBottomM || h > o.maxAboveBottomM) continue;
    const dx = (disc[j] ?? 0) - cx;
    const dy = (disc[j + 1] ?? 0) - cy;
    const u = c * dx + s * dy;
    const v = -s * dx + c * dy;
    if (Math.abs(u) > hl || Math.abs(v) > hw) continue;
    out[k++] = u;
    out[k++] = v;
    out[k++] = h;
  }
  return out.subarray(0, k);
}
