import type { AnnotationBatch } from "../../core/api/annotationBatch";
import type { Principal } from "../auth/Principal";
import { taskScopeProblem } from "../auth/taskScopeProblem";
import type { Database } from "../db/openDatabase";
import type { ProjectRole } from "../db/Schema";
import { readEditScope } from "../store/readEditScope";
import { editLockProblem } from "./editLockProblem";

/** Why a save is refused: outside the caller's tasks (HTTP 403), or a task's edit lock (HTTP 409). */
export type BatchEditProblem =
  | { error: "forbidden"; message: string }
  | { error: "task-locked"; message: string };

/**
 * The task-scope rule, then the edit-lock rule, on one read of the tasks and the boxes the batch
 * reaches (readEditScope: one round trip; admins and leads need none, roles that may not edit none
 * either). Runs as applyBatch's check, inside the batch's transaction after the sequence's lock, so
 * a task's move (which locks the same row) cannot slip between the read and the write.
 */
export async function batchEditProblem(
  db: Database["db"],
  principal: Principal,
  role: ProjectRole,
  sequenceId: string,
  batch: AnnotationBatch,
): Promise<BatchEditProblem | null> {
  if (role === "admin" || role === "lead") return null;
  const scope =
    role === "annotator" || role === "reviewer" ? await readEditScope(db, sequenceId, batch) : null;
  const outside = taskScopeProblem(principal, role, sequenceId, batch, scope);
  if (outside) return { error: "forbidden", message: outside };
  return editLockProblem(principal, role, batch, scope);
}
