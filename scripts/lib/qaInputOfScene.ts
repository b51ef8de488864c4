import type { BoxLabel } from "../../core/formats/BoxLabel";
import type { CuboidSize } from "../../core/model/Cuboid";
import type { QaBox, QaInput } from "../../core/qa/QaInput";
import { classSizePrior, resolveClassName } from "../../workers/fit/classSizePrior";
import type { SceneRuntime } from "./SceneRuntime";
import { must } from "../../core/model/must";

/** A box's id in a scene: its frame's id and its label's track id. */
export const sceneBoxId = (frameName: string, trackId: string): string => `${frameName}/${trackId}`;

/** The QA boxes of a scene's labels, per frame (frame position = index into `labels`). */
export function qaBoxesOf(
  frameNames: readonly string[],
  labels: ReadonlyArray<readonly BoxLabel[]>,
): QaBox[] {
  return labels.flatMap((frameLabels, k) =>
    frameLabels.map((l) => ({
      ...l,
      id: sceneBoxId(must(frameNames[k], "frameNames[k]"), l.trackId),
      frameIndex: k,
    })),
  );
}

/**
 * What the QA checks need of a loaded scene: its frames (times; ego poses, estimated from the
 * points when the scene has none), the given labels, each frame's points, and the typical sizes
 * of the classes the tool knows (a class that maps to none, e.g. a dataset's "VEHICLE", is not
 * judged on size).
 */
export function qaInputOfScene(rt: SceneRuntime, labels: ReadonlyArray<readonly BoxLabel[]>): QaInput {
  const { frames } = rt.scene;
  const poses = rt.scene.framesAreASequence ? rt.worldFromLidar() : null;
  const classSizes = new Map<string, CuboidSize>();
  for (const name of new Set(labels.flat().map((l) => l.className)))
    if (resolveClassName(name) !== "Unknown") classSizes.set(name, classSizePrior(name));
  return {
    frames: frames.map((f, k) => ({
      timestampS: f.timestampUs === null ? null : f.timestampUs / 1e6,
      worldFromLidar: poses?.[k] ?? null,
    })),
    boxes: qaBoxesOf(
      frames.map((f) => f.name),
      labels,
    ),
    points: (k) => rt.index(k),
    classSizes,
  };
}
