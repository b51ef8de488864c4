import type { Pose3 } from "../geometry/pose";
import { type DetectOptions, detectObjects, type FramePoints } from "./detectObjects";
import { refitVehicleTracks } from "./refitVehicleTracks";
import type { PrelabelBox } from "./PrelabelBox";
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

/**
 * Boxes scoring below this are not worth a reviewer's look by default (measured on the three
 * recordings in ../shared/data: of the Argoverse boxes scoring 0.1–0.3, 34 of 839 match a label).
 */
export const DEFAULT_MIN_SCORE = 0.3;

/**
 * A track seen in this share of the frames or more keeps its score; a shorter one loses up to
 * half of it (a one-frame blob in a 50-frame sequence is more likely a bush flickering in and out
 * of the clustering than a car), but only when the sequence is long enough to tell (≥ 5 frames).
 */
const SHORT_TRACK_FRAMES = 10;
const MIN_SEQUENCE_FRAMES_FOR_TRACK_EVIDENCE = 5;

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
    const detections = detectObjects(points, options);
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
  const trackingMs = now() - t1;
  const useTrackEvidence = frames.length >= MIN_SEQUENCE_FRAMES_FOR_TRACK_EVIDENCE;
  // A track's boxes share half their score: one frame where a car is seen badly does not hide it,
  // and a bush that looks like a car in one frame out of ten stays doubtful.
  const scoreSum = new Map<number, number>();
  for (const dets of tracked.frames)
    for (const d of dets) scoreSum.set(d.trackId, (scoreSum.get(d.trackId) ?? 0) + d.score);
  const boxes: PrelabelBox[] = [];
  tracked.frames.forEach((dets, k) => {
    for (const d of dets) {
      const hits = tracked.hitsByTrack.get(d.trackId) ?? 1;
      const trackFactor = useTrackEvidence
        ? 0.5 + 0.5 * Math.min(1, (hits - 1) / (SHORT_TRACK_FRAMES - 1))
        : 1;
      boxes.push({
        frame: frames[k]!.name,
        trackId: d.trackId,
        class: d.className,
        score: Math.min(
          1,
          Math.max(0, (0.5 * d.score + (0.5 * scoreSum.get(d.trackId)!) / hits) * trackFactor),
        ),
        center: [d.centerM.x, d.centerM.y, d.centerM.z],
        size: [d.size.lengthM, d.size.widthM, d.size.heightM],
        yaw: d.yawRad,
      });
    }
  });
  return { boxes, detectMsPerFrame, trackingMs };
}
