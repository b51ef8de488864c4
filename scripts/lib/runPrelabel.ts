import type { DetectOptions } from "../../core/prelabel/detectObjects";
import { type PrelabelResult, prelabelSequence } from "../../core/prelabel/prelabelSequence";
import type { SceneRuntime } from "./SceneRuntime";

/**
 * Runs the built-in pre-labeler over a loaded scene with the scene's own ego poses (none when the
 * scene has none: association then runs in the sensor frame) and its timestamps; the times it
 * reports are CPU time (cpuMs).
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
  return prelabelSequence(frames, options, cpuMs);
}

/**
 * This process's CPU time (user + system), ms: the pre-labeler runs on one thread, so this is
 * the time one core spends on it whatever else the machine runs (wall-clock time on a shared
 * machine counts the other processes' turns too: 2–5× on a busy 2-core box). Garbage collection
 * on helper threads is counted as well, so the figure errs high.
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
