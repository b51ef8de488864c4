import type { BoxLabel } from "../../core/formats/BoxLabel";
import { isPointInBox } from "../../core/geometry/cuboidCorners";
import { gatherDisc } from "../../workers/fit/FrameIndex";
import type { SceneRuntime } from "./SceneRuntime";

/** Lidar points of frame `frameIndex` inside the labelled box (full resolution, scene coordinates). */
export function countLabelPoints(rt: SceneRuntime, frameIndex: number, label: BoxLabel): number {
  const index = rt.index(frameIndex);
  const o = index.originM;
  const disc = gatherDisc(
    index,
    label.centerM.x - o.x,
    label.centerM.y - o.y,
    Math.hypot(label.size.lengthM, label.size.widthM) / 2,
  );
  let n = 0;
  for (let j = 0; j + 2 < disc.length; j += 3) {
    const p = { x: (disc[j] ?? NaN) + o.x, y: (disc[j + 1] ?? NaN) + o.y, z: (disc[j + 2] ?? NaN) + o.z };
    if (isPointInBox(p, label)) n++;
  }
  return n;
}
