import type { TimedFrame } from "../../core/fit/interpolateTrack";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import type { Vec3 } from "../../core/geometry/vec3";
import type { CuboidSize } from "../../core/model/Cuboid";
import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { type AutoFitBox, autoFitBox } from "./autoFitBox";
import { buildFrameIndex, type FrameIndex } from "./FrameIndex";
import { type TrackSizeResult, fitTrackSize } from "./fitTrackSize";
import {
  type PropagatedBox,
  type PropagationOptions,
  propagateTrack,
  type TrackSeed,
} from "./propagateTrack";
import { type RefinedInterpolation, refineInterpolatedBox } from "./refineInterpolatedBox";
import { type RefitOptions, type RefitResult, refitBox } from "./refitBox";

/** Frames kept indexed at once (≈ 2 MB each at 120k points): the current one and its neighbours. */
const DEFAULT_CACHED_FRAMES = 16;

/**
 * The fit worker's API, usable directly (tests, Node) or through Comlink. Frames are handed over
 * once (`setFrame`, positions transferred) and indexed once; every call then names frames by key.
 * Coordinates are each frame's lidar coordinates, metres and radians.
 */
export function createFitApi(maxCachedFrames = DEFAULT_CACHED_FRAMES) {
  const frames = new Map<string, FrameIndex>();
  const indexOf = (frameKey: string): FrameIndex => {
    const found = frames.get(frameKey);
    if (!found) throw new Error(`fit: frame "${frameKey}" was not set (call setFrame first)`);
    // Map order is insertion order: re-inserting makes this frame the most recently used.
    frames.delete(frameKey);
    frames.set(frameKey, found);
    return found;
  };
  return {
    /** Indexes a frame's points (≈ 10 ms at 120k points); later calls on the frame reuse the index. */
    setFrame(frameKey: string, cloud: Pick<PointCloud, "pointCount" | "positions" | "originM">): void {
      frames.delete(frameKey);
      frames.set(frameKey, buildFrameIndex({ ...cloud, attributes: {} }));
      // Map order is insertion order: the first keys are the least recently used.
      for (const oldest of frames.keys()) {
        if (frames.size <= maxCachedFrames) break;
        frames.delete(oldest);
      }
    },
    hasFrame: (frameKey: string): boolean => frames.has(frameKey),
    dropFrame(frameKey: string): void {
      frames.delete(frameKey);
    },
    /** One click → one box; `priorSize`: the project's size for the class (default: the catalogue's). */
    autoFit(frameKey: string, clickM: Vec3, className?: string, priorSize?: CuboidSize): AutoFitBox {
      return autoFitBox(indexOf(frameKey), clickM, className, priorSize);
    },
    refit(frameKey: string, box: OrientedBox, options?: RefitOptions): RefitResult {
      return refitBox(indexOf(frameKey), box, options);
    },
    /** `sequence[i].frameIndex` must equal i; every frame propagation reaches must have been set. */
    propagate(
      sequence: Array<TimedFrame & { frameKey: string }>,
      seed: TrackSeed,
      options?: PropagationOptions,
    ): PropagatedBox[] {
      return propagateTrack(
        sequence.map((f) => ({
          timestampS: f.timestampS,
          worldFromLidar: f.worldFromLidar,
          index: () => indexOf(f.frameKey),
        })),
        seed,
        options,
      );
    },
    /**
     * Moves an interpolated box towards its track's points in its frame, by the two keyframes
     * around it (refineInterpolatedBox); all three frames must have been set.
     */
    refineInterpolated(
      frame: { frameKey: string; timestampS: number },
      box: OrientedBox,
      before: { frameKey: string; timestampS: number; box: OrientedBox },
      after: { frameKey: string; timestampS: number; box: OrientedBox },
    ): RefinedInterpolation {
      const keyOf = (k: { frameKey: string; timestampS: number; box: OrientedBox }) => ({
        index: indexOf(k.frameKey),
        timestampS: k.timestampS,
        box: k.box,
      });
      return refineInterpolatedBox(
        { index: indexOf(frame.frameKey), timestampS: frame.timestampS },
        box,
        keyOf(before),
        keyOf(after),
      );
    },
    fitTrackSize(
      boxes: Array<{ frameKey: string; box: OrientedBox }>,
      currentSize: CuboidSize,
    ): TrackSizeResult {
      return fitTrackSize(
        boxes.map((b) => ({ index: indexOf(b.frameKey), box: b.box })),
        currentSize,
      );
    },
  };
}

export type FitApi = ReturnType<typeof createFitApi>;
