import { wrapAngleRad } from "../../fit/angles";
import type { QaContext } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { makeFinding } from "../makeFinding";
import { roundDeg } from "../qaMessages";
import { motionOf } from "./motionOf";
import { median } from "../median";
import { neighbourYaw } from "./neighbourYaw";

const DEG = Math.PI / 180;
const END_WEIGHT = 0.6;
/** A flip is the end box's only if its one neighbour agrees with the rest of the track this well. */
const NEIGHBOUR_CONSISTENT_RAD = (2 * Math.PI) / 3;

/**
 * Heading against the track: flipped (≈180°) or off (beyond a few degrees) from the yaw its
 * neighbouring boxes imply — reported only where the deviation peaks, since a bad box also pulls
 * its neighbours' references — and, for moving objects long enough to have a clear front, against
 * the direction of motion.
 */
export function checkHeadings(ctx: QaContext): QaFinding[] {
  const { config } = ctx;
  const flip = config["heading-flip"];
  const off = config["heading-off"];
  if (!flip.enabled && !off.enabled) return [];
  const out: QaFinding[] = [];
  for (const items of ctx.tracks.values()) {
    const dev = items.map((item, i) => {
      const ref = neighbourYaw(items, i);
      return ref === null ? 0 : Math.abs(wrapAngleRad(item.worldYawRad - ref));
    });
    // A bad box shifts an interior neighbour's interpolated reference by about half its error and
    // an end box's one-neighbour reference by all of it: compare end boxes at a little over half weight.
    const score = dev.map((d, i) => (i > 0 && i < items.length - 1 ? d : END_WEIGHT * d));
    // An end box's reference is its one neighbour's heading held: a track that turns (or whose
    // labelled heading wanders) at some rate between its other boxes may differ by that rate times
    // the gap to it. The rate is the median over the consecutive pairs that leave the end box out.
    const rates: number[] = [];
    for (let k = 2; k < items.length - 1; k++) {
      const a = items[k - 1];
      const b = items[k];
      if (a && b && b.t > a.t)
        rates.push(Math.abs(wrapAngleRad(b.worldYawRad - a.worldYawRad)) / (b.t - a.t));
    }
    const rate = rates.length > 0 ? median(rates) : 0;
    const endSlack = (i: number): number => {
      const other = i === 0 ? items[1] : i === items.length - 1 ? items[i - 1] : undefined;
      const item = items[i];
      return other && item && ctx.timed ? rate * Math.abs(item.t - other.t) : 0;
    };
    const motion = motionOf(items);
    // Short movers: each box's signed heading-minus-motion, judged against the rest of the track's,
    // so a bias the whole track shares (a sideways labelling habit, ego poses estimated from the
    // lidar bending a slow walker's path) is not taken for an error of one box.
    const shortOffsets = items.map((item, i) => {
      const m = motion[i];
      const seen = item.points === null || item.points.objectPoints >= off.minPointsForMotion;
      return m &&
        seen &&
        ctx.timed &&
        item.box.size.lengthM < off.minLengthM &&
        m.speed >= off.minSpeedShortMps
        ? wrapAngleRad(item.worldYawRad - m.directionRad)
        : null;
    });
    items.forEach((item, i) => {
      const d = dev[i]!;
      const peak = score[i]! > (score[i - 1] ?? 0) && score[i]! >= (score[i + 1] ?? 0);
      const m = motion[i] ?? null;
      const seen = item.points === null || item.points.objectPoints >= off.minPointsForMotion;
      const short = item.box.size.lengthM < off.minLengthM;
      const moving =
        m !== null && seen && m.speed >= off.minSpeedMps && item.box.size.lengthM >= off.minLengthM;
      const own = shortOffsets[i];
      // Flipped boxes of the track are heading-flip's business, not part of the track's bias.
      const others = shortOffsets.filter(
        (o, j): o is number => j !== i && o !== null && Math.abs(o) < Math.PI / 2,
      );
      const dm = moving
        ? Math.abs(wrapAngleRad(item.worldYawRad - m.directionRad))
        : own !== null && own !== undefined
          ? Math.abs(wrapAngleRad(own - (others.length > 0 ? median(others) : 0)))
          : 0;
      const fastFlip = moving && m.speed >= flip.minSpeedMps && dm > flip.minFlipDeg * DEG;
      // A flipped box moves its neighbours' references by at most 90°, so a deviation beyond minFlip is
      // its own; at a track's end, only when that one neighbour is itself consistent.
      const neighbourDev = i === 0 ? dev[1] : i === items.length - 1 ? dev[i - 1] : 0;
      // A track of two boxes 180° apart cannot say which one turned: both get the finding.
      const flipped =
        d > flip.minFlipDeg * DEG && ((neighbourDev ?? 0) < NEIGHBOUR_CONSISTENT_RAD || items.length === 2);
      if (flip.enabled && (flipped || fastFlip)) {
        out.push(
          makeFinding(
            config,
            "heading-flip",
            item,
            d > flip.minFlipDeg * DEG ? "headingFlipVsTrack" : "headingFlipVsMotion",
            { deg: roundDeg(d > flip.minFlipDeg * DEG ? d : dm) },
            { fix: "flip-heading" },
          ),
        );
        return;
      }
      if (!off.enabled) return;
      const limit = (short ? off.maxNeighbourDeviationShortDeg : off.maxNeighbourDeviationDeg) * DEG;
      if (peak && d > limit + endSlack(i) && d <= flip.minFlipDeg * DEG)
        out.push(
          makeFinding(
            config,
            "heading-off",
            item,
            "headingOffVsTrack",
            { deg: roundDeg(d) },
            { fix: "heading-to-motion" },
          ),
        );
      else if (
        dm > off.maxMotionDeviationDeg * DEG &&
        dm <= flip.minFlipDeg * DEG &&
        (moving || d > off.minNeighbourDeviationShortDeg * DEG)
      )
        out.push(
          makeFinding(
            config,
            "heading-off",
            item,
            "headingOffVsMotion",
            { deg: roundDeg(dm), speedMps: Math.round((m?.speed ?? 0) * 10) / 10 },
            { fix: "heading-to-motion" },
          ),
        );
    });
  }
  return out;
}
