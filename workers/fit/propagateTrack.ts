import { alignYawModPi, wrapAngleRad } from "../../core/fit/angles";
import { yawOfPose } from "../../core/fit/yawOfPose";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { invertPose, isIdentityPose, type Pose3, transformPoint } from "../../core/geometry/pose";
import { scale, sub, type Vec3 } from "../../core/geometry/vec3";
import type { CuboidSize } from "../../core/model/Cuboid";
import type { Provenance } from "../../core/model/Provenance";
import type { FrameIndex } from "./FrameIndex";
import { fitNear } from "./fitNear";
import { holdWhileStatic } from "./holdWhileStatic";
import { matchTrackTemplate, type SearchWindow } from "./matchTrackTemplate";
import { settleStanding } from "./settleStanding";

/** What propagation needs of each frame of the sequence, in time order. */
export interface PropagationFrame {
  timestampS: number;
  /** Ego pose; when the scene has none, an estimate (estimateEgoMotion) or the identity. */
  worldFromLidar: Pose3;
  /** Built on demand: propagation stops early on most tracks, so later frames may never be read. */
  index: () => FrameIndex;
}

export interface TrackSeed {
  frameIndex: number;
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
}

export interface PropagatedBox {
  frameIndex: number;
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
  provenance: Provenance;
  pointCount: number;
  /** How far the fit moved from the motion model's prediction, metres (BEV). */
  correctionM: number;
  /**
   * Set where confidence dropped: the box is the prediction, for the annotator to check. On the
   * last box, propagation stopped there; on an earlier one, the track was carried through by its
   * motion (an occlusion) and found again after it.
   */
  needsReview?: "too few points" | "large residual" | "jump";
}

export interface PropagationOptions {
  /** Fewer object points than this in a frame: stop there (default 5). */
  minPoints?: number;
  /** More than this share of the object's points outside the fitted box (the box does not explain them): stop (default 0.5). */
  maxOutsideShare?: number;
  /** A fit farther than this from the (template-matched) prediction: stop (default 1.5 m). */
  maxCorrectionM?: number;
  /**
   * After confidence drops, keep predicting (constant velocity) for at most this long, seconds,
   * and take the track up again where it fits again: a car hidden behind another for a few frames
   * (default 1). The predicted frames are flagged `needsReview`; if the track is not found again,
   * only the first of them is returned, as before. 0: stop at the first drop.
   */
  maxCoastS?: number;
  /**
   * The same for a track lost before its velocity was measured (right after the seed): it is
   * carried on standing still, and taken up again only where it stood (within maxCorrectionM),
   * for at most this long, seconds (default 3): a parked car seen by 2 points at 60 m that the
   * ego then approaches. 0: stop there, as before.
   */
  maxStaticCoastS?: number;
  /**
   * Hold the seed box where it stood (world coordinates) while the object's points stay there,
   * and track only from the frame it is seen moving (holdWhileStatic; default true).
   */
  holdStill?: boolean;
  /**
   * Predict with the track's turn rate (its heading's change over the velocity's baseline) as well
   * as its velocity. Default: where every frame's pose is the identity (lidar coordinates), where
   * every standing object turns as the ego turns, the other way.
   */
  followTurns?: boolean;
  /** Which way to go from the seed (default both). */
  direction?: "forward" | "backward" | "both";
}

/** The template search never looks farther than this from the motion prediction, metres. */
const MAX_SEARCH_RADIUS_M = 20;
/** A template match this good (share of cells, and cells in all) places a vehicle by itself when its fit fails. */
const STRONG_TEMPLATE_OVERLAP = 0.6;
const STRONG_TEMPLATE_CELLS = 10;
/** Velocity is measured over at most this much of the track's recent history, seconds. */
const VELOCITY_BASELINE_S = 1;
/** Fewer object points than this: trust the template's placement over the refit's. */
const SPARSE_POINTS = 30;
/** Objects at least this long move along their heading. */
const VEHICLE_MIN_LENGTH_M = 2.5;
/** A frame whose object has fewer than this share of the points expected from the last one (range-corrected) is treated as occluded. */
const OCCLUSION_POINT_SHARE = 0.35;
/** …and at most this share over a 0.1 s step, falling by the second share per second of step. */
const OCCLUSION_POINT_SHARE_PER_0_1S = 0.65;
const OCCLUSION_SHARE_LOSS_PER_S = 0.75;
/**
 * Uncertainty of the constant-velocity prediction: the velocity's error (m/s, plus what the
 * placements it is measured from add) times the step, plus
 * an unmodelled acceleration (m/s²) over it; and of a sparse vehicle's placement, metres at one
 * point, shrinking as 1/√points.
 */
const PREDICTION_SIGMA_V_MPS = 0.5;
const PREDICTION_SIGMA_A_MPS2 = 4;
const SPARSE_FIT_SIGMA_M = 0.7;
/** How long a track is carried through by its motion alone before propagation gives up, seconds. */
const DEFAULT_MAX_COAST_S = 1;
/**
 * …and, its velocity unknown, standing still. Synthetic default vehicle frames ≥ 0.7: 19.8%
 * without, 21.9% at 1 s, 25.3% at 3 s, 25.4% at 10 s; no unflagged box below BEV IoU 0.3 in any.
 */
const DEFAULT_MAX_STATIC_COAST_S = 3;
/** A partly hidden object's fit this close to the prediction confirms it, metres (BEV). */
const OCCLUDED_CONFIRM_M = 0.3;
/** A sparse vehicle's step sideways of the motion prediction: at most this, plus this times the step (metres, m/s). */
const SPARSE_MAX_SIDEWAYS_M = 0.05;
const SPARSE_MAX_SIDEWAYS_MPS = 0.5;
/** The tightest turn of a vehicle, metres (radius), and the heading noise of a fit, radians (see turnBounded). */
const MIN_TURN_RADIUS_M = 4;
const TURN_NOISE_RAD = 0.06;
/**
 * How fast a vehicle may back up, m/s: a first step (speed unknown) searches up to 10 m/s ahead
 * but only this fast behind, so a car hidden over a long gap is not taken for the one queued
 * behind it (SUSTechPOINTS car 13 over 1.5 s: followed 7.8 m backwards onto another car).
 */
const MAX_REVERSE_MPS = 2;
/** The refit's heading search: ±this around the prediction's, radians; within this of its edge, at the edge. */
const FIT_YAW_WINDOW_RAD = 0.35;
const FIT_YAW_EDGE_RAD = 0.01;
/** Below this share of the template matched, the match is noise and the motion prediction stands. */
const MIN_TEMPLATE_OVERLAP = 0.3;
/**
 * A sparse vehicle moving at least this fast (m/s, as measured) takes in its fragments (fitNear
 * joinSparseFragments): a car receding at 20–35 m shows its bumper 1.2 m before its windscreen.
 * A parked one keeps to its own component: far parked cars joined to what lay near them lost
 * their holds (Argoverse).
 */
const FRAGMENTS_MIN_SPEED_MPS = 3;
/** A turn rate beyond this is the fits' noise, not a turn, rad/s (30°/s: a street corner at 5 m/s). */
const MAX_TURN_RATE_RADPS = 0.52;

interface WorldState {
  t: number;
  c: Vec3;
  yaw: number;
  /** Whether the heading was seen (the seed's, or a fit to ≥ SPARSE_POINTS points) rather than predicted. */
  yawSeen?: boolean;
}

/** A turn rate is measured from seen headings spanning at least this, seconds (and at most the second). */
const TURN_RATE_MIN_SPAN_S = 0.5;
const TURN_RATE_MAX_SPAN_S = 1.5;
/** …from at least this many, and only where it is this many standard errors from none. */
const TURN_RATE_MIN_HEADINGS = 5;
const TURN_RATE_MIN_SIGNIFICANCE = 3;

/**
 * The track's turn rate, rad/s: the least-squares slope of its seen headings over the last
 * TURN_RATE_MAX_SPAN_S before the latest one; null where they span less than TURN_RATE_MIN_SPAN_S
 * (a fit's heading is off by a degree or so: over 0.1 s that is 10°/s). Predicted headings never
 * count, or a chance turn would carry itself on.
 */
function turnRateOf(history: readonly WorldState[]): number | null {
  const seen = history.filter((h) => h.yawSeen);
  const latest = seen.at(-1);
  if (!latest) return null;
  const recent = seen.filter((h) => Math.abs(latest.t - h.t) <= TURN_RATE_MAX_SPAN_S);
  const first = recent[0];
  if (!first || Math.abs(latest.t - first.t) < TURN_RATE_MIN_SPAN_S) return null;
  let st = 0;
  let sy = 0;
  const yaws = recent.map((h) => alignYawModPi(h.yaw, latest.yaw));
  for (const [i, h] of recent.entries()) {
    st += h.t;
    sy += yaws[i] ?? 0;
  }
  const mt = st / recent.length;
  const my = sy / recent.length;
  let num = 0;
  let den = 0;
  for (const [i, h] of recent.entries()) {
    num += (h.t - mt) * ((yaws[i] ?? 0) - my);
    den += (h.t - mt) ** 2;
  }
  if (den <= 0 || recent.length < TURN_RATE_MIN_HEADINGS) return null;
  const slope = num / den;
  // Only a turn the headings show beyond their own scatter: real fits swing by ±5° frame to frame
  // (Argoverse log, lidar coordinates), and a turn read into that noise carries itself on.
  let residual = 0;
  for (const [i, h] of recent.entries()) residual += ((yaws[i] ?? 0) - my - slope * (h.t - mt)) ** 2;
  const slopeSigma = Math.sqrt(residual / (recent.length - 2) / den);
  return Math.abs(slope) >= TURN_RATE_MIN_SIGNIFICANCE * slopeSigma ? slope : null;
}

/**
 * Places a track in the frames after (and before) its seed: predict the box in world coordinates
 * with constant velocity from the track's last two placed frames (none yet: standing still),
 * carry it into the frame's lidar coordinates, then fit it to the points there with the track's
 * size held fixed and the heading kept within ±20° of the prediction. Where the fit has too few
 * points, fits badly, or jumps, the track is coasted on its prediction (flagged `needsReview`)
 * for up to maxCoastS (maxStaticCoastS before its velocity is known) and taken up again where it
 * fits; if it is not, propagation stops there and returns the first such frame's predicted box,
 * flagged, so the annotator knows where the machine gave up.
 */
export function propagateTrack(
  frames: readonly PropagationFrame[],
  seed: TrackSeed,
  options: PropagationOptions = {},
): PropagatedBox[] {
  const direction = options.direction ?? "both";
  const out: PropagatedBox[] = [];
  if (direction !== "backward") out.push(...walkHeld(frames, seed, 1, options));
  if (direction !== "forward") out.unshift(...walkHeld(frames, seed, -1, options).reverse());
  return out;
}

/** The tracker's walk, with the standing hypothesis in front of it (see holdWhileStatic). */
function walkHeld(
  frames: readonly PropagationFrame[],
  seed: TrackSeed,
  step: 1 | -1,
  o: PropagationOptions,
): PropagatedBox[] {
  const tracked = walk(frames, seed, step, o);
  if (o.holdStill === false) return settleStanding(frames, tracked);
  const held = holdWhileStatic(frames, seed, step, new Map(tracked.map((b) => [b.frameIndex, b])));
  if (!held.moved) return held.boxes;
  const lastHeld = held.boxes.at(-1);
  const movedAt = (lastHeld?.frameIndex ?? seed.frameIndex) + step;
  const after = tracked.filter((b) => (b.frameIndex - movedAt) * step >= 0);
  if (after[0]?.frameIndex !== movedAt) {
    // The tracker had stopped before the object set off: say where it was lost.
    const last = lastHeld;
    if (last) held.boxes.push({ ...last, frameIndex: movedAt, pointCount: 0, needsReview: "jump" });
    return held.boxes;
  }
  return [...held.boxes, ...settleStanding(frames, after)];
}

function walk(
  frames: readonly PropagationFrame[],
  seed: TrackSeed,
  step: 1 | -1,
  o: PropagationOptions,
): PropagatedBox[] {
  const minPoints = o.minPoints ?? 5;
  const maxCoastS = o.maxCoastS ?? DEFAULT_MAX_COAST_S;
  const maxStaticCoastS = o.maxStaticCoastS ?? DEFAULT_MAX_STATIC_COAST_S;
  /** Predicted boxes since the last confident one (an occlusion being carried through). */
  let coasting: PropagatedBox[] = [];
  /** The last confident box's object points and range (null at the seed: its points were not counted). */
  let lastSeen: { pointCount: number; rangeM: number } | null = null;
  const maxOutside = o.maxOutsideShare ?? 0.5;
  const followTurns =
    (o.followTurns ?? frames.every((f) => isIdentityPose(f.worldFromLidar))) &&
    seed.size.lengthM >= VEHICLE_MIN_LENGTH_M;
  const frameAt = (k: number): PropagationFrame => {
    const f = frames[k];
    if (!f) throw new Error(`propagateTrack: no frame ${k} of ${frames.length}`);
    return f;
  };
  const toWorld = (frameIndex: number, c: Vec3, yaw: number): WorldState => {
    const f = frameAt(frameIndex);
    return {
      t: f.timestampS,
      c: transformPoint(f.worldFromLidar, c),
      yaw: yaw + yawOfPose(f.worldFromLidar),
    };
  };
  const seedState = { ...toWorld(seed.frameIndex, seed.centerM, seed.yawRad), yawSeen: true };
  /**
   * A vehicle turns only as it moves: on a circle of radius ≥ MIN_TURN_RADIUS_M, a chord of d
   * metres turns it by at most 2·asin(d / 2R). A yaw beyond that from the seed's (plus the
   * fit's noise) is the fit turning on a standing or creeping car's changing view (a parked car
   * at 50 m turned 40° in 20 frames): clamp it. Lidar coordinates of frame k, world in between.
   */
  const turnBounded = (k: number, yawRad: number, centerM: Vec3): number => {
    if (seed.size.lengthM < VEHICLE_MIN_LENGTH_M) return yawRad;
    const w = toWorld(k, centerM, yawRad);
    const chordM = Math.hypot(w.c.x - seedState.c.x, w.c.y - seedState.c.y);
    const maxTurn = TURN_NOISE_RAD + 2 * Math.asin(Math.min(1, chordM / (2 * MIN_TURN_RADIUS_M)));
    const turn = wrapAngleRad(w.yaw - seedState.yaw);
    if (Math.abs(turn) <= maxTurn) return yawRad;
    return yawRad - turn + Math.sign(turn) * maxTurn;
  };
  const history: WorldState[] = [seedState];
  const out: PropagatedBox[] = [];
  let lastFrame = seed.frameIndex;
  let lastBox: OrientedBox = { centerM: seed.centerM, size: seed.size, yawRad: seed.yawRad };
  for (let k = seed.frameIndex + step; k >= 0 && k < frames.length; k += step) {
    const frame = frameAt(k);
    const last = history.at(-1) ?? seedState;
    // Velocity over the longest baseline up to VELOCITY_BASELINE_S: at 10 Hz, two neighbouring
    // boxes 0.1 s apart with 0.1 m of fit noise each would make ±2 m/s of velocity noise.
    let prevIdx = history.length - 2;
    for (;;) {
      const earlier = history[prevIdx - 1];
      if (prevIdx <= 0 || !earlier || Math.abs(last.t - earlier.t) > VELOCITY_BASELINE_S) break;
      prevIdx--;
    }
    const prev = history[prevIdx] ?? null;
    const dt = frame.timestampS - last.t;
    const v = prev ? scale(sub(last.c, prev.c), 1 / (last.t - prev.t)) : { x: 0, y: 0, z: 0 };
    // Turning at a constant rate, the velocity measured over the baseline points the way the
    // object went at the baseline's middle; over this step it goes the way it goes at the step's
    // middle. In lidar coordinates every standing object turns as the ego turns (the other way):
    // without that, a far parked car kept its heading while the ego drove a 200 m arc, 0.3° a
    // frame off and 1 m sideways after 3 s (synthetic default, poses withheld).
    const turnRate =
      followTurns && prev
        ? Math.max(-MAX_TURN_RATE_RADPS, Math.min(MAX_TURN_RATE_RADPS, turnRateOf(history) ?? 0))
        : 0;
    const turn = prev ? turnRate * ((last.t - prev.t) / 2 + dt / 2) : 0;
    const vx = Math.cos(turn) * v.x - Math.sin(turn) * v.y;
    const vy = Math.sin(turn) * v.x + Math.cos(turn) * v.y;
    const predictedWorld = { x: last.c.x + vx * dt, y: last.c.y + vy * dt, z: last.c.z + v.z * dt };
    const lidarFromWorld = invertPose(frame.worldFromLidar);
    const motionPredicted = transformPoint(lidarFromWorld, predictedWorld);
    const motionYaw = wrapAngleRad(last.yaw + turnRate * dt - yawOfPose(frame.worldFromLidar));
    // Known velocity: only acceleration moves the object off the prediction. Unknown (the first
    // step): up to 10 m/s, along its heading if it is vehicle-shaped (vehicles do not move sideways).
    const adt = Math.abs(dt);
    const unknownReach = Math.min(MAX_SEARCH_RADIUS_M, 2 + 10 * adt);
    // Walking back in time, a vehicle backing up is one that came from ahead.
    const reverseReachM = 1 + MAX_REVERSE_MPS * adt;
    const window: SearchWindow = prev
      ? { alongM: 1 + 2 * adt, acrossM: 1 + 2 * adt }
      : seed.size.lengthM >= VEHICLE_MIN_LENGTH_M
        ? {
            alongM: unknownReach,
            acrossM: Math.min(unknownReach, 1 + adt),
            ...(step === 1 ? { behindM: reverseReachM } : { aheadM: reverseReachM }),
          }
        : { alongM: Math.min(unknownReach, 1 + 3 * adt), acrossM: Math.min(unknownReach, 1 + 3 * adt) };
    const match = matchTrackTemplate(
      frameAt(lastFrame).index(),
      lastBox,
      frame.index(),
      { centerM: motionPredicted, yawRad: motionYaw },
      window,
    );
    const matched = match !== null && match.overlap >= MIN_TEMPLATE_OVERLAP;
    const predicted = matched ? match.centerM : motionPredicted;
    const predictedYaw = matched ? match.yawRad : motionYaw;
    const maxCorrection = o.maxCorrectionM ?? 1.5;
    const fitAt = (yawWindowRad: number) =>
      fitNear(frame.index(), {
        seedM: predicted,
        priorSize: seed.size,
        fixedSize: true,
        joinSparseFragments: Math.hypot(v.x, v.y) >= FRAGMENTS_MIN_SPEED_MPS,
        yawHintRad: predictedYaw,
        yawWindowRad,
        // After a template match the object is where the template says, give or take a cell or two:
        // a bigger neighbour farther off must not win the segmentation.
        maxSeedDistanceM: Math.max(seed.size.lengthM, seed.size.widthM) / 2 + (matched ? 0.5 : maxCorrection),
      });
    let fit = fitAt(FIT_YAW_WINDOW_RAD);
    // On the first step (speed unknown), a heading at the window's edge is no optimum: the points
    // did not say the turn, the window cut it (SUSTechPOINTS car 4, 41 points at 41 m, 0.5 s
    // after its seed: turned the full 20°, BEV IoU 0.53). The prediction's heading stands, and the
    // box is placed again at it. Later, the track's own placements steer the prediction; applied
    // there too, it cost Argoverse car 5fa1b528 8 of its 23 boxes.
    if (
      prev === null &&
      fit.box &&
      Math.abs(alignYawModPi(fit.box.yawRad, predictedYaw) - predictedYaw) >=
        FIT_YAW_WINDOW_RAD - FIT_YAW_EDGE_RAD
    )
      fit = fitAt(0);
    // Carried on as standing still (velocity never measured, see below), the track is taken up
    // again only where it stood: the template's wide first-step search would take whatever
    // came near in the meantime (the car behind, in a queue).
    const staticCoast = prev === null && coasting.length > 0;
    const fromM = staticCoast ? motionPredicted : predicted;
    const correction = fit.box ? Math.hypot(fit.box.centerM.x - fromM.x, fit.box.centerM.y - fromM.y) : 0;
    // Points fall off as 1/range²; far fewer than that in one step means something now hides
    // most of the object (or the fit found a sliver of another): its fit would corrupt the
    // track's velocity, so it is a drop in confidence like a frame without points.
    const expectedPoints =
      lastSeen === null || fit.box === null
        ? 0
        : lastSeen.pointCount *
          (lastSeen.rangeM / Math.max(1, Math.hypot(fit.box.centerM.x, fit.box.centerM.y))) ** 2;
    // Over a short step the count changes little, over a long one the view (and count) may well
    // change: the share allowed to go missing grows with the step. A few points vary by chance
    // (Poisson: ±√n), so the drop must also be well beyond that.
    const keptShare = Math.max(
      OCCLUSION_POINT_SHARE,
      OCCLUSION_POINT_SHARE_PER_0_1S - adt * OCCLUSION_SHARE_LOSS_PER_S,
    );
    const occluded =
      fit.box !== null &&
      fit.pointCount < Math.min(keptShare * expectedPoints, expectedPoints - 3 * Math.sqrt(expectedPoints));
    const review: PropagatedBox["needsReview"] | undefined =
      !fit.box || fit.pointCount < minPoints || occluded
        ? "too few points"
        : fit.outsideShare > maxOutside
          ? "large residual"
          : correction > maxCorrection
            ? "jump"
            : undefined;
    // The fit failed but the previous frame's points were found here, in shape: the template
    // alone places the box (a vehicle that is briefly sparse, or whose fit grabbed a neighbour).
    const templateAlone =
      review !== undefined &&
      !staticCoast &&
      // Half hidden, the template slides along what is still visible: its placement is no better.
      !occluded &&
      matched &&
      match.overlap >= STRONG_TEMPLATE_OVERLAP &&
      match.templateCells >= STRONG_TEMPLATE_CELLS &&
      seed.size.lengthM >= VEHICLE_MIN_LENGTH_M;
    if (templateAlone) {
      out.push(...coasting);
      coasting = [];
      const centerM = { ...predicted, z: fit.groundZM + seed.size.heightM / 2 };
      out.push({
        frameIndex: k,
        centerM,
        size: { ...seed.size },
        yawRad: predictedYaw,
        provenance: "propagated",
        pointCount: fit.pointCount,
        correctionM: 0,
      });
      history.push(toWorld(k, centerM, predictedYaw));
      lastFrame = k;
      lastBox = { centerM, size: seed.size, yawRad: predictedYaw };
      continue;
    }
    if (review || !fit.box) {
      // What the next frame's count is compared with: what was seen here, so that an object
      // coming out from behind something (its count rising back) is not held occluded.
      if (fit.box && fit.pointCount >= minPoints)
        lastSeen = {
          pointCount: fit.pointCount,
          rangeM: Math.max(1, Math.hypot(fit.box.centerM.x, fit.box.centerM.y)),
        };
      // Partly hidden, but what shows sits where the motion puts the box (and explains it): the
      // prediction is confirmed, not a guess. It stands unflagged; the track's motion is still
      // measured without it.
      if (
        occluded &&
        coasting.length === 0 &&
        prev !== null &&
        fit.pointCount >= minPoints &&
        fit.outsideShare <= maxOutside &&
        correction <= OCCLUDED_CONFIRM_M
      ) {
        out.push({
          frameIndex: k,
          centerM: { ...fromM, z: fit.groundZM + seed.size.heightM / 2 },
          size: { ...seed.size },
          yawRad: predictedYaw,
          provenance: "propagated",
          pointCount: fit.pointCount,
          correctionM: correction,
        });
        continue;
      }
      coasting.push({
        frameIndex: k,
        centerM: { ...fromM, z: fit.groundZM + seed.size.heightM / 2 },
        size: { ...seed.size },
        yawRad: staticCoast ? motionYaw : predictedYaw,
        provenance: "propagated",
        pointCount: fit.pointCount,
        correctionM: correction,
        needsReview: review ?? "too few points",
      });
      // Carry on by motion while the gap is short: with the measured velocity, or, none measured
      // yet (lost right after the seed), standing still (see maxStaticCoastS).
      const canCoast = Math.abs(frame.timestampS - last.t) < (prev === null ? maxStaticCoastS : maxCoastS);
      if (canCoast && k + step >= 0 && k + step < frames.length) continue;
      const firstCoasted = coasting[0];
      if (firstCoasted) out.push(firstCoasted);
      break;
    }
    out.push(...coasting);
    coasting = [];
    // Sparse vehicle (a 0.25 m template is too coarse for a pedestrian): the fit's completion guesses the unseen sides, while the template carries the
    // previous box's placement around the same points (the annotator's, for the seed): keep that.
    const keepTemplate =
      matched && fit.pointCount < SPARSE_POINTS && seed.size.lengthM >= VEHICLE_MIN_LENGTH_M;
    let centerM = keepTemplate ? { ...predicted, z: fit.box.centerM.z } : fit.box.centerM;
    const yaw = turnBounded(
      k,
      keepTemplate ? predictedYaw : alignYawModPi(fit.box.yawRad, predictedYaw),
      centerM,
    );
    if (keepTemplate && prev) {
      // A handful of points places the box only roughly, and each frame's template comes from the
      // last placement, so the errors add up (a far car drifts off by a metre over a few seconds).
      // With a measured velocity the motion predicts better than that over a short step: weigh
      // the two by their variances (a one-step Kalman gain).
      const sigmaFitM = SPARSE_FIT_SIGMA_M / Math.sqrt(Math.max(1, fit.pointCount));
      // The velocity comes from two placements as rough as this one, `baselineS` apart.
      const baselineS = Math.abs(last.t - prev.t);
      const sigmaVMps = PREDICTION_SIGMA_V_MPS + (Math.SQRT2 * sigmaFitM) / baselineS;
      const sigmaPredM = sigmaVMps * adt + 0.5 * PREDICTION_SIGMA_A_MPS2 * adt * adt;
      const gain = sigmaPredM ** 2 / (sigmaPredM ** 2 + sigmaFitM ** 2);
      centerM = {
        x: motionPredicted.x + gain * (predicted.x - motionPredicted.x),
        y: motionPredicted.y + gain * (predicted.y - motionPredicted.y),
        z: centerM.z,
      };
    }
    if (keepTemplate) {
      // …and a vehicle moves along its heading: a few returns slide the template sideways (a car
      // at 65 m drifted 0.4 m across in two frames), so its sideways step is bounded.
      const c = Math.cos(yaw);
      const s = Math.sin(yaw);
      const du = centerM.x - motionPredicted.x;
      const dv = centerM.y - motionPredicted.y;
      const across = -s * du + c * dv;
      const maxAcross = SPARSE_MAX_SIDEWAYS_M + SPARSE_MAX_SIDEWAYS_MPS * adt;
      if (Math.abs(across) > maxAcross) {
        const cut = across - Math.sign(across) * maxAcross;
        centerM = { x: centerM.x + s * cut, y: centerM.y - c * cut, z: centerM.z };
      }
    }
    out.push({
      frameIndex: k,
      centerM,
      size: fit.box.size,
      yawRad: yaw,
      provenance: "propagated",
      pointCount: fit.pointCount,
      correctionM: correction,
    });
    history.push({
      ...toWorld(k, centerM, yaw),
      yawSeen:
        !keepTemplate &&
        fit.pointCount >= SPARSE_POINTS &&
        yaw === alignYawModPi(fit.box.yawRad, predictedYaw),
    });
    lastFrame = k;
    lastBox = { centerM, size: fit.box.size, yawRad: yaw };
    lastSeen = { pointCount: fit.pointCount, rangeM: Math.max(1, Math.hypot(centerM.x, centerM.y)) };
  }
  return out;
}
