import type { QaContext } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { makeFinding } from "../makeFinding";
import { roundM } from "../qaMessages";

/** Bottom face against the ground estimated from the points around the box: sunk into it, or floating above it. */
export function checkGround(ctx: QaContext): QaFinding[] {
  const { config } = ctx;
  const below = config["below-ground"];
  const floating = config.floating;
  const out: QaFinding[] = [];
  for (const items of ctx.byFrame) {
    for (const item of items) {
      const p = item.points;
      const underFloating =
        floating.enabled &&
        p !== null &&
        p.underPoints >= floating.minUnderPoints &&
        p.underPoints >= floating.minUnderShare * p.objectPoints;
      if (underFloating)
        out.push(
          makeFinding(
            config,
            "floating",
            item,
            "floatingOverObject",
            { under: p.underPoints, inside: p.objectPoints },
            { fix: "snap-to-ground" },
          ),
        );
      const groundZ = item.points?.groundZM;
      if (groundZ === null || groundZ === undefined) continue;
      const rangeM = Math.hypot(item.box.centerM.x, item.box.centerM.y);
      const bottomZ = item.box.centerM.z - item.box.size.heightM / 2;
      const aboveM = bottomZ - groundZ;
      if (below.enabled && -aboveM > below.maxDepthM && rangeM <= below.maxRangeM)
        out.push(
          makeFinding(
            config,
            "below-ground",
            item,
            "belowGround",
            { depthM: roundM(-aboveM) },
            { fix: "snap-to-ground" },
          ),
        );
      if (floating.enabled && !underFloating && aboveM > floating.maxHeightM && rangeM <= floating.maxRangeM)
        out.push(
          makeFinding(
            config,
            "floating",
            item,
            "floating",
            { heightM: roundM(aboveM) },
            { fix: "snap-to-ground" },
          ),
        );
    }
  }
  return out;
}
