import type { CuboidSize } from "../../core/model/Cuboid";
import type { PrelabelClass } from "../../core/prelabel/classifyCluster";
import { detectScoredObjects } from "../../core/prelabel/detectScoredObjects";
import { type DetectedFrame, finishPrelabel } from "../../core/prelabel/prelabelSequence";
import type { SequenceLabeler } from "./SequenceLabeler";

/** The built-in pre-labeler's provenance on every box it makes. */
export const BUILTIN_MODEL = { name: "cuboidal-builtin", version: "1" } as const;

const PRELABEL_CLASSES: readonly PrelabelClass[] = ["Car", "Van", "Truck", "Bus", "Pedestrian", "Cyclist"];

/** The project's sizes of the classes the built-in pre-labeler knows, as its detector takes them. */
export function prelabelSizes(
  sizes: ReadonlyMap<string, CuboidSize>,
): Partial<Record<PrelabelClass, CuboidSize>> {
  const out: Partial<Record<PrelabelClass, CuboidSize>> = {};
  for (const [name, size] of sizes)
    if ((PRELABEL_CLASSES as readonly string[]).includes(name)) out[name as PrelabelClass] = size;
  return out;
}

/**
 * The built-in pre-labeler over a whole sequence, on the calling thread: the same steps as
 * `npm run prelabel` (detect every frame, then core/prelabel/finishPrelabel: tracks refit to one
 * size with their points, one heading sense per track, scores by track evidence). The server runs
 * it in a worker thread (builtinLabelerWorker.ts).
 */
export const labelSequenceInProcess: SequenceLabeler["labelSequence"] = async (request, onFrame) => {
  const options = { classSizes: prelabelSizes(request.classSizes) };
  const detected: DetectedFrame[] = [];
  for (const f of request.frames) {
    detected.push({
      name: f.name,
      timestampS: f.timestampS,
      worldFromLidar: f.worldFromLidar,
      detections: detectScoredObjects(await f.points(), options),
    });
    await onFrame(detected.length);
  }
  return { model: BUILTIN_MODEL, boxes: finishPrelabel(detected, options) };
};
