import { IDENTITY_POSE, composePoses, type Pose3 } from "../../core/geometry/pose";
import { quatFromYaw } from "../../core/geometry/quat";
import { estimateEgoMotion } from "../../workers/fit/estimateEgoMotion";
import { buildFrameIndex, type FrameIndex } from "../../workers/fit/FrameIndex";
import type { PropagationFrame } from "../../workers/fit/propagateTrack";
import { loadFrameCloud, type Scene, SceneLoadError } from "./loadScene";

/** A loaded scene plus what the fit algorithms need of it, computed on first use and cached. */
export interface SceneRuntime {
  scene: Scene;
  frameIndexByName: (name: string) => number;
  index: (frameIndex: number) => FrameIndex;
  /** Ego poses: the scene's own, or (no poses) chained frame-to-frame estimates from estimateEgoMotion. */
  worldFromLidar: () => Pose3[];
  /** Whether worldFromLidar() is estimated rather than read from the scene. */
  posesEstimated: boolean;
  timestampS: (frameIndex: number) => number;
  propagationFrames: () => PropagationFrame[];
}

export function createSceneRuntime(scene: Scene): SceneRuntime {
  const indexes = new Map<number, FrameIndex>();
  const index = (k: number): FrameIndex => {
    let found = indexes.get(k);
    if (!found) {
      found = buildFrameIndex(loadFrameCloud(scene.frames[k]!));
      indexes.set(k, found);
    }
    return found;
  };
  const byName = new Map(scene.frames.map((f, i) => [f.name, i]));
  const posesEstimated = scene.frames.some((f) => f.worldFromLidar === null);
  let poses: Pose3[] | null = null;
  const worldFromLidar = (): Pose3[] => {
    if (poses) return poses;
    if (!posesEstimated) {
      poses = scene.frames.map((f) => f.worldFromLidar!);
      return poses;
    }
    const chained: Pose3[] = [IDENTITY_POSE];
    for (let k = 1; k < scene.frames.length; k++) {
      const m = estimateEgoMotion(index(k - 1), index(k));
      const prevFromThis: Pose3 = {
        translationM: { x: m.xM, y: m.yM, z: 0 },
        rotation: quatFromYaw(m.yawRad),
      };
      chained.push(composePoses(chained[k - 1]!, prevFromThis));
    }
    poses = chained;
    return poses;
  };
  const timestampS = (k: number): number => {
    const t = scene.frames[k]!.timestampUs;
    if (t === null)
      throw new SceneLoadError(
        scene.frames[k]!.lidarPath,
        "this frame has no timestamp: the scene is not a sequence",
      );
    return t / 1e6;
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
    posesEstimated,
    timestampS,
    propagationFrames: () => {
      const p = worldFromLidar();
      return scene.frames.map((_, k) => ({
        timestampS: timestampS(k),
        worldFromLidar: p[k]!,
        index: () => index(k),
      }));
    },
  };
}
