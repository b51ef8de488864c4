import { IDENTITY_POSE, type Pose3 } from "../../core/geometry/pose";
import type { EgoMotionCheck } from "../../workers/fit/checkEgoMotionChain";
import { estimateEgoPoses } from "../../workers/fit/estimateEgoPoses";
import { buildFrameIndex, type FrameIndex } from "../../workers/fit/FrameIndex";
import type { PropagationFrame } from "../../workers/fit/propagateTrack";
import { loadFrameCloud, type Scene, SceneLoadError } from "./loadScene";
import { must } from "../../core/model/must";

/** Where a runtime's ego poses come from. */
export type PosesSource = "scene" | "estimated" | "none";

/** A loaded scene plus what the fit algorithms need of it, computed on first use and cached. */
export interface SceneRuntime {
  scene: Scene;
  frameIndexByName: (name: string) => number;
  index: (frameIndex: number) => FrameIndex;
  /**
   * Ego poses: the scene's own; without them, chained frame-to-frame lidar estimates when
   * checkEgoMotionChain finds them consistent; otherwise identity (work in lidar coordinates).
   */
  worldFromLidar: () => Pose3[];
  /** Which of the three worldFromLidar() is (computing it when needed). */
  readonly posesSource: PosesSource;
  /** The scene's own poses, or null. */
  scenePoses: () => Pose3[] | null;
  /** Why estimated poses were refused, when they were. */
  egoMotionCheck: () => EgoMotionCheck | null;
  timestampS: (frameIndex: number) => number;
  propagationFrames: () => PropagationFrame[];
}

export interface SceneRuntimeOptions {
  /**
   * Without the scene's poses, estimate them from the lidar (default true); false works in lidar
   * coordinates outright, as where the estimate is refused (eval:fit --poses none).
   */
  estimatePoses?: boolean;
}

export function createSceneRuntime(scene: Scene, options: SceneRuntimeOptions = {}): SceneRuntime {
  const estimatePoses = options.estimatePoses ?? true;
  const indexes = new Map<number, FrameIndex>();
  const index = (k: number): FrameIndex => {
    let found = indexes.get(k);
    if (!found) {
      found = buildFrameIndex(loadFrameCloud(must(scene.frames[k], "scene.frames[k]")));
      indexes.set(k, found);
    }
    return found;
  };
  const byName = new Map(scene.frames.map((f, i) => [f.name, i]));
  const hasScenePoses = scene.frames.every((f) => f.worldFromLidar !== null);
  const timestampS = (k: number): number => {
    const t = must(scene.frames[k], "scene.frames[k]").timestampUs;
    if (t === null)
      throw new SceneLoadError(
        must(scene.frames[k], "scene.frames[k]").lidarPath,
        "this frame has no timestamp: the scene is not a sequence",
      );
    return t / 1e6;
  };
  let poses: Pose3[] | null = null;
  let source: PosesSource = hasScenePoses
    ? "scene"
    : scene.framesAreASequence && estimatePoses
      ? "estimated"
      : "none";
  let check: EgoMotionCheck | null = null;
  const worldFromLidar = (): Pose3[] => {
    if (poses) return poses;
    if (hasScenePoses) {
      poses = scene.frames.map((f) => must(f.worldFromLidar, "f.worldFromLidar"));
      return poses;
    }
    if (!estimatePoses) {
      poses = scene.frames.map(() => IDENTITY_POSE);
      return poses;
    }
    const estimate = estimateEgoPoses(
      scene.frames.map((_, k) => ({ index: () => index(k), timestampS: timestampS(k) })),
    );
    check = estimate.check;
    if (!estimate.poses) source = "none";
    poses = estimate.poses ?? scene.frames.map(() => IDENTITY_POSE);
    return poses;
  };
  return {
    scene,
    frameIndexByName: (name) => {
      const k = byName.get(name);
      if (k === undefined)
        throw new SceneLoadError(scene.dir, `no frame "${name}" (frames: ${[...byName.keys()].join(", ")})`);
      return k;
    },
    index,
    worldFromLidar,
    get posesSource() {
      if (!hasScenePoses && scene.framesAreASequence && estimatePoses) worldFromLidar();
      return source;
    },
    scenePoses: () => (hasScenePoses ? worldFromLidar() : null),
    egoMotionCheck: () => {
      if (!hasScenePoses) worldFromLidar();
      return check;
    },
    timestampS,
    propagationFrames: () => {
      const p = worldFromLidar();
      return scene.frames.map((_, k) => ({
        timestampS: timestampS(k),
        worldFromLidar: must(p[k], "p[k]"),
        index: () => index(k),
      }));
    },
  };
}
