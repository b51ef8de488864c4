import type { QaContext } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { FACES, faceSeenFromOrigin } from "../measureBoxPoints";
import { makeFinding } from "../makeFinding";
import { roundM } from "../qaMessages";
import { median } from "../median";

/**
 * Point evidence of each box: too few object points for its range, object points left in a band
 * outside a side face (the face is too tight or the box is off its object), and a face the sensor
 * sees standing far off the object's points (too loose; faces the sensor cannot see are left alone:
 * amodal boxes are full size on their hidden sides).
 */
export function checkBoxPoints(ctx: QaContext): QaFinding[] {
  const { config } = ctx;
  const few = config["few-points"];
  const outside = config["points-outside"];
  const loose = config["loose-box"];
  const out: QaFinding[] = [];
  if (few.enabled) out.push(...pointsDroppedInTracks(ctx));
  for (const items of ctx.byFrame) {
    for (const item of items) {
      const p = item.points;
      if (!p) continue;
      const { box } = item;
      const rangeM = Math.hypot(box.centerM.x, box.centerM.y);
      if (
        few.enabled &&
        p.objectPoints < few.minPoints &&
        rangeM <= few.maxRangeM &&
        p.seeThroughPoints >= few.minSeeThroughPoints
      )
        out.push(
          makeFinding(config, "few-points", item, "fewPointsSeeThrough", {
            points: p.objectPoints,
            rangeM: Math.round(rangeM),
            behind: p.seeThroughPoints,
          }),
        );
      if (outside.enabled) {
        const worst = FACES.reduce((a, f) => (p.outsideByFace[f] > p.outsideByFace[a] ? f : a));
        const n = p.outsideByFace[worst];
        if (n >= outside.minPoints && n >= outside.minShareOfInside * p.objectPoints)
          out.push(
            makeFinding(config, "points-outside", item, "pointsOutside", {
              points: n,
              shellM: roundM(outside.shellM),
              face: worst,
              inside: p.objectPoints,
            }),
          );
      }
      if (loose.enabled && p.objectPoints >= loose.minPoints) {
        const faces = FACES.filter((f) => faceSeenFromOrigin(box, f) && p.gapByFace[f] > loose.minGapM);
        if (faces.length > 0)
          out.push(
            makeFinding(config, "loose-box", item, "looseBox", {
              faces: faces.join(","),
              gapM: roundM(Math.max(...faces.map((f) => p.gapByFace[f]))),
            }),
          );
      }
    }
  }
  return out;
}

/** Boxes holding far fewer object points than their track's neighbouring boxes (two on each side, close in time). */
function pointsDroppedInTracks(ctx: QaContext): QaFinding[] {
  const few = ctx.config["few-points"];
  const out: QaFinding[] = [];
  for (const items of ctx.tracks.values()) {
    items.forEach((item, i) => {
      const p = item.points;
      const around = [items[i - 2], items[i - 1], items[i + 1], items[i + 2]]
        .filter((n) => n && (!ctx.timed || Math.abs(n.t - item.t) <= few.maxNeighbourGapS))
        .map((n) => n?.points?.objectPoints)
        .filter((n): n is number => n !== undefined);
      if (!p || around.length < 2) return;
      const typical = median(around);
      if (typical >= few.minNeighbourPoints && p.objectPoints < few.maxShareOfNeighbours * typical)
        out.push(
          makeFinding(ctx.config, "few-points", item, "fewPointsVsTrack", {
            points: p.objectPoints,
            typical: Math.round(typical),
          }),
        );
    });
  }
  return out;
}
