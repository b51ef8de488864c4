import type { AnnotationOperation } from "../api/annotationBatch";
import type { OrientedBox } from "../geometry/cuboidCorners";
import { footprintOverlap } from "../geometry/footprintOverlap";
import { qaConfigSchema } from "../qa/QaConfig";
import type { Cuboid } from "../model/Cuboid";
import type { Track } from "../model/Track";
import type { PredictionRun } from "./PredictionRun";

/** A predicted box that cannot be stored: names the box (its place in the run) and the reason. */
export class PredictionImportError extends Error {
  override readonly name = "PredictionImportError";
}

/**
 * A new prediction over a box that stays (a person's, an import's, or a prediction a person touched)
 * is left out when the project's automatic checks would call the two duplicates (QA's default rule:
 * bird's-eye IoU ≥ 0.3, or ≥ 60% of the smaller footprint covered, heights overlapping). So a run on
 * a partly labelled sequence adds only what is not labelled yet, and a re-import never puts a copy
 * beside a box someone corrected. (At BEV IoU 0.5 alone, a pre-label run on a labelled 50-sweep
 * Argoverse sequence added 746 boxes the checks then flagged, fragments inside labelled cars among them.)
 */
const SAME_OBJECT = qaConfigSchema.parse({}).duplicate;
const sameObject = (kept: OrientedBox, placed: OrientedBox): boolean => {
  const overlap = footprintOverlap(kept, placed);
  return (
    overlap !== null &&
    (overlap.iou >= SAME_OBJECT.minBevIou || overlap.shareOfSmaller >= SAME_OBJECT.minShareOfSmaller)
  );
};

export interface PredictionImportInput {
  run: PredictionRun;
  /** Frame name → frame index, for every frame of the sequence. */
  frameIndexByName: ReadonlyMap<string, number>;
  /** Only frames in start..end (inclusive) are written (a task's frames); null: the whole sequence. */
  frameRange: { start: number; end: number } | null;
  /** The sequence's class names: a predicted class matching one but for case takes its spelling. */
  classNames: readonly string[];
  current: { tracks: readonly Track[]; cuboids: readonly Cuboid[] };
  /** Cuboids some batch other than a prediction import wrote (a person's edit, a fit, a review). */
  touchedIds: ReadonlySet<string>;
  /** Fresh track ids, at least countPredictedTracks(run) of them. */
  trackIds: readonly string[];
  newCuboidId: () => string;
  author: string;
  nowIso: string;
}

export interface PredictionImportPlan {
  operations: AnnotationOperation[];
  /** New boxes written. */
  added: number;
  /** Untouched boxes of an earlier run of the same model that the new run replaces (deleted). */
  replaced: number;
  /** Boxes of the same model a person touched: kept as they are. */
  keptTouched: number;
  /** New boxes left out because a kept box covers the same object (the checks' duplicate rule). */
  skippedOverlap: number;
  /** New boxes on frames outside frameRange. */
  skippedOutsideRange: number;
}

const trackKey = (trackId: string | number, className: string) => `${trackId}\u0000${className}`;

/** Upper bound of the tracks a run creates: one per (track id, class) it names. */
export function countPredictedTracks(run: PredictionRun): number {
  return new Set(run.boxes.map((b) => trackKey(b.trackId, b.class.toLowerCase()))).size;
}

/**
 * The one batch that stores a model's run as pre-labels (provenance "model", the model's name,
 * version and score on each box). Within the frames written, every untouched box an earlier run of
 * the same model (any version) made is deleted; a box a person touched is never changed, and a new
 * box over it is left out. A predicted track splits by class (one track has one class).
 */
export function planPredictionImport(input: PredictionImportInput): PredictionImportPlan {
  const { run, frameRange } = input;
  const inRange = (f: number) => !frameRange || (f >= frameRange.start && f <= frameRange.end);
  const classByLower = new Map(input.classNames.map((n) => [n.toLowerCase(), n]));
  const located = run.boxes.map((b, i) => {
    const frameIndex = input.frameIndexByName.get(b.frame);
    if (frameIndex === undefined)
      throw new PredictionImportError(
        `box ${i} (track ${b.trackId}, ${b.class}): frame "${b.frame}" is not a frame of this sequence`,
      );
    return { box: b, frameIndex };
  });

  const sameModel = input.current.cuboids.filter(
    (c) => c.prediction?.model === run.model.name && inRange(c.frameIndex),
  );
  const replacedIds = new Set(sameModel.filter((c) => !input.touchedIds.has(c.id)).map((c) => c.id));
  const keptByFrame = new Map<number, Cuboid[]>();
  for (const c of input.current.cuboids)
    if (!replacedIds.has(c.id)) keptByFrame.set(c.frameIndex, [...(keptByFrame.get(c.frameIndex) ?? []), c]);

  const newTracks = new Map<string, Track>();
  const puts: Cuboid[] = [];
  let skippedOverlap = 0;
  let skippedOutsideRange = 0;
  for (const { box, frameIndex } of located) {
    if (!inRange(frameIndex)) {
      skippedOutsideRange++;
      continue;
    }
    const className = classByLower.get(box.class.toLowerCase()) ?? box.class;
    const placed = {
      centerM: { x: box.center[0], y: box.center[1], z: box.center[2] },
      size: { lengthM: box.size[0], widthM: box.size[1], heightM: box.size[2] },
      yawRad: box.yaw,
    };
    if ((keptByFrame.get(frameIndex) ?? []).some((k) => sameObject(k, placed))) {
      skippedOverlap++;
      continue;
    }
    const key = trackKey(box.trackId, className.toLowerCase());
    let track = newTracks.get(key);
    if (!track) {
      const trackId = input.trackIds[newTracks.size];
      if (trackId === undefined)
        throw new Error(`planPredictionImport: ${input.trackIds.length} track ids given, more needed`);
      track = { trackId, className, attributes: {} };
      newTracks.set(key, track);
    }
    puts.push({
      id: input.newCuboidId(),
      frameIndex,
      trackId: track.trackId,
      ...placed,
      pitchRad: 0,
      rollRad: 0,
      className,
      attributes: {},
      provenance: "model",
      prediction: { model: run.model.name, version: run.model.version, score: box.score },
      updatedBy: input.author,
      updatedAt: input.nowIso,
    });
  }

  // A track whose every box this batch deletes goes with them.
  const remainingByTrack = new Map<string, number>();
  for (const c of input.current.cuboids)
    if (!replacedIds.has(c.id)) remainingByTrack.set(c.trackId, (remainingByTrack.get(c.trackId) ?? 0) + 1);
  const emptiedTracks = [
    ...new Set(sameModel.filter((c) => replacedIds.has(c.id)).map((c) => c.trackId)),
  ].filter((t) => !remainingByTrack.has(t));

  const operations: AnnotationOperation[] = [
    ...[...replacedIds].map((id) => ({ op: "deleteCuboid" as const, id })),
    ...emptiedTracks.map((trackId) => ({ op: "deleteTrack" as const, trackId })),
    ...[...newTracks.values()].map((track) => ({ op: "putTrack" as const, track })),
    ...puts.map((cuboid) => ({ op: "putCuboid" as const, cuboid })),
  ];
  return {
    operations,
    added: puts.length,
    replaced: replacedIds.size,
    keptTouched: sameModel.length - replacedIds.size,
    skippedOverlap,
    skippedOutsideRange,
  };
}
