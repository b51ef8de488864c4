import type { Pose3 } from "../geometry/pose";
import type { KittiCalib } from "./kittiCalib";

/** The formats predictions are imported from; "auto" tells them apart by content. */
export const PREDICTION_FORMATS = ["native", "nuscenes", "kitti"] as const;
export type PredictionFormat = (typeof PREDICTION_FORMATS)[number];

/** One uploaded file: its name as the user knows it (KITTI object files name their frame) and text. */
export interface PredictionFile {
  name: string;
  text: string;
}

/** What the readers need of the target sequence's frames. */
export interface PredictionTargetFrame {
  index: number;
  name: string;
  /** Ego pose (lidar → the sequence's world); the nuScenes reader needs it. */
  worldFromLidar?: Pose3;
  /** KITTI calibration at this frame (camera ↔ lidar); the KITTI reader needs it. */
  kittiCalib?: KittiCalib;
}
