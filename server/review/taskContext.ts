import type { TaskActor } from "../../core/review/TaskState";
import type { TaskRow } from "../accounts/tasks";
import type { Principal } from "../auth/Principal";
import type { Database } from "../db/openDatabase";
import type { ProjectRole } from "../db/Schema";

type Db = Database["db"];

export async function loadTask(db: Db, taskId: string): Promise<TaskRow | undefined> {
  return db.selectFrom("tasks").selectAll().where("id", "=", taskId).executeTakeFirst();
}

/** The caller relative to a task: role in its project, and whether they label or review it. */
export function actorOf(task: TaskRow, principal: Principal, role: ProjectRole): TaskActor {
  return {
    role,
    isLabeler: task.labeler_id === principal.userId,
    isReviewer: task.reviewer_id === principal.userId,
  };
}

/** The task's frames as an inclusive range (the whole sequence when it names none). */
export async function taskFrameRange(db: Db, task: TaskRow): Promise<{ start: number; end: number }> {
  if (task.frame_start !== null && task.frame_end !== null)
    return { start: task.frame_start, end: task.frame_end };
  const n = await db
    .selectFrom("frames")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("sequence_id", "=", task.sequence_id)
    .executeTakeFirstOrThrow();
  return { start: 0, end: Number(n.n) - 1 };
}

/** The sequence's newest revision. */
export async function headRevision(db: Db, sequenceId: string): Promise<number> {
  return (
    await db
      .selectFrom("sequences")
      .select("head_revision")
      .where("id", "=", sequenceId)
      .executeTakeFirstOrThrow()
  ).head_revision;
}
