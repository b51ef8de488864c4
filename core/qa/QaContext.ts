import { transformPoint } from "../geometry/pose";
import type { Vec3 } from "../geometry/vec3";
import { yawOfPose } from "../fit/yawOfPose";
import type { QaConfig } from "./QaConfig";
import type { BoxPointEvidence } from "./measureBoxPoints";
import { measureBoxPoints, NEAR_M } from "./measureBoxPoints";
import type { FrameIndex } from "../pointcloud/FrameIndex";
import type { QaBox, QaInput } from "./QaInput";

/** One box with what every check shares: its place in the world and its points. */
export interface QaItem {
  box: QaBox;
  /** Centre in world coordinates (the lidar frame's when there is no pose). */
  worldM: Vec3;
  worldYawRad: number;
  /** Seconds, or the frame's position when the sequence has no times. */
  t: number;
  /** null when the frame has no points. */
  points: BoxPointEvidence | null;
}

export interface QaContext {
  input: QaInput;
  config: QaConfig;
  /** Track id → its boxes in frame order (one per frame; extra boxes of a frame are duplicates' business). */
  tracks: ReadonlyMap<string, QaItem[]>;
  /** Frame position → its boxes. */
  byFrame: ReadonlyArray<QaItem[]>;
  /** Whether times are real seconds (speeds can be judged). */
  timed: boolean;
  /** Whether world positions use ego poses (otherwise the lidar frame, moving with the ego). */
  posed: boolean;
}

/** The checks that read points (position-jump only for its "left its object" part); the others never do. */
const POINT_KINDS = [
  "few-points",
  "points-outside",
  "loose-box",
  "below-ground",
  "floating",
  "position-jump",
] as const;

/** Whether `config` turns on a check that reads points. */
export const needsPoints = (config: QaConfig): boolean => POINT_KINDS.some((k) => config[k].enabled);

/**
 * The point evidence of one frame's boxes (`boxes` all on the frame `index` buckets), by box id.
 * Callers that fetch sweeps asynchronously (the server) measure frame by frame with it and hand
 * the result over as QaInput.pointEvidence, holding one sweep at a time.
 */
export function measureFrameEvidence(
  index: FrameIndex,
  boxes: readonly QaBox[],
  config: QaConfig,
): Map<string, BoxPointEvidence> {
  const shellM = config["points-outside"].shellM;
  const groundRangeM = Math.max(
    config["below-ground"].enabled ? config["below-ground"].maxRangeM : 0,
    config.floating.enabled ? config.floating.maxRangeM : 0,
  );
  /** The other boxes of the frame whose footprint may reach into this box's shell or near band. */
  const neighboursOf = (box: QaBox): QaBox[] => {
    const reach = Math.hypot(box.size.lengthM, box.size.widthM) / 2 + Math.SQRT2 * Math.max(shellM, NEAR_M);
    return boxes.filter(
      (o) =>
        o !== box &&
        Math.hypot(o.centerM.x - box.centerM.x, o.centerM.y - box.centerM.y) <
          reach + Math.hypot(o.size.lengthM, o.size.widthM) / 2,
    );
  };
  return new Map(
    boxes.map((box) => [box.id, measureBoxPoints(index, box, shellM, neighboursOf(box), groundRangeM)]),
  );
}

/** Does the shared work once: world placement of every box, its points if any point check is on, tracks sorted by frame. */
export function buildQaContext(input: QaInput, config: QaConfig): QaContext {
  const timed = input.frames.every((f) => f.timestampS !== null);
  const posed = input.frames.every((f) => f.worldFromLidar !== null);
  const boxesByFrame: QaBox[][] = input.frames.map(() => []);
  const noFrame = (box: QaBox) =>
    new Error(`QA: box ${box.id} is on frame ${box.frameIndex}, the sequence has ${input.frames.length}`);
  for (const box of input.boxes) {
    const list = boxesByFrame[box.frameIndex];
    if (!list) throw noFrame(box);
    list.push(box);
  }
  let evidence = input.pointEvidence;
  const points = input.points;
  if (!evidence && points && needsPoints(config)) {
    const measured = new Map<string, BoxPointEvidence>();
    boxesByFrame.forEach((boxes, k) => {
      const index = boxes.length > 0 ? points(k) : null;
      if (index) for (const [id, e] of measureFrameEvidence(index, boxes, config)) measured.set(id, e);
    });
    evidence = measured;
  }
  const byFrame: QaItem[][] = input.frames.map(() => []);
  const tracks = new Map<string, QaItem[]>();
  for (const box of input.boxes) {
    const frame = input.frames[box.frameIndex];
    const frameItems = byFrame[box.frameIndex];
    if (!frame || !frameItems) throw noFrame(box);
    const pose = frame.worldFromLidar;
    const item: QaItem = {
      box,
      worldM: pose ? transformPoint(pose, box.centerM) : box.centerM,
      worldYawRad: box.yawRad + (pose ? yawOfPose(pose) : 0),
      t: timed && frame.timestampS !== null ? frame.timestampS : box.frameIndex,
      points: evidence?.get(box.id) ?? null,
    };
    frameItems.push(item);
    const list = tracks.get(box.trackId);
    if (list) list.push(item);
    else tracks.set(box.trackId, [item]);
  }
  for (const list of tracks.values()) list.sort((a, b) => a.box.frameIndex - b.box.frameIndex);
  return { input, config, tracks, byFrame, timed, posed };
}
