import { type KittiCalib, kittiCalibFromCamera, parseKittiCalib } from "../../core/formats/kittiCalib";
import type {
  PredictionFile,
  PredictionFormat,
  PredictionTargetFrame,
} from "../../core/formats/PredictionFile";
import { readPredictionFiles } from "../../core/formats/readPredictionFiles";
import type { ModelId } from "../../core/prelabel/PredictionRun";
import type { ServerDeps } from "../ServerDeps";
import { getStoredSequence, withRecordedPoses } from "../store/getSequenceDetail";
import { type ApplyPredictionsResult, applyPredictions, PredictionImportError } from "./applyPredictions";

export interface ImportPredictionFilesRequest {
  sequenceId: string;
  files: readonly PredictionFile[];
  format: PredictionFormat | "auto";
  model: ModelId;
  author: string;
  /** Only this task's frames are written (the task must be on the sequence). */
  taskId?: string;
}

/**
 * Reads prediction files against the sequence's frames (names, ego poses, KITTI calibration: the
 * frame's own KITTI file, else one made from its first camera as the KITTI export does) and stores
 * them with applyPredictions. Bad files throw FormatError, a task elsewhere PredictionImportError;
 * nothing is written then.
 */
export async function importPredictionFiles(
  deps: Pick<ServerDeps, "store">,
  request: ImportPredictionFilesRequest,
): Promise<ApplyPredictionsResult> {
  const found = await getStoredSequence(deps.store, request.sequenceId);
  if (!found) return { status: "not-found" };
  // Predictions given in world coordinates (nuScenes) are in the recording's world, not an estimate's.
  const stored = withRecordedPoses(found);
  let frameRange: { start: number; end: number } | null = null;
  if (request.taskId !== undefined) {
    const task = await deps.store.db
      .selectFrom("tasks")
      .select(["sequence_id", "frame_start", "frame_end"])
      .where("id", "=", request.taskId)
      .executeTakeFirst();
    if (!task || task.sequence_id !== request.sequenceId)
      throw new PredictionImportError(
        `task ${request.taskId} is not a task of sequence ${request.sequenceId}`,
      );
    if (task.frame_start !== null)
      frameRange = { start: task.frame_start, end: task.frame_end ?? task.frame_start };
  }
  const frames: PredictionTargetFrame[] = stored.detail.frames.map((f, i) => {
    const meta = stored.sourceMeta[i];
    const camera = (f.cameras ?? stored.detail.cameras)[0];
    let kittiCalib: KittiCalib | undefined;
    if (meta?.kittiCalib) kittiCalib = parseKittiCalib(meta.kittiCalib, `calibration of frame ${f.name}`);
    else if (camera) kittiCalib = kittiCalibFromCamera(camera);
    return {
      index: f.index,
      name: f.name,
      worldFromLidar: f.worldFromLidar,
      ...(kittiCalib ? { kittiCalib } : {}),
    };
  });
  const boxes = readPredictionFiles(request.files, request.format, frames);
  return applyPredictions(deps, {
    sequenceId: request.sequenceId,
    run: { model: request.model, boxes },
    author: request.author,
    frameRange,
  });
}
