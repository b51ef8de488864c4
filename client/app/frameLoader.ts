/**
 * What the workspace needs from a loaded frame: the subset of the worker pool's LoadedFrame
 * (workers/pool/createPointCloudPool.ts) the viewer draws. Positions are origin-relative float32
 * (x,y,z interleaved, `displayCount` points after display decimation).
 */
export interface LoadedPoints {
  pointCount: number;
  displayCount: number;
  positions: Float32Array;
  intensity?: Float32Array;
  originM: { x: number; y: number; z: number };
  /** The full-resolution cloud (the pool's LoadedFrame has it); auto-fit prefers it to the display arrays. */
  full?: { pointCount: number; positions: Float32Array; originM: { x: number; y: number; z: number } };
}

/** Loads point-cloud blobs off the main thread; the pool satisfies it structurally. */
export interface FrameLoader {
  load(url: string, opts?: { signal?: AbortSignal }): Promise<LoadedPoints>;
  prefetch(urls: string[]): void;
  dispose(): void;
}
