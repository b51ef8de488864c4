import type { Pose3 } from "../geometry/pose";
import type { DetectOptions, FramePoints } from "./detectObjects";
import { detectScoredObjects } from "./detectScoredObjects";
import type { PrelabelBox } from "./PrelabelBox";
import { alignTrackHeadings } from "./alignTrackHeadings";
import { refitVehicleTracks } from "./refitVehicleTracks";
import { scoreByOverlap } from "./scoreByOverlap";
import { scoreByTrackEvidence } from "./scoreByTrackEvidence";
import { trackDetections } from "./trackDetections";

/** A frame of a sequence as the pre-labeler reads it; `points` is called once, in order. */
export interface PrelabelFrame {
  name: string;
  timestampS: number | null;
  worldFromLidar: Pose3 | null;
  points: () => FramePoints;
}

export interface PrelabelResult {
  boxes: PrelabelBox[];
  /** Time spent detecting, per frame (ms; reading the points is not counted). */
  detectMsPerFrame: number[];
  /** Time spent tracking and refitting every track's boxes to one size, for the whole sequence (ms). */
  trackingMs: number;
}

export { DEFAULT_MIN_SCORE } from "./defaultMinScore";

/** A frame's detections, as finishPrelabel takes them. */
export interface DetectedFrame {
  name: string;
  timestampS: number | null;
  worldFromLidar: Pose3 | null;
  detections: ReturnType<typeof detectScoredObjects>;
}

/** Detects every frame, tracks across them, and scores each box by its shape, points and track. */
export function prelabelSequence(
  frames: readonly PrelabelFrame[],
  options: DetectOptions = {},
  now: () => number = () => 0,
): PrelabelResult {
  const detectMsPerFrame: number[] = [];
  const detected = frames.map((f): DetectedFrame => {
    const points = f.points();
    const t0 = now();
    const detections = detectScoredObjects(points, options);
    detectMsPerFrame.push(now() - t0);
    return { name: f.name, detections, worldFromLidar: f.worldFromLidar, timestampS: f.timestampS };
  });
  const t1 = now();
  const boxes = finishPrelabel(detected, options);
  return { boxes, detectMsPerFrame, trackingMs: now() - t1 };
}

/**
 * The sequence steps after per-frame detection (detectScoredObjects): tracks across the frames, refits
 * each vehicle track to one size with its points, gives each track one heading sense, and scores
 * each box by its shape, points and track. Shared by the CLI and the built-in plugin's job, so
 * what a lead gets from the app is what `eval:prelabel` measures.
 */
export function finishPrelabel(
  detected: readonly DetectedFrame[],
  options: DetectOptions = {},
): PrelabelBox[] {
  const tracked = trackDetections(detected);
  const poses = detected.map((f) => f.worldFromLidar);
  refitVehicleTracks(tracked.frames, options, poses);
  alignTrackHeadings(tracked.frames, poses);
  const scores = scoreByTrackEvidence(tracked.frames).map((s, k) =>
    scoreByOverlap(tracked.frames[k] ?? [], s),
  );
  const boxes: PrelabelBox[] = [];
  tracked.frames.forEach((dets, k) => {
    const frame = detected[k];
    const scoresHere = scores[k];
    if (!frame || !scoresHere) throw new Error(`tracking returned frame ${k} of ${detected.length}`);
    dets.forEach((d, i) => {
      boxes.push({
        frame: frame.name,
        trackId: d.trackId,
        class: d.className,
        score: scoresHere[i] ?? 0,
        center: [d.centerM.x, d.centerM.y, d.centerM.z],
        size: [d.size.lengthM, d.size.widthM, d.size.heightM],
        yaw: d.yawRad,
      });
    });
  });
  return boxes;
}
