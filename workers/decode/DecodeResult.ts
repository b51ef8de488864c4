import type { PointCloud } from "../../core/pointcloud/PointCloud";
import type { Allocate } from "./decodeRecords";

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
  /** Header inconsistencies and quirks that did not stop the decode. */
  warnings: string[];
}

export interface DecodeOptions {
  /** Refuse files that declare more points than this before allocating (default 200 million). */
  maxPoints?: number;
  /** Where output arrays come from (default: fresh typed arrays); the worker passes its ArrayPool. */
  allocate?: Allocate;
}

export const DEFAULT_MAX_POINTS = 200_000_000;
