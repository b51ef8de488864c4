import { transformPoint } from "../geometry/pose";
import type { Vec3 } from "../geometry/vec3";
import { yawOfPose } from "../fit/yawOfPose";
import type { QaConfig } from "./QaConfig";
import type { BoxPointEvidence } from "./measureBoxPoints";
import { measureBoxPoints } from "./measureBoxPoints";
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

/** Does the shared work once: world placement of every box, its points if any point check is on, tracks sorted by frame. */
export function buildQaContext(input: QaInput, config: QaConfig): QaContext {
  const timed = input.frames.every((f) => f.timestampS !== null);
  const posed = input.frames.every((f) => f.worldFromLidar !== null);
  const needPoints =
    input.points !== undefined &&
    (["few-points", "points-outside", "loose-box", "below-ground", "floating"] as const).some(
      (k) => config[k].enabled,
    );
  const indexes = new Map<number, ReturnType<NonNullable<QaInput["points"]>>>();
  const indexOf = (k: number) => {
    if (!indexes.has(k)) indexes.set(k, input.points?.(k) ?? null);
    return indexes.get(k)!;
  };
  const byFrame: QaItem[][] = input.frames.map(() => []);
  const boxesByFrame: QaBox[][] = input.frames.map(() => []);
  for (const box of input.boxes) boxesByFrame[box.frameIndex]?.push(box);
  const shellM = config["points-outside"].shellM;
  const groundRangeM = Math.max(
    config["below-ground"].enabled ? config["below-ground"].maxRangeM : 0,
    config.floating.enabled ? config.floating.maxRangeM : 0,
  );
  /** The other boxes of the frame whose footprint may reach into this box's shell. */
  const neighboursOf = (box: QaBox): QaBox[] => {
    const reach = Math.hypot(box.size.lengthM, box.size.widthM) / 2 + shellM;
    return boxesByFrame[box.frameIndex]!.filter(
      (o) =>
        o !== box &&
        Math.hypot(o.centerM.x - box.centerM.x, o.centerM.y - box.centerM.y) <
          reach + Math.hypot(o.size.lengthM, o.size.widthM) / 2,
    );
  };
  const tracks = new Map<string, QaItem[]>();
  for (const box of input.boxes) {
    const frame = input.frames[box.frameIndex];
    if (!frame)
      throw new Error(
        `QA: box ${box.id} is on frame ${box.frameIndex}, the sequence has ${input.frames.length}`,
      );
    const pose = frame.worldFromLidar;
    const index = needPoints ? indexOf(box.frameIndex) : null;
    const item: QaItem = {
      box,
      worldM: pose ? transformPoint(pose, box.centerM) : box.centerM,
      worldYawRad: box.yawRad + (pose ? yawOfPose(pose) : 0),
      t: timed ? frame.timestampS! : box.frameIndex,
      points: index ? measureBoxPoints(index, box, shellM, neighboursOf(box), groundRangeM) : null,
    };
    byFrame[box.frameIndex]!.push(item);
    const list = tracks.get(box.trackId);
    if (list) list.push(item);
    else tracks.set(box.trackId, [item]);
  }
  for (const list of tracks.values()) list.sort((a, b) => a.box.frameIndex - b.box.frameIndex);
  return { input, config, tracks, byFrame, timed, posed };
}
