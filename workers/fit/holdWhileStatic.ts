import { alignYawModPi } from "../../core/fit/angles";
import { yawOfPose } from "../../core/fit/yawOfPose";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { invertPose, type Pose3, transformPoint } from "../../core/geometry/pose";
import type { Vec3 } from "../../core/geometry/vec3";
import type { FrameIndex } from "./FrameIndex";
import { fitNear } from "./fitNear";
import { gatherBoxPoints } from "./gatherBoxPoints";
import type { PropagatedBox, PropagationFrame, TrackSeed } from "./propagateTrack";

/** BEV cell of the stillness test, metres. */
const CELL_M = 0.2;
/** Shifts along the heading tried against standing still, metres. */
const SHIFTS_M = [-1.5, -1.25, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5];
/** Fewer distinct cells than this tell nothing (a handful of returns matches anywhere). */
const MIN_TEMPLATE_CELLS = 6;
/** …and fewer than this cannot say the object moved. */
const MIN_MOVED_CELLS = 12;
/** Share of the last still frame's cells found again: below this, nothing is known here. */
const MIN_SUPPORT = 0.5;
/** A shift that explains this much more of the cells than standing still is motion. */
const MOVED_SUPPORT_GAIN = 0.2;
/** The tracker's placement this far from where the object stood, in world coordinates, is motion too. */
const TRACKER_MOVED_M = 1.5;
/** …or its box holds this many times the standing box's object points, plus this many. */
const TRACKER_HOLDS_MORE = 1.2;
const TRACKER_HOLDS_MORE_POINTS = 5;
/**
 * …or its box takes in points beyond the standing box (at least this share of the standing box's
 * points) and this many times those the standing box has beyond it: the object slid out of the
 * standing box towards the tracker's. Seen side-on, a car that moved 1 m (SUSTechPOINTS car 2,
 * 0.5 s) keeps 92% of its points in the standing box, and its side matches the still frame's within
 * a cell at rest, but 153 of its points lie only in the tracker's box and none only in the standing one.
 */
const TRACKER_GAINS_SHARE = 0.05;
const TRACKER_GAINS_RATIO = 3;
/** …and at least this many points (a far car's few returns shift in and out of a box by chance). */
const TRACKER_GAINS_MIN_POINTS = 30;
/**
 * …with its heading turned from the standing box's (mod π) by no more than a vehicle turns while
 * its centre moves that far: on a circle of radius ≥ MIN_TURN_RADIUS_M (as propagateTrack's
 * turnBounded), plus TURN_NOISE_RAD. A tracker's box turned further holds more points because it
 * took in something beside the car (Argoverse c87351f8 without poses: 17° turned for 0.94 m, onto
 * a bush, 1305 points against the standing box's 1039, while the stillness test found every cell
 * where the car stood); a car pulling out turns with its motion (e6909c8d: 8° for 0.96 m).
 */
const MIN_TURN_RADIUS_M = 4;
const TURN_NOISE_RAD = 0.02;
/**
 * A standing object seen by this many times the points it had where its box was last placed
 * (and at least REANCHOR_MIN_POINTS) is placed again from its points: a far seed (35 points at
 * 50 m) is off by 0.6 m, which the car shows once the ego comes near (400 points at 20 m).
 */
const REANCHOR_GAIN = 2;
const REANCHOR_MIN_POINTS = 60;
/** …when the fit explains the points (at most this share outside the box)… */
const REANCHOR_MAX_OUTSIDE = 0.2;
/** …and keeps within this share of the box's width of where it stood, across and along. */
const REANCHOR_MAX_SHIFT_WIDTHS = 1;
/** …and moves at most this far towards the sensor, metres (see reanchor). */
const REANCHOR_MAX_TOWARDS_SENSOR_M = 0.3;
/** …turning at most this much (a standing vehicle does not turn; the seed's heading may be off by this). */
const REANCHOR_YAW_WINDOW_RAD = 0.1;
/**
 * A frame too sparse for the stillness test still holds the standing box unflagged when it has
 * this many object points in it within this long of the last frame that showed the object still.
 */
const SPARSE_HOLD_POINTS = 5;
const SPARSE_HOLD_S = 1;
/** Without any sign of the object for this long, the standing box is no longer offered, seconds. */
const MAX_UNSEEN_S = 3;

/** Object points (above the bottom, below the top) inside a box, 0.1 m margin. */
const pointsIn = (index: FrameIndex, box: OrientedBox): number =>
  gatherBoxPoints(index, box, { marginM: 0.1, minAboveBottomM: 0.3, maxAboveBottomM: box.size.heightM + 0.2 })
    .length / 3;

/** Object points (as pointsIn) inside box `a` but not inside box `b` (0.1 m margin both). */
const pointsOnlyIn = (index: FrameIndex, a: OrientedBox, b: OrientedBox): number => {
  const inA = gatherBoxPoints(index, a, {
    marginM: 0.1,
    minAboveBottomM: 0.3,
    maxAboveBottomM: a.size.heightM + 0.2,
  });
  const ca = Math.cos(a.yawRad);
  const sa = Math.sin(a.yawRad);
  const cb = Math.cos(b.yawRad);
  const sb = Math.sin(b.yawRad);
  const hl = b.size.lengthM / 2 + 0.1;
  const hw = b.size.widthM / 2 + 0.1;
  let n = 0;
  for (let j = 0; j < inA.length; j += 3) {
    const u = inA[j] ?? 0;
    const v = inA[j + 1] ?? 0;
    const dx = a.centerM.x + ca * u - sa * v - b.centerM.x;
    const dy = a.centerM.y + sa * u + ca * v - b.centerM.y;
    if (Math.abs(cb * dx + sb * dy) > hl || Math.abs(-sb * dx + cb * dy) > hw) n++;
  }
  return n;
};

/** How far a tracked box's centre lies from where the object stood, along its heading (world), metres. */
function alongHeadingM(
  tracked: OrientedBox,
  worldFromLidar: Pose3,
  standingWorldM: Vec3,
  worldYaw: number,
): number {
  const w = transformPoint(worldFromLidar, tracked.centerM);
  return (w.x - standingWorldM.x) * Math.cos(worldYaw) + (w.y - standingWorldM.y) * Math.sin(worldYaw);
}

/** Whether the tracker's box gained the object's points the standing box lost (see TRACKER_GAINS_SHARE). */
function trackerGains(index: FrameIndex, tracked: OrientedBox, standing: OrientedBox): boolean {
  const gained = pointsOnlyIn(index, tracked, standing);
  return (
    gained >= Math.max(TRACKER_GAINS_MIN_POINTS, TRACKER_GAINS_SHARE * pointsIn(index, standing)) &&
    gained >= TRACKER_GAINS_RATIO * pointsOnlyIn(index, standing, tracked)
  );
}

/**
 * How well the points the box held in a still frame are found again in another frame's box
 * (both in box coordinates: u along the heading, v across), standing still and shifted along the
 * heading: the share of the still frame's 0.2 m cells with an occupied cell within one cell.
 */
function stillness(
  stillIndex: FrameIndex,
  stillBox: OrientedBox,
  index: FrameIndex,
  box: OrientedBox,
): { cells: number; atRest: number; best: number; bestShiftM: number } {
  const band = { minAboveBottomM: 0.3, maxAboveBottomM: box.size.heightM + 0.2 };
  const before = gatherBoxPoints(stillIndex, stillBox, { marginM: 0.1, ...band });
  const template = new Map<number, [number, number]>();
  for (let j = 0; j < before.length; j += 3) {
    const iu = Math.round((before[j] ?? 0) / CELL_M);
    const iv = Math.round((before[j + 1] ?? 0) / CELL_M);
    template.set(iu * 4096 + iv, [iu, iv]);
  }
  const wide = {
    ...box,
    size: { ...box.size, lengthM: box.size.lengthM + 2 * (SHIFTS_M[SHIFTS_M.length - 1] ?? 0) },
  };
  const now = gatherBoxPoints(index, wide, { marginM: 0.2, ...band });
  const occupied = new Set<number>();
  for (let j = 0; j < now.length; j += 3) {
    const iu = Math.round((now[j] ?? 0) / CELL_M);
    const iv = Math.round((now[j + 1] ?? 0) / CELL_M);
    for (let du = -1; du <= 1; du++)
      for (let dv = -1; dv <= 1; dv++) occupied.add((iu + du) * 4096 + iv + dv);
  }
  const supportAt = (shiftM: number) => {
    const shift = Math.round(shiftM / CELL_M);
    let hits = 0;
    for (const [iu, iv] of template.values()) if (occupied.has((iu + shift) * 4096 + iv)) hits++;
    return template.size ? hits / template.size : 0;
  };
  let best = -1;
  let bestShiftM = 0;
  for (const s of SHIFTS_M) {
    const v = supportAt(s);
    if (v > best + 1e-9 || (Math.abs(v - best) <= 1e-9 && Math.abs(s) < Math.abs(bestShiftM))) {
      best = v;
      bestShiftM = s;
    }
  }
  return { cells: template.size, atRest: supportAt(0), best, bestShiftM };
}

/**
 * The standing hypothesis beside the tracker. Most vehicles in a street stand still (parked, or
 * waiting), and for them the human seed carried unchanged in world coordinates is better than any
 * refit: a fit to the part the lidar sees slides along the car as the view changes, while the
 * labelled box is amodal. So, frame by frame from the seed, the seed box stays where it stood as
 * long as the object's points are found there: the last still frame's points (a template) match
 * the new frame within STILL_OFFSET_M of the standing box. From the first frame where they match
 * clearly elsewhere, or the tracker placed the object TRACKER_MOVED_M away from where it stood, the
 * object moves and the tracker's boxes are used. While it stands, a frame that shows it by far more
 * points than where its box was last placed re-places the box from them (reanchor): a far seed is
 * off by what its few returns could not show. Returns the standing boxes, in walk order, up to
 * that frame (or until nothing of the object was seen for MAX_UNSEEN_S), and whether motion was
 * seen. Without ego poses (identity), everything the ego passes "moves", and the tracker takes over.
 */
export function holdWhileStatic(
  frames: readonly PropagationFrame[],
  seed: TrackSeed,
  step: 1 | -1,
  tracked: ReadonlyMap<number, PropagatedBox>,
): { boxes: PropagatedBox[]; moved: boolean } {
  const frameAt = (k: number): PropagationFrame => {
    const f = frames[k];
    if (!f) throw new Error(`holdWhileStatic: no frame ${k} of ${frames.length}`);
    return f;
  };
  const seedPose = frameAt(seed.frameIndex).worldFromLidar;
  let worldCenter = transformPoint(seedPose, seed.centerM);
  let worldYaw = seed.yawRad + yawOfPose(seedPose);
  const standingIn = (k: number): OrientedBox => {
    const pose = frameAt(k).worldFromLidar;
    return {
      centerM: transformPoint(invertPose(pose), worldCenter),
      size: seed.size,
      yawRad: worldYaw - yawOfPose(pose),
    };
  };
  let still = { frameIndex: seed.frameIndex, box: standingIn(seed.frameIndex) };
  const boxes: PropagatedBox[] = [];
  /** Where the first of a run of frames that look moved is in `boxes`. */
  let suspectAt: number | null = null;
  /** Where the last frame whose points sat best exactly where the object stood is in `boxes` (−1: the seed). */
  let lastRestAt = -1;
  /** Object points in the standing box where it was last placed (the seed, or a re-anchoring). */
  let anchorPoints = pointsIn(frameAt(seed.frameIndex).index(), still.box);
  for (let k = seed.frameIndex + step; k >= 0 && k < frames.length; k += step) {
    let box = standingIn(k);
    const test = stillness(frameAt(still.frameIndex).index(), still.box, frameAt(k).index(), box);
    const informative = test.cells >= MIN_TEMPLATE_CELLS && test.best >= MIN_SUPPORT;
    const trackedBox = tracked.get(k);
    const trackerMoved =
      trackedBox !== undefined &&
      trackedBox.needsReview === undefined &&
      Math.hypot(
        ...((p) => [p.x - worldCenter.x, p.y - worldCenter.y])(
          transformPoint(frameAt(k).worldFromLidar, trackedBox.centerM),
        ),
      ) > TRACKER_MOVED_M;
    const shifted =
      informative &&
      test.cells >= MIN_MOVED_CELLS &&
      test.best - test.atRest > MOVED_SUPPORT_GAIN &&
      Math.abs(test.bestShiftM) >= 0.5 &&
      // …the way the tracker, where it placed the object, moved it too: a far car's few returns
      // match shifted by chance (Argoverse 3a591376 without poses, 15 cells at 50 m: 80% matched
      // 0.75 m back, 53% at rest, while the tracker's box stayed within 0.05 m; 6 → 15 of 15).
      (trackedBox === undefined ||
        trackedBox.needsReview !== undefined ||
        alongHeadingM(trackedBox, frameAt(k).worldFromLidar, worldCenter, worldYaw) * test.bestShiftM > 0);
    // The tracker's box holds clearly more of the object's points than the standing one: the
    // object left the standing box (a side seen sliding along itself hides a slow start) — unless
    // the object's cells match better shifted the other way than the tracker moved: then its box
    // took in something beside the object (Argoverse b53e5c95 without poses: 0.6 m along onto
    // returns beside a parked car, whose cells matched best 0.25 m back; 12 → 14 of 18).
    const trackerHoldsMore =
      trackedBox !== undefined &&
      trackedBox.needsReview === undefined &&
      turnsWithItsMotion(trackedBox, box, frameAt(k).worldFromLidar, worldCenter) &&
      !(
        informative &&
        test.best > test.atRest &&
        test.bestShiftM * alongHeadingM(trackedBox, frameAt(k).worldFromLidar, worldCenter, worldYaw) < 0
      ) &&
      (pointsIn(frameAt(k).index(), trackedBox) >=
        TRACKER_HOLDS_MORE * pointsIn(frameAt(k).index(), box) + TRACKER_HOLDS_MORE_POINTS ||
        // …or took in the points the standing box lost, where the stillness test, too, found
        // the object's cells better matched shifted the same way along its heading.
        (test.best > test.atRest &&
          Math.abs(test.bestShiftM) >= 0.5 &&
          alongHeadingM(trackedBox, frameAt(k).worldFromLidar, worldCenter, worldYaw) * test.bestShiftM > 0 &&
          trackerGains(frameAt(k).index(), trackedBox, box)));
    if (shifted || trackerHoldsMore || (trackerMoved && !(informative && test.atRest >= MIN_SUPPORT))) {
      // Motion must show in two frames running: a few returns can look shifted by chance.
      // It set off after the last frame where standing still explained the points best.
      if (suspectAt !== null)
        return { boxes: boxes.slice(0, Math.min(suspectAt, lastRestAt + 1)), moved: true };
      suspectAt = boxes.length;
    } else suspectAt = null;
    if (informative && test.atRest >= MIN_SUPPORT) {
      if (suspectAt === null) {
        const placed = reanchor(frameAt(k).index(), box, anchorPoints);
        if (placed) {
          const pose = frameAt(k).worldFromLidar;
          worldCenter = transformPoint(pose, placed.box.centerM);
          worldYaw = placed.box.yawRad + yawOfPose(pose);
          box = standingIn(k);
          anchorPoints = placed.points;
        }
      }
      still = { frameIndex: k, box };
    } else if (Math.abs(frameAt(k).timestampS - frameAt(still.frameIndex).timestampS) > MAX_UNSEEN_S)
      return { boxes, moved: false };
    if (informative && test.bestShiftM === 0) lastRestAt = boxes.length;
    // Too few returns to test, but some where it stood a moment ago: nothing says it left.
    const sparseButThere =
      !informative &&
      Math.abs(frameAt(k).timestampS - frameAt(still.frameIndex).timestampS) <= SPARSE_HOLD_S &&
      pointsIn(frameAt(k).index(), box) >= SPARSE_HOLD_POINTS;
    boxes.push({
      ...(informative || sparseButThere ? {} : { needsReview: "too few points" as const }),
      frameIndex: k,
      centerM: box.centerM,
      size: { ...seed.size },
      yawRad: box.yawRad,
      provenance: "propagated",
      // Cells of the last still frame found here (0: nothing of the object seen), not points.
      pointCount: informative ? Math.round(test.atRest * test.cells) : 0,
      correctionM: 0,
    });
  }
  // The sequence ended on a frame that looked moved: nothing left to contradict it.
  if (suspectAt !== null) return { boxes: boxes.slice(0, Math.min(suspectAt, lastRestAt + 1)), moved: true };
  return { boxes, moved: false };
}

/** Whether a tracked box's turn from the standing box is one its move from where the object stood allows (see MIN_TURN_RADIUS_M). */
function turnsWithItsMotion(
  tracked: OrientedBox,
  standing: OrientedBox,
  worldFromLidar: Pose3,
  standingWorldM: Vec3,
): boolean {
  const w = transformPoint(worldFromLidar, tracked.centerM);
  const movedM = Math.hypot(w.x - standingWorldM.x, w.y - standingWorldM.y);
  const turn = Math.abs(alignYawModPi(tracked.yawRad, standing.yawRad) - standing.yawRad);
  return turn <= TURN_NOISE_RAD + 2 * Math.asin(Math.min(1, movedM / (2 * MIN_TURN_RADIUS_M)));
}

/**
 * The standing box placed again from a frame's points, when they show the object much better
 * than where the box was last placed (see REANCHOR_GAIN): its size and (nearly) its heading kept,
 * only its centre moved to the visible faces; null when the points do not say so clearly.
 */
function reanchor(
  index: FrameIndex,
  box: OrientedBox,
  anchorPoints: number,
): { box: OrientedBox; points: number } | null {
  const here = pointsIn(index, box);
  if (here < REANCHOR_MIN_POINTS || here < REANCHOR_GAIN * anchorPoints) return null;
  const fit = fitNear(index, {
    seedM: box.centerM,
    priorSize: box.size,
    fixedSize: true,
    yawHintRad: box.yawRad,
    yawWindowRad: REANCHOR_YAW_WINDOW_RAD,
    maxSeedDistanceM: box.size.widthM / 2,
  });
  if (!fit.box || fit.outsideShare > REANCHOR_MAX_OUTSIDE) return null;
  const dx = fit.box.centerM.x - box.centerM.x;
  const dy = fit.box.centerM.y - box.centerM.y;
  if (Math.hypot(dx, dy) > REANCHOR_MAX_SHIFT_WIDTHS * box.size.widthM) return null;
  const placed: OrientedBox = {
    centerM: fit.box.centerM,
    size: box.size,
    yawRad: alignYawModPi(fit.box.yawRad, box.yawRad),
  };
  // The fit's completion of unseen sides can slide a fixed-size box off the object (or onto a
  // neighbour joined to it): the new place must hold more of the object than the old one.
  const there = pointsIn(index, placed);
  if (there <= here) return null;
  // The faces the lidar sees bound the object on its side: a fit that moves the box towards the
  // sensor pushes it through them (onto something standing nearer, in the segment), unless the
  // box stood behind them, which the points show by lying closer to the new box's outline.
  const range = Math.max(1, Math.hypot(box.centerM.x, box.centerM.y));
  const towardsSensorM = -(dx * box.centerM.x + dy * box.centerM.y) / range;
  if (towardsSensorM > REANCHOR_MAX_TOWARDS_SENSOR_M) {
    const [before, after] = outlineDistancesM(index, box, placed);
    if (after >= before) return null;
  }
  return { box: placed, points: there };
}

/**
 * Mean BEV distance to a box's outline (inside: to its nearest side; outside: to the box) of the
 * object points in either of two boxes (0.1 m margin), metres: the same points for both.
 */
function outlineDistancesM(index: FrameIndex, a: OrientedBox, b: OrientedBox): [number, number] {
  const band = { marginM: 0.1, minAboveBottomM: 0.3, maxAboveBottomM: a.size.heightM + 0.2 };
  const reach = Math.hypot(a.centerM.x - b.centerM.x, a.centerM.y - b.centerM.y);
  const wide = gatherBoxPoints(index, a, { ...band, marginM: band.marginM + reach });
  const ca = Math.cos(a.yawRad);
  const sa = Math.sin(a.yawRad);
  const cb = Math.cos(b.yawRad);
  const sb = Math.sin(b.yawRad);
  const outline = (box: OrientedBox, u: number, v: number): number => {
    const eu = Math.abs(u) - box.size.lengthM / 2;
    const ev = Math.abs(v) - box.size.widthM / 2;
    return eu <= 0 && ev <= 0 ? Math.min(-eu, -ev) : Math.hypot(Math.max(0, eu), Math.max(0, ev));
  };
  const within = (box: OrientedBox, u: number, v: number) =>
    Math.abs(u) <= box.size.lengthM / 2 + band.marginM && Math.abs(v) <= box.size.widthM / 2 + band.marginM;
  let n = 0;
  let sumA = 0;
  let sumB = 0;
  for (let j = 0; j < wide.length; j += 3) {
    const ua = wide[j] ?? 0;
    const va = wide[j + 1] ?? 0;
    const dx = a.centerM.x + ca * ua - sa * va - b.centerM.x;
    const dy = a.centerM.y + sa * ua + ca * va - b.centerM.y;
    const ub = cb * dx + sb * dy;
    const vb = -sb * dx + cb * dy;
    if (!within(a, ua, va) && !within(b, ub, vb)) continue;
    n++;
    sumA += outline(a, ua, va);
    sumB += outline(b, ub, vb);
  }
  return n ? [sumA / n, sumB / n] : [0, 0];
}
