import type { Pose3 } from "../../core/geometry/pose";
import type { CameraSensor } from "../../core/model/CameraSensor";
import type { ClassDefinition } from "../../core/model/ClassDefinition";
import type { Provenance } from "../../core/model/Provenance";
import type { Track } from "../../core/model/Track";
import type { BoxLabel } from "../../core/formats/BoxLabel";
import type { FrameSourceMeta } from "../store/getSequenceDetail";

export type SequenceLayout =
  | "native"
  | "sustech"
  | "kitti-object"
  | "kitti-tracking"
  | "argoverse"
  | "openlabel"
  | "nuscenes";

export interface ParsedFrame {
  name: string;
  timestampUs: number;
  worldFromLidar: Pose3;
  /** Relative to the imported folder. */
  lidarPath: string;
  lidarFormat: string;
  /** Camera name → image path relative to the imported folder. */
  imagePaths: Record<string, string>;
  sourceMeta?: FrameSourceMeta;
}

/** A box as read; a native export's boxes keep who made them (provenance, updatedBy, updatedAt). */
export type ParsedBox = BoxLabel & {
  frameIndex: number;
  provenance?: Provenance;
  updatedBy?: string;
  updatedAt?: string;
};

/** What a layout reader makes of a folder, before anything is stored. */
export interface ParsedSequence {
  layout: SequenceLayout;
  name: string;
  lidarName: string;
  cameras: CameraSensor[];
  classes?: ClassDefinition[];
  frames: ParsedFrame[];
  tracks: Track[];
  boxes: ParsedBox[];
  /** What the reader met and did not use (unknown calibration keys, cameras left out): reported, never dropped silently. */
  warnings: string[];
}
