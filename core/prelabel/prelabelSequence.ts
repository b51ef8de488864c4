import type { Pose3 } from "../geometry/pose";
import type { DetectOptions, FramePoints } from "./detectObjects";
import { detectScoredObjects } from "./detectScoredObjects";
import type { PrelabelBox } from "./PrelabelBox";
import { alignTrackHeadings } from "./alignTrackHeadings";
import { refitVehicleTracks } from "./refitVehicleTracks";
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

/** Detects every frame, tracks across them, and scores each box by its shape, points and track. */
export function prelabelSequence(
  frames: readonly PrelabelFrame[],
  options: DetectOptions = {},
  now: () => number = () => 0,
): PrelabelResult {
  const detectMsPerFrame: number[] = [];
  const detected = frames.map((f) => {
    const points = f.points();
    const t0 = now();
    const detections = detectScoredObjects(points, options);
    detectMsPerFrame.push(now() - t0);
    return { detections, worldFromLidar: f.worldFromLidar, timestampS: f.timestampS };
  });
  const t1 = now();
  const tracked = trackDetections(detected);
  refitVehicleTracks(
    tracked.frames,
    options,
    frames.map((f) => f.worldFromLidar),
  );
  alignTrackHeadings(
    tracked.frames,
    frames.map((f) => f.worldFromLidar),
  );
  const trackingMs = now() - t1;
  const scores = scoreByTrackEvidence(tracked.frames);
  const boxes: PrelabelBox[] = [];
  tracked.frames.forEach((dets, k) => {
    const frame = frames[k];
    const scoresHere = scores[k];
    if (!frame || !scoresHere) throw new Error(`tracking returned frame ${k} of ${frames.length}`);
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
  return { boxes, detectMsPerFrame, trackingMs };
}
