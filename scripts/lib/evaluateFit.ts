import { yawErrorMod2PiRad, yawErrorModPiRad } from "../../core/fit/angles";
import type { BoxLabel } from "../../core/formats/BoxLabel";
import { wrapAngleRad } from "../../core/fit/angles";
import { yawOfPose } from "../../core/fit/yawOfPose";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { composePoses, invertPose, type Pose3, transformPoint } from "../../core/geometry/pose";
import { bevIou, iou3d } from "../../core/geometry/iou";
import { VEHICLE_CLASSES } from "../../core/model/defaultClasses";
import { resolveClassName, type SizePriorSet } from "../../workers/fit/classSizePrior";
import { createSeededPrng } from "../../workers/fit/createSeededPrng";
import { runAutofit, runInterpolate, runPropagate, type OutBox, type TrackBoxJson } from "./fitCommands";
import { countLabelPoints } from "./countLabelPoints";
import type { SceneRuntime } from "./SceneRuntime";
import { must } from "../../core/model/must";

/** One scored box: a machine box against the labelled one it stands for (null: the machine made none). */
export interface ScoredBox {
  /**
   * The "-baseline" tasks score the trivial answers on the same boxes: propagation copies the seed
   * box in world coordinates (the scene's own poses; lidar coordinates without them), interpolation
   * is linear between the same keyframes in lidar coordinates.
   */
  task: "autofit" | "propagation" | "propagation-baseline" | "interpolation" | "interpolation-baseline";
  frame: string;
  trackId: string;
  className: string;
  isVehicle: boolean;
  /** Lidar points inside the labelled box. */
  pointsInside: number;
  /** Propagation only: the machine flagged this frame for review (scored as no box). */
  flagged?: boolean;
  bevIou: number;
  iou3d: number;
  centerErrorM: number;
  yawErrorModPiRad: number;
  yawErrorMod2PiRad: number;
  /** |Δlength|, |Δwidth|, |Δheight|, metres. */
  sizeErrorM: [number, number, number];
}

export interface FitEvaluation {
  scene: string;
  /** "scene": the data's own; "estimated": chained lidar ego-motion estimates; "none": lidar frame. */
  poses: SceneRuntime["posesSource"];
  boxes: ScoredBox[];
  /** Effective keyframe spacing used for interpolation, seconds (median over tracks), null if not a sequence. */
  keyframeSpacingS: number | null;
}

export const MAX_CLICK_OFFSET_M = 0.5;
export const KEYFRAME_SPACING_S = 0.5;
/** A vehicle box "well seen" enough to seed propagation from it. */
export const WELL_SEEN_POINTS = 30;
/** Later boxes scored for propagation: those the lidar sees at all. */
export const PROPAGATION_SCORED_POINTS = 10;

type BoxOut = Pick<OutBox, "center" | "size" | "yaw">;

/**
 * Runs auto-fit, propagation and interpolation through the same functions as the CLI against a
 * scene's labelled boxes. Auto-fit: one click per labelled box at its centre plus a seeded offset
 * of up to 0.5 m in BEV, with the labelled class (an annotator picks the class, then clicks).
 * Propagation: each vehicle track from its first box with ≥ WELL_SEEN_POINTS points, forward;
 * every later labelled box with ≥ PROPAGATION_SCORED_POINTS points is scored (a frame propagation
 * did not reach or flagged scores 0). Interpolation (vehicle tracks): keyframes at least 0.5 s
 * apart by the frames' real times and never two neighbouring frames, plus the track's last
 * labelled frame; the frames between are scored. Each tracking task is scored beside its trivial
 * baseline on the same boxes.
 */
export function evaluateFit(rt: SceneRuntime, seed = 7, priors: SizePriorSet = "default"): FitEvaluation {
  const { scene } = rt;
  const rand = createSeededPrng(seed);
  const boxes: ScoredBox[] = [];
  const labelAt = new Map<string, BoxLabel>();
  for (const f of scene.frames) for (const l of f.labels) labelAt.set(`${f.name}/${l.trackId}`, l);
  const pointsCache = new Map<string, number>();
  const pointsInside = (frameIndex: number, l: BoxLabel) => {
    const key = `${frameIndex}/${l.trackId}`;
    let n = pointsCache.get(key);
    if (n === undefined) {
      n = countLabelPoints(rt, frameIndex, l);
      pointsCache.set(key, n);
    }
    return n;
  };
  const isVehicle = (className: string) => VEHICLE_CLASSES.has(resolveClassName(className));
  const score = (
    task: ScoredBox["task"],
    frame: string,
    frameIndex: number,
    truth: BoxLabel,
    out: BoxOut | null,
    flagged?: boolean,
  ) => {
    const base = {
      task,
      frame,
      trackId: truth.trackId,
      className: truth.className,
      isVehicle: isVehicle(truth.className),
      pointsInside: pointsInside(frameIndex, truth),
      ...(flagged === undefined ? {} : { flagged }),
    };
    if (!out) {
      boxes.push({
        ...base,
        bevIou: 0,
        iou3d: 0,
        centerErrorM: Number.POSITIVE_INFINITY,
        yawErrorModPiRad: Math.PI / 2,
        yawErrorMod2PiRad: Math.PI,
        sizeErrorM: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
      });
      return;
    }
    const box: OrientedBox = {
      centerM: { x: out.center[0], y: out.center[1], z: out.center[2] },
      size: { lengthM: out.size[0], widthM: out.size[1], heightM: out.size[2] },
      yawRad: out.yaw,
    };
    const truthYawOnly: OrientedBox = { centerM: truth.centerM, size: truth.size, yawRad: truth.yawRad };
    boxes.push({
      ...base,
      bevIou: bevIou(box, truthYawOnly),
      iou3d: iou3d(box, truthYawOnly),
      centerErrorM: Math.hypot(
        box.centerM.x - truth.centerM.x,
        box.centerM.y - truth.centerM.y,
        box.centerM.z - truth.centerM.z,
      ),
      yawErrorModPiRad: yawErrorModPiRad(box.yawRad, truth.yawRad),
      yawErrorMod2PiRad: yawErrorMod2PiRad(box.yawRad, truth.yawRad),
      sizeErrorM: [
        Math.abs(box.size.lengthM - truth.size.lengthM),
        Math.abs(box.size.widthM - truth.size.widthM),
        Math.abs(box.size.heightM - truth.size.heightM),
      ],
    });
  };

  // Auto-fit.
  for (const [k, f] of scene.frames.entries()) {
    const clicks = f.labels.map((l) => {
      const r = MAX_CLICK_OFFSET_M * Math.sqrt(rand());
      const a = 2 * Math.PI * rand();
      return {
        frame: f.name,
        x: l.centerM.x + r * Math.cos(a),
        y: l.centerM.y + r * Math.sin(a),
        z: l.centerM.z,
        class: l.className,
      };
    });
    const outs = runAutofit(rt, clicks, priors);
    for (const [i, l] of f.labels.entries()) score("autofit", f.name, k, l, must(outs[i], "outs[i]"));
  }
  if (!scene.framesAreASequence)
    return { scene: scene.dir, poses: rt.posesSource, boxes, keyframeSpacingS: null };

  // Vehicle tracks: trackId → frame indices where labelled, in time order.
  const tracks = new Map<string, number[]>();
  for (const [k, f] of scene.frames.entries()) {
    for (const l of f.labels)
      if (isVehicle(l.className)) tracks.set(l.trackId, [...(tracks.get(l.trackId) ?? []), k]);
  }
  const label = (k: number, trackId: string) =>
    must(
      labelAt.get(`${must(scene.frames[k], "scene.frames[k]").name}/${trackId}`),
      `the label of ${trackId} in frame ${k}`,
    );
  const asJson = (k: number, l: BoxLabel): TrackBoxJson => ({
    trackId: l.trackId,
    frame: must(scene.frames[k], "scene.frames[k]").name,
    center: [l.centerM.x, l.centerM.y, l.centerM.z],
    size: [l.size.lengthM, l.size.widthM, l.size.heightM],
    yaw: l.yawRad,
    class: l.className,
  });
  const scenePoses = rt.scenePoses();

  // Propagation, forward from each vehicle track's first well-seen box, beside copying that box.
  for (const [trackId, ks] of tracks) {
    const start = ks.findIndex((k) => pointsInside(k, label(k, trackId)) >= WELL_SEEN_POINTS);
    if (start < 0 || start === ks.length - 1) continue;
    const seedK = must(ks[start], "ks[start]");
    const seedJson = asJson(seedK, label(seedK, trackId));
    const outs = runPropagate(rt, [seedJson], "forward");
    for (const k of ks.slice(start + 1)) {
      const truth = label(k, trackId);
      if (pointsInside(k, truth) < PROPAGATION_SCORED_POINTS) continue;
      const name = must(scene.frames[k], "scene.frames[k]").name;
      const out = outs.find((o) => o.frame === name) ?? null;
      const flagged = out?.needsReview !== undefined;
      score("propagation", name, k, truth, flagged ? null : out, flagged);
      score("propagation-baseline", name, k, truth, copyBox(seedJson, scenePoses, seedK, k));
    }
  }

  // Interpolation, beside linear interpolation in lidar coordinates.
  const spacings: number[] = [];
  for (const [trackId, ks] of tracks) {
    const keys = [must(ks[0], "ks[0]")];
    for (let i = 1; i < ks.length; i++) {
      const prevKey = must(keys[keys.length - 1], "keys[keys.length - 1]");
      const neighbours = ks.indexOf(prevKey) === i - 1;
      if (
        !neighbours &&
        rt.timestampS(must(ks[i], "ks[i]")) - rt.timestampS(prevKey) >= KEYFRAME_SPACING_S - 1e-6
      )
        keys.push(must(ks[i], "ks[i]"));
    }
    if (keys[keys.length - 1] !== ks[ks.length - 1]) keys.push(must(ks[ks.length - 1], "ks[ks.length - 1]"));
    if (keys.length < 2 || keys.length === ks.length) continue;
    for (let i = 1; i < keys.length; i++)
      spacings.push(
        rt.timestampS(must(keys[i], "keys[i]")) - rt.timestampS(must(keys[i - 1], "keys[i - 1]")),
      );
    const keyJson = keys.map((k) => asJson(k, label(k, trackId)));
    const outs = runInterpolate(rt, keyJson);
    for (const k of ks) {
      if (keys.includes(k)) continue;
      const name = must(scene.frames[k], "scene.frames[k]").name;
      const truth = label(k, trackId);
      score("interpolation", name, k, truth, outs.find((o) => o.frame === name) ?? null);
      const i = keys.findIndex((key) => key > k);
      score(
        "interpolation-baseline",
        name,
        k,
        truth,
        lerpBox(
          must(keyJson[i - 1], "keyJson[i - 1]"),
          must(keyJson[i], "keyJson[i]"),
          (rt.timestampS(k) - rt.timestampS(must(keys[i - 1], "keys[i - 1]"))) /
            (rt.timestampS(must(keys[i], "keys[i]")) - rt.timestampS(must(keys[i - 1], "keys[i - 1]"))),
        ),
      );
    }
  }
  spacings.sort((a, b) => a - b);
  return {
    scene: scene.dir,
    poses: rt.posesSource,
    boxes,
    keyframeSpacingS: spacings.length
      ? must(spacings[Math.floor(spacings.length / 2)], "spacings[Math.floor(spacings.length / 2)]")
      : null,
  };
}

/** The seed box carried unchanged in world coordinates (lidar coordinates when poses is null). */
function copyBox(seed: TrackBoxJson, poses: readonly Pose3[] | null, from: number, to: number): BoxOut {
  if (!poses) return seed;
  const toFromFrom = composePoses(invertPose(must(poses[to], "poses[to]")), must(poses[from], "poses[from]"));
  const c = transformPoint(toFromFrom, { x: seed.center[0], y: seed.center[1], z: seed.center[2] });
  return { center: [c.x, c.y, c.z], size: seed.size, yaw: seed.yaw + yawOfPose(toFromFrom) };
}

/** Straight linear interpolation of centre, size and yaw (shortest arc) in lidar coordinates. */
function lerpBox(a: TrackBoxJson, b: TrackBoxJson, s: number): BoxOut {
  const l = (p: number, q: number) => p + (q - p) * s;
  return {
    center: [l(a.center[0], b.center[0]), l(a.center[1], b.center[1]), l(a.center[2], b.center[2])],
    size: [l(a.size[0], b.size[0]), l(a.size[1], b.size[1]), l(a.size[2], b.size[2])],
    yaw: a.yaw + s * wrapAngleRad(b.yaw - a.yaw),
  };
}

export const median = (v: readonly number[]): number => {
  if (v.length === 0) return Number.NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? must(s[m], "s[m]") : (must(s[m - 1], "s[m - 1]") + must(s[m], "s[m]")) / 2;
};

const share07 = (bs: readonly ScoredBox[]) =>
  bs.length ? bs.filter((b) => b.bevIou >= 0.7).length / bs.length : Number.NaN;

/** The targets, computed from the scored boxes (vehicles only). */
export function fitTargets(e: FitEvaluation) {
  const of = (task: ScoredBox["task"]) => e.boxes.filter((b) => b.task === task && b.isVehicle);
  const auto = of("autofit").filter((b) => b.pointsInside >= WELL_SEEN_POINTS);
  const prop = of("propagation");
  const interp = of("interpolation");
  return {
    autofitVehicleCount: auto.length,
    autofitMedianBevIou: median(auto.map((b) => b.bevIou)),
    autofitShareAbove07: share07(auto),
    autofitMedianYawErrorDeg: (median(auto.map((b) => b.yawErrorModPiRad)) * 180) / Math.PI,
    propagationVehicleFrames: prop.length,
    propagationShareAbove07: share07(prop),
    propagationFlaggedShare: prop.length ? prop.filter((b) => b.flagged).length / prop.length : Number.NaN,
    propagationBaselineShareAbove07: share07(of("propagation-baseline")),
    interpolationCount: interp.length,
    interpolationMedianBevIou: median(interp.map((b) => b.bevIou)),
    interpolationBaselineMedianBevIou: median(of("interpolation-baseline").map((b) => b.bevIou)),
  };
}
