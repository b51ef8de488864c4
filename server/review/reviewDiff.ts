import type { ReviewDiffJson } from "../../core/api/review";
import { diffSnapshots, summariseByAuthor, summariseChanges } from "../../core/review/diffSnapshots";
import type { TaskRow } from "../accounts/tasks";
import type { Database } from "../db/openDatabase";
import { readAnnotations } from "../store/readAnnotations";
import { taskFrameRange } from "./taskContext";

/**
 * What changed in a task's frames between two revisions, from the operation log: by default the
 * version submitted last (the revision at the newest "submit") against now. Null `fromRevision`
 * when no revision is given and the task was never submitted.
 */
export async function reviewDiff(
  store: Database,
  task: TaskRow,
  from: number | undefined,
  to: number | undefined,
): Promise<ReviewDiffJson | { error: "not-submitted"; message: string }> {
  let fromRevision = from;
  if (fromRevision === undefined) {
    const submitted = await store.db
      .selectFrom("task_transitions")
      .select("revision")
      .where("task_id", "=", task.id)
      .where("to_state", "=", "submitted")
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (!submitted)
      return {
        error: "not-submitted",
        message: `task ${task.id} was never submitted: give ?from= a revision to compare`,
      };
    fromRevision = submitted.revision;
  }
  const before = await readAnnotations(store, task.sequence_id, fromRevision);
  const after = await readAnnotations(store, task.sequence_id, to);
  const range = await taskFrameRange(store.db, task);
  if (!before || !after) throw new Error(`sequence ${task.sequence_id} has no annotations record`);
  const boxes = diffSnapshots(before.cuboids, after.cuboids, (f) => f >= range.start && f <= range.end);
  return {
    taskId: task.id,
    fromRevision,
    toRevision: after.revision,
    boxes,
    summary: summariseChanges(boxes),
    byAnnotator: summariseByAuthor(boxes),
  };
}
