import type { Bounds3, PointCloud } from "../../core/pointcloud/PointCloud";
import type { PointCloudFormat } from "../decode/DecodeResult";

/** One frame as the viewer and the fitting tools get it from the pool. */
export interface LoadedFrame {
  url: string;
  /** Finite points in the full cloud. */
  pointCount: number;
  /** Points in the display arrays (≤ the pool's display budget). */
  displayCount: number;
  /** Display positions, x,y,z interleaved, relative to originM. */
  positions: Float32Array;
  /** Display intensity when the file has one. */
  intensity?: Float32Array;
  originM: { x: number; y: number; z: number };
  /** Bounds of the full cloud, origin-relative. */
  bounds: Bounds3;
  /** The full-resolution cloud, for fitting and measuring. */
  full: PointCloud;
  format: PointCloudFormat;
  warnings: string[];
}

/** The ArrayBuffers a frame's arrays live in, each once (a transfer list may not repeat one). */
export function frameBuffers(frame: LoadedFrame): ArrayBuffer[] {
  const buffers = new Set<ArrayBufferLike>([frame.positions.buffer, frame.full.positions.buffer]);
  if (frame.intensity) buffers.add(frame.intensity.buffer);
  for (const a of Object.values(frame.full.attributes)) buffers.add(a.values.buffer);
  // A detached buffer (byteLength 0) has already been transferred away.
  return [...buffers].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > 0);
}

export function frameBytes(frame: LoadedFrame): number {
  return frameBuffers(frame).reduce((sum, b) => sum + b.byteLength, 0);
}
