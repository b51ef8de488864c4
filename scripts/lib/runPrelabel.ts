import type { DetectOptions } from "../../core/prelabel/detectObjects";
import { type PrelabelResult, prelabelSequence } from "../../core/prelabel/prelabelSequence";
import type { SceneRuntime } from "./SceneRuntime";

/**
 * Runs the built-in pre-labeler over a loaded scene with the scene's own ego poses (none when the
 * scene has none: association then runs in the sensor frame) and its timestamps.
 */
export function runPrelabel(rt: SceneRuntime, options: DetectOptions = {}): PrelabelResult {
  const frames = rt.scene.frames.map((f, k) => ({
    name: f.name,
    timestampS: f.timestampUs === null ? null : f.timestampUs / 1e6,
    worldFromLidar: f.worldFromLidar,
    points: () => {
      const index = rt.index(k);
      return { positions: index.xyz, originM: index.originM };
    },
  }));
  return prelabelSequence(frames, options, () => performance.now());
}
