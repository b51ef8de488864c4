import type { Bounds3, PointCloud } from "../../core/pointcloud/PointCloud";

export type PointCloudFormat = "pcd" | "kitti-bin" | "nuscenes-bin" | "ply" | "las" | "laz";

/** What a decoder returns: the cloud plus what the file said about itself. */
export interface DecodeResult {
  cloud: PointCloud;
  format: PointCloudFormat;
  /** Format-specific encoding, e.g. PCD "binary_compressed", PLY "binary_little_endian", LAS "1.4/7". */
  encoding?: string;
  /** Points the file declares (header), before non-finite points are dropped. */
  declaredPoints: number;
  /** Field names as the file declares them (padding fields excluded). */
  fields: string[];
  /** Bounds of the kept points, origin-relative, metres. Empty cloud: min = max = 0. */
  bounds: Bounds3;
  /** Header inconsistencies and quirks that did not stop the decode. */
  warnings: string[];
}

export interface DecodeOptions {
  /** Refuse files that declare more points than this before allocating (default 200 million). */
  maxPoints?: number;
}

export const DEFAULT_MAX_POINTS = 200_000_000;
