import {
  countPredictedTracks,
  planPredictionImport,
  type PredictionImportPlan,
} from "../../core/prelabel/planPredictionImport";
import type { PredictionRun } from "../../core/prelabel/PredictionRun";
import type { ServerDeps } from "../ServerDeps";
import { allocateTrackIds } from "../store/allocateTrackIds";
import { applyBatch } from "../store/applyBatch";
import { getStoredSequence } from "../store/getSequenceDetail";
import { readAnnotations } from "../store/readAnnotations";
import { PREDICTION_BATCH_PREFIX } from "./predictionBatchId";
import { touchedCuboidIds } from "./touchedCuboidIds";

export { PredictionImportError } from "../../core/prelabel/planPredictionImport";
export type { PredictedBox, PredictionRun } from "../../core/prelabel/PredictionRun";

export interface ApplyPredictionsRequest {
  sequenceId: string;
  run: PredictionRun;
  /** Who imports (a user name, or the job that ran the model): the batch's author. */
  author: string;
  /** A task's frames (inclusive); absent: the whole sequence. */
  frameRange?: { start: number; end: number } | null;
}

export type ApplyPredictionsResult =
  | ({ status: "applied"; revision: number } & Omit<PredictionImportPlan, "operations">)
  | { status: "not-found" };

/** A person's edit landing between our read and our write: plan again on the new state, this often. */
const ATTEMPTS = 4;

/**
 * Stores a model's predicted boxes as pre-labels of a sequence (or of a task's frames) through the
 * one write path: one batch (applyBatch), so history, live updates and analytics see it like any
 * edit. Re-importing replaces the untouched boxes of the same model and never changes a box a
 * person touched (see planPredictionImport, touchedCuboidIds). Throws PredictionImportError for a
 * box on a frame the sequence lacks; nothing is written then.
 */
export async function applyPredictions(
  deps: Pick<ServerDeps, "store">,
  request: ApplyPredictionsRequest,
): Promise<ApplyPredictionsResult> {
  const { sequenceId, run } = request;
  const stored = await getStoredSequence(deps.store, sequenceId);
  if (!stored) return { status: "not-found" };
  const frameIndexByName = new Map(stored.detail.frames.map((f) => [f.name, f.index]));
  const classNames = stored.detail.classes.map((c) => c.name);
  const trackCount = countPredictedTracks(run);
  for (let attempt = 1; ; attempt++) {
    const current = await readAnnotations(deps.store, sequenceId);
    if (!current) return { status: "not-found" };
    const ownIds = current.cuboids.filter((c) => c.prediction?.model === run.model.name).map((c) => c.id);
    const touchedIds = await touchedCuboidIds(deps.store, sequenceId, ownIds);
    const trackIds = trackCount > 0 ? await allocateTrackIds(deps.store, sequenceId, trackCount) : [];
    if (!trackIds) return { status: "not-found" };
    const plan = planPredictionImport({
      run,
      frameIndexByName,
      frameRange: request.frameRange ?? null,
      classNames,
      current,
      touchedIds,
      trackIds,
      newCuboidId: () => crypto.randomUUID(),
      author: request.author,
      nowIso: new Date().toISOString(),
    });
    const { operations, ...counts } = plan;
    if (operations.length === 0) return { status: "applied", revision: current.revision, ...counts };
    const result = await applyBatch(
      deps.store,
      sequenceId,
      {
        batchId: `${PREDICTION_BATCH_PREFIX}${crypto.randomUUID()}`,
        baseRevision: current.revision,
        operations,
      },
      request.author,
    );
    if (result.status === "not-found") return result;
    // applyBatch announced it to the live streams.
    if (result.status === "accepted") return { status: "applied", revision: result.revision, ...counts };
    if (attempt >= ATTEMPTS)
      throw new Error(
        `predictions for sequence ${sequenceId}: the sequence kept changing during ${ATTEMPTS} attempts; try again`,
      );
  }
}
