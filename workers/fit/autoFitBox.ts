import type { CuboidSize } from "../../core/model/Cuboid";
import type { Provenance } from "../../core/model/Provenance";
import type { Vec3 } from "../../core/geometry/vec3";
import { classSizePrior } from "./classSizePrior";
import type { FrameIndex } from "./FrameIndex";
import { fitNear } from "./fitNear";

/** What the machine proposes for one click; lidar coordinates of the clicked frame. */
export interface AutoFitBox {
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
  className: string;
  /** Object points the box was fitted to; 0 means nothing was there and the box is the class prior at the click. */
  pointCount: number;
  meanEdgeDistanceM: number;
  provenance: Provenance;
}

/**
 * One click → one box. The class (default "Car") gives the size prior and the search limits
 * (`priorSize` overrides it: a project's own class sizes, or a dataset's, see SizePriorSet);
 * a click on empty ground still returns the prior box standing on the ground there, with
 * pointCount 0, so the annotator always gets something to adjust.
 */
export function autoFitBox(
  index: FrameIndex,
  clickM: Vec3,
  className = "Car",
  priorSize: CuboidSize = classSizePrior(className),
): AutoFitBox {
  let fit = fitNear(index, { seedM: clickM, priorSize });
  if (!fit.box) {
    // A click in the middle of a long object (a trailer seen only from behind) can be farther from
    // its only visible face than the prior's half length: look a prior length away, and keep what
    // is found only if its box lies under the click (a click on empty ground must not snap to a
    // neighbour).
    const wide = fitNear(index, {
      seedM: clickM,
      priorSize,
      maxSeedDistanceM: priorSize.lengthM,
      maxRadiusM: priorSize.lengthM + priorSize.widthM,
    });
    if (wide.box && boxCoversBev(wide.box, clickM)) fit = wide;
  }
  if (!fit.box) {
    return {
      centerM: { x: clickM.x, y: clickM.y, z: fit.groundZM + priorSize.heightM / 2 },
      size: priorSize,
      yawRad: 0,
      className,
      pointCount: 0,
      meanEdgeDistanceM: Number.POSITIVE_INFINITY,
      provenance: "auto-fit",
    };
  }
  return {
    ...fit.box,
    className,
    pointCount: fit.pointCount,
    meanEdgeDistanceM: fit.meanEdgeDistanceM,
    provenance: "auto-fit",
  };
}

/** Whether (x, y) of `p` lies inside the box's footprint. */
function boxCoversBev(box: { centerM: Vec3; size: CuboidSize; yawRad: number }, p: Vec3): boolean {
  const dx = p.x - box.centerM.x;
  const dy = p.y - box.centerM.y;
  const c = Math.cos(box.yawRad);
  const s = Math.sin(box.yawRad);
  return (
    Math.abs(dx * c + dy * s) <= box.size.lengthM / 2 && Math.abs(-dx * s + dy * c) <= box.size.widthM / 2
  );
}
