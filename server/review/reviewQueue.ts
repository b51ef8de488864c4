import type { ReviewQueueJson } from "../../core/api/review";
import { effectiveVerdict } from "../../core/review/BoxVerdict";
import { evaluateAcceptance } from "../../core/review/evaluateAcceptance";
import { orderReviewQueue } from "../../core/review/orderReviewQueue";
import type { TaskRow } from "../accounts/tasks";
import type { Database } from "../db/openDatabase";
import { runSequenceQa } from "../qa/runSequenceQa";
import { sampledBoxes } from "./acceptanceOf";
import { headRevision } from "./taskContext";
import { listVerdicts } from "./verdicts";

/**
 * The boxes of a task's sampled frames in the order a reviewer takes them (core orderReviewQueue:
 * machine-made and untouched, machine-flagged, QA findings, the rest), each with the verdict that
 * counts for it, and the acceptance rule's figures now.
 */
export async function reviewQueue(store: Database, task: TaskRow): Promise<ReviewQueueJson> {
  const { frames, boxes } = await sampledBoxes(store.db, task);
  const qa = await runSequenceQa(store, task.sequence_id);
  const verdicts = await listVerdicts(store.db, task.id);
  const revisionOf = new Map(boxes.map((b) => [b.cuboid.id, b.revision]));
  const items = orderReviewQueue(
    boxes.map((b) => b.cuboid),
    qa?.findings ?? [],
    new Set(frames),
  ).map((item) => {
    const v = effectiveVerdict({ id: item.cuboidId, trackId: item.trackId }, verdicts);
    return {
      ...item,
      verdict: v
        ? { id: v.id, verdict: v.verdict, reasonCode: v.reasonCode, note: v.note, revision: v.revision }
        : null,
      changedSinceVerdict: v !== null && (revisionOf.get(item.cuboidId) ?? 0) > v.revision,
    };
  });
  return {
    taskId: task.id,
    revision: await headRevision(store.db, task.sequence_id),
    sampledFrames: frames,
    items,
    acceptance: evaluateAcceptance(
      boxes.map((b) => b.cuboid),
      verdicts,
      task.max_rejected_percent,
    ),
  };
}
