import type { BoxLabel } from "../../core/formats/BoxLabel";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { bevIou } from "../../core/geometry/iou";
import { VEHICLE_CLASSES } from "../../core/model/defaultClasses";
import type { PrelabelBox } from "../../core/prelabel/PrelabelBox";
import { resolveClassName } from "../../workers/fit/classSizePrior";
import { countLabelPoints } from "./countLabelPoints";
import type { SceneRuntime } from "./SceneRuntime";
import { must } from "../../core/model/must";

/** Labelled vehicles with fewer points are not required to be found (issue #14's targets). */
export const VEHICLE_MIN_POINTS = 30;
export const PEDESTRIAN_MIN_POINTS = 20;

export interface PrelabelFigures {
  frames: number;
  vehicles: number;
  vehicleRecall05: number;
  vehicleRecall07: number;
  pedestrians: number;
  pedestrianRecall03: number;
  /** Predictions inside the labelled region. */
  predictions: number;
  /** Share of predictions (any class) matching a labelled object (any class) at BEV IoU ≥ 0.5. */
  precision05: number;
  /** The same over vehicle predictions only. */
  vehiclePrecision05: number;
  /** Share of matched vehicle boxes carrying the majority track id of their labelled track; null for unrelated frames. */
  trackConsistency: number | null;
  matchedVehicleBoxes: number;
}

export const PRELABEL_TARGETS = {
  vehicleRecall05: 0.85,
  vehicleRecall07: 0.7,
  precision05: 0.8,
  pedestrianRecall03: 0.6,
  trackConsistency: 0.9,
  msPerFrame: 1000,
};

const orientedOfBox = (b: PrelabelBox): OrientedBox => ({
  centerM: { x: b.center[0], y: b.center[1], z: b.center[2] },
  size: { lengthM: b.size[0], widthM: b.size[1], heightM: b.size[2] },
  yawRad: b.yaw,
  pitchRad: 0,
  rollRad: 0,
});

const isVehicleName = (name: string) => VEHICLE_CLASSES.has(resolveClassName(name));

/** One-to-one matches with BEV IoU ≥ threshold, best IoU first. */
function greedyMatch(
  labels: readonly BoxLabel[],
  preds: readonly PrelabelBox[],
  threshold: number,
): Array<{ label: number; pred: number; iou: number }> {
  const pairs: Array<{ label: number; pred: number; iou: number }> = [];
  labels.forEach((l, li) => {
    const reach = Math.hypot(l.size.lengthM, l.size.widthM) / 2;
    preds.forEach((p, pi) => {
      const far = Math.hypot(l.centerM.x - p.center[0], l.centerM.y - p.center[1]);
      if (far > reach + Math.hypot(p.size[0], p.size[1]) / 2) return;
      const iou = bevIou(l, orientedOfBox(p));
      if (iou >= threshold) pairs.push({ label: li, pred: pi, iou });
    });
  });
  pairs.sort((a, b) => b.iou - a.iou);
  const usedL = new Set<number>();
  const usedP = new Set<number>();
  const out: typeof pairs = [];
  for (const m of pairs) {
    if (usedL.has(m.label) || usedP.has(m.pred)) continue;
    usedL.add(m.label);
    usedP.add(m.pred);
    out.push(m);
  }
  return out;
}

/**
 * Where labels were drawn: within the farthest label's range, and, when every label of the scene
 * lies in one sector narrower than a half turn (KITTI labels only what the front camera sees),
 * within that sector widened by 10°. Predictions outside it are neither right nor wrong.
 */
export function labelledRegion(rt: SceneRuntime): (x: number, y: number) => boolean {
  const all = rt.scene.frames.flatMap((f) => f.labels);
  if (all.length === 0) return () => false;
  const maxRange = Math.max(...all.map((l) => Math.hypot(l.centerM.x, l.centerM.y))) + 2;
  const az = all.map((l) => Math.atan2(l.centerM.y, l.centerM.x)).sort((a, b) => a - b);
  // The widest empty gap between consecutive label azimuths; the labelled sector is its complement.
  let gap = must(az[0], "az[0]") + 2 * Math.PI - must(az[az.length - 1], "az[az.length - 1]");
  let gapEnd = must(az[0], "az[0]");
  for (let i = 1; i < az.length; i++) {
    if (must(az[i], "az[i]") - must(az[i - 1], "az[i - 1]") > gap) {
      gap = must(az[i], "az[i]") - must(az[i - 1], "az[i - 1]");
      gapEnd = must(az[i], "az[i]");
    }
  }
  const sector = 2 * Math.PI - gap;
  const margin = (10 * Math.PI) / 180;
  return (x, y) => {
    if (Math.hypot(x, y) > maxRange) return false;
    if (sector >= Math.PI) return true;
    let d = Math.atan2(y, x) - gapEnd;
    while (d < -margin) d += 2 * Math.PI;
    while (d >= 2 * Math.PI - margin) d -= 2 * Math.PI;
    return d <= sector + margin;
  };
}

/** Points inside every label of frame k, counted once per runtime (a score sweep asks ~10 times). */
const labelPointsCache = new WeakMap<SceneRuntime, Map<number, number[]>>();
function labelPointsOf(rt: SceneRuntime, k: number): number[] {
  let byFrame = labelPointsCache.get(rt);
  if (!byFrame) {
    byFrame = new Map();
    labelPointsCache.set(rt, byFrame);
  }
  let found = byFrame.get(k);
  if (!found) {
    found = must(rt.scene.frames[k], "rt.scene.frames[k]").labels.map((l) => countLabelPoints(rt, k, l));
    byFrame.set(k, found);
  }
  return found;
}

/** The score thresholds of the precision/recall table `npm run -s eval:prelabel` prints. */
export const SCORE_SWEEP = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** The figures at each score threshold: what a reviewer's score slider trades. */
export function sweepScores(
  rt: SceneRuntime,
  boxes: readonly PrelabelBox[],
  thresholds: readonly number[] = SCORE_SWEEP,
): Array<{ minScore: number; figures: PrelabelFigures }> {
  return thresholds.map((minScore) => ({
    minScore,
    figures: evaluatePrelabel(
      rt,
      boxes.filter((b) => b.score >= minScore),
    ),
  }));
}

/** Scores pre-labelled boxes against the scene's labels (see PRELABEL_TARGETS). */
export function evaluatePrelabel(rt: SceneRuntime, boxes: readonly PrelabelBox[]): PrelabelFigures {
  const inRegion = labelledRegion(rt);
  let vehicles = 0;
  let v05 = 0;
  let v07 = 0;
  let pedestrians = 0;
  let p03 = 0;
  let predictions = 0;
  let predMatched = 0;
  let vehiclePreds = 0;
  let vehiclePredMatched = 0;
  const predTracksOfLabelTrack = new Map<string, Array<string | number>>();
  rt.scene.frames.forEach((frame, k) => {
    const preds = boxes.filter((b) => b.frame === frame.name && inRegion(b.center[0], b.center[1]));
    const points = labelPointsOf(rt, k);
    const vehicleLabels = frame.labels.filter((l) => isVehicleName(l.className));
    const vehiclePoints = frame.labels.flatMap((l, i) =>
      isVehicleName(l.className) ? [must(points[i], "points[i]")] : [],
    );
    const vehiclePredsHere = preds.filter((p) => isVehicleName(p.class));
    for (const [threshold, bump] of [
      [0.5, () => v05++],
      [0.7, () => v07++],
    ] as const) {
      for (const m of greedyMatch(vehicleLabels, vehiclePredsHere, threshold))
        if (must(vehiclePoints[m.label], "vehiclePoints[m.label]") >= VEHICLE_MIN_POINTS) bump();
    }
    vehicles += vehiclePoints.filter((n) => n >= VEHICLE_MIN_POINTS).length;
    for (const m of greedyMatch(vehicleLabels, vehiclePredsHere, 0.5)) {
      const key = must(vehicleLabels[m.label], "vehicleLabels[m.label]").trackId;
      const list = predTracksOfLabelTrack.get(key) ?? [];
      list.push(must(vehiclePredsHere[m.pred], "vehiclePredsHere[m.pred]").trackId);
      predTracksOfLabelTrack.set(key, list);
    }
    const pedLabels = frame.labels.filter((l) => resolveClassName(l.className) === "Pedestrian");
    const pedPoints = frame.labels.flatMap((l, i) =>
      resolveClassName(l.className) === "Pedestrian" ? [must(points[i], "points[i]")] : [],
    );
    const pedPreds = preds.filter((p) => p.class === "Pedestrian");
    for (const m of greedyMatch(pedLabels, pedPreds, 0.3))
      if (must(pedPoints[m.label], "pedPoints[m.label]") >= PEDESTRIAN_MIN_POINTS) p03++;
    pedestrians += pedPoints.filter((n) => n >= PEDESTRIAN_MIN_POINTS).length;
    const anyMatch = greedyMatch(frame.labels, preds, 0.5);
    predictions += preds.length;
    predMatched += anyMatch.length;
    vehiclePreds += vehiclePredsHere.length;
    vehiclePredMatched += anyMatch.filter((m) =>
      isVehicleName(must(preds[m.pred], "preds[m.pred]").class),
    ).length;
  });
  let consistent = 0;
  let matched = 0;
  for (const ids of predTracksOfLabelTrack.values()) {
    const counts = new Map<string | number, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    consistent += Math.max(...counts.values());
    matched += ids.length;
  }
  const share = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
  return {
    frames: rt.scene.frames.length,
    vehicles,
    vehicleRecall05: share(v05, vehicles),
    vehicleRecall07: share(v07, vehicles),
    pedestrians,
    pedestrianRecall03: share(p03, pedestrians),
    predictions,
    precision05: share(predMatched, predictions),
    vehiclePrecision05: share(vehiclePredMatched, vehiclePreds),
    trackConsistency: rt.scene.framesAreASequence ? share(consistent, matched) : null,
    matchedVehicleBoxes: matched,
  };
}
