import { wrapAngleRad } from "../../fit/angles";
import type { QaContext, QaItem } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { makeFinding } from "../makeFinding";
import { roundDeg } from "../qaMessages";
import { motionOf } from "./motionOf";
import { median } from "../median";
import { neighbourYaw } from "./neighbourYaw";

const DEG = Math.PI / 180;
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
    // A bad box shifts its neighbours' references too (an interior one's by about half its error,
    // an end one's by all of it): it is the culprit where its deviation beats each adjacent box's
    // deviation measured without it (leave-one-out), whatever the spacing in time. A track of two
    // boxes cannot say which one turned: the first carries the finding.
    // Only the boxes adjacent to `skip` change their neighbours when it is left out: O(1) each.
    const devWithout = (j: number, skip: number): number => {
      const item = items[j];
      if (!item || j === skip) return 0;
      if (Math.abs(j - skip) > 1) return dev[j] ?? 0;
      const prev = items[j - 1 === skip ? j - 2 : j - 1];
      const next = items[j + 1 === skip ? j + 2 : j + 1];
      const trio = [prev, item, next].filter((o): o is QaItem => o !== undefined);
      const ref = neighbourYaw(trio, prev ? 1 : 0);
      return ref === null ? 0 : Math.abs(wrapAngleRad(item.worldYawRad - ref));
    };
    const isPeak = (i: number, d: number): boolean =>
      items.length === 2 ? i === 0 : d > devWithout(i - 1, i) && d >= devWithout(i + 1, i);
    // An end box's reference is its one neighbour's heading held: a track that turns may differ
    // by its turn rate times the gap to it. The rate is the track's net turn over the span of its
    // other boxes (the longest baseline, so the labels' wobble averages out).
    const endSlack = (i: number): number => {
      const end = items[i];
      const [near, far] =
        i === 0
          ? [items[1], items[items.length - 1]]
          : i === items.length - 1
            ? [items[i - 1], items[0]]
            : [];
      if (!ctx.timed || !end || !near || !far || far === near || far.t === near.t) return 0;
      const rate = Math.abs(wrapAngleRad(far.worldYawRad - near.worldYawRad)) / Math.abs(far.t - near.t);
      return rate * Math.abs(end.t - near.t);
    };
    // The track's own heading noise as box i's judge sees it: the median deviation of the other
    // boxes with i left out (so an error in i does not excuse itself). A track labelled with a
    // steady hand is held to its base limit; one whose headings wobble, to a multiple of its wobble.
    const noiseWithout = (i: number): number => {
      if (items.length < 3) return 0;
      return median(items.flatMap((_, j) => (j === i ? [] : [devWithout(j, i)])));
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
      const d = dev[i] ?? 0;
      const peak = isPeak(i, d);
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
      const limit = Math.max(
        (short ? off.maxNeighbourDeviationShortDeg : off.maxNeighbourDeviationDeg) * DEG,
        off.trackNoiseFactor * noiseWithout(i),
      );
      // A walker or rider whose heading agrees with its motion, as such or as the rest of its track
      // does (a shared sideways bias), turned with it: its neighbours' wobble does not make it wrong.
      // A walker turning sharply faces along its last or next step rather than its median motion:
      // a step that itself turns away from the median motion, and the box faces along it.
      const agreeRad = off.minNeighbourDeviationShortDeg * DEG;
      const stepAgrees =
        short &&
        seen &&
        ctx.timed &&
        m !== null &&
        [items[i - 1], items[i + 1]].some((o) => {
          if (!o) return false;
          const [from, to] = o.t < item.t ? [o, item] : [item, o];
          const dx = to.worldM.x - from.worldM.x;
          const dy = to.worldM.y - from.worldM.y;
          const stepRad = Math.atan2(dy, dx);
          return (
            Math.hypot(dx, dy) >= off.minStepM &&
            Math.abs(wrapAngleRad(stepRad - m.directionRad)) > agreeRad &&
            Math.abs(wrapAngleRad(item.worldYawRad - stepRad)) <= agreeRad
          );
        });
      const motionAgrees =
        stepAgrees || (own !== null && own !== undefined && Math.min(Math.abs(own), dm) <= agreeRad);
      if (peak && d > limit + endSlack(i) && d <= flip.minFlipDeg * DEG && !motionAgrees)
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
        !stepAgrees &&
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
