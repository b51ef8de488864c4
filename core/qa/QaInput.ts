import type { Pose3 } from "../geometry/pose";
import type { Vec3 } from "../geometry/vec3";
import type { CuboidSize } from "../model/Cuboid";
import type { FrameIndex } from "../pointcloud/FrameIndex";
import type { BoxPointEvidence } from "./measureBoxPoints";

/** A labelled box as the checks read it: a Cuboid, or a BoxLabel given an id and a frame. */
export interface QaBox {
  /** Unique in the sequence (a cuboid id; scripts use `<frame>/<trackId>`). */
  id: string;
  trackId: string;
  /** Position of the box's frame in QaInput.frames. */
  frameIndex: number;
  className: string;
  attributes: Readonly<Record<string, string | number | boolean>>;
  /** Lidar coordinates of the box's frame, metres. */
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
  pitchRad?: number;
  rollRad?: number;
}

export interface QaFrame {
  /** Seconds; null when the source has no times (speeds are then not judged). */
  timestampS: number | null;
  /** Ego pose; null when unknown: motion is then judged in the lidar frame, which moves with the ego. */
  worldFromLidar: Pose3 | null;
}

/** Everything the checks look at. Frames are in time order; `frameIndex` addresses them. */
export interface QaInput {
  frames: readonly QaFrame[];
  boxes: readonly QaBox[];
  /** A frame's points bucketed (core/pointcloud/FrameIndex); null or absent: the point checks skip that frame. */
  points?: (frameIndex: number) => FrameIndex | null;
  /**
   * The point evidence of each box by id, measured beforehand (QaContext's measureFrameEvidence);
   * when given, `points` is not read. Boxes missing from it are treated as on a frame without points.
   */
  pointEvidence?: ReadonlyMap<string, BoxPointEvidence>;
  /** Class name → the project's typical size; classes not here are not judged on size. */
  classSizes?: ReadonlyMap<string, CuboidSize>;
  /** Track id → the track's class as stored; without it a track's class is its boxes' majority. */
  trackClasses?: ReadonlyMap<string, string>;
}
