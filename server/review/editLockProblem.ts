import type { AnnotationBatch } from "../../core/api/annotationBatch";
import { labelerMayEdit, reviewerMayEdit } from "../../core/review/TaskState";
import type { Principal } from "../auth/Principal";
import type { ProjectRole } from "../db/Schema";
import type { EditScope } from "../store/readEditScope";

/**
 * The frames a batch touches: where each cuboid is put and where it was, and every frame of a
 * track the batch changes or deletes (a track's class and attributes are its boxes').
 */
export function framesTouched(batch: AnnotationBatch, scope: EditScope): Set<number> {
  const frames = new Set<number>();
  for (const op of batch.operations) if (op.op === "putCuboid") frames.add(op.cuboid.frameIndex);
  for (const b of [...scope.boxesById, ...scope.boxesOfTracks]) frames.add(b.frameIndex);
  return frames;
}

/**
 * Why the review workflow refuses this batch now (409 task-locked), or null. Leads and admins
 * edit at any time. An annotator may not touch frames of a task that is submitted, in review or
 * accepted, until it comes back (rejected, rework). A reviewer corrects boxes only in frames of a
 * task they review that is in review. `scope` must be read inside the batch's transaction, after
 * its lock (null only for admins and leads, who need none).
 */
export function editLockProblem(
  principal: Principal,
  role: ProjectRole,
  batch: AnnotationBatch,
  scope: EditScope | null,
): { error: "task-locked"; message: string } | null {
  if (role === "admin" || role === "lead") return null;
  if (!scope) throw new Error(`the edit lock of a ${role} needs the edit scope read`);
  const frames = framesTouched(batch, scope);
  if (frames.size === 0) return null;
  const tasks = scope.tasks;
  const covers = (t: (typeof tasks)[number], f: number) =>
    t.frameStart === null || (f >= t.frameStart && f <= (t.frameEnd ?? t.frameStart));
  for (const f of [...frames].sort((a, b) => a - b)) {
    if (role === "reviewer") {
      const mine = tasks.filter((t) => t.reviewerId === principal.userId && covers(t, f));
      const [first] = mine;
      if (first && !mine.some((t) => reviewerMayEdit(t.state)))
        return {
          error: "task-locked",
          message: `frame ${f}: task "${first.name}" is ${first.state}; a reviewer corrects boxes only while the task is in review`,
        };
    } else {
      const locked = tasks.find((t) => covers(t, f) && !labelerMayEdit(t.state));
      if (locked)
        return {
          error: "task-locked",
          message: `frame ${f}: task "${locked.name}" is ${locked.state}; edits wait until it comes back from review (rejected or rework)`,
        };
    }
  }
  return null;
}
