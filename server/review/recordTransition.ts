import type { TaskTransitionJson } from "../../core/api/review";
import type { TaskAction, TaskState } from "../../core/review/TaskState";
import type { Principal } from "../auth/Principal";
import type { Database } from "../db/openDatabase";
import type { TaskTransitionsTable } from "../db/Schema";
import type { Selectable } from "kysely";

export const transitionJson = (
  r: Selectable<TaskTransitionsTable> & { current_name?: string | null },
): TaskTransitionJson => ({
  id: r.id,
  taskId: r.task_id,
  from: r.from_state,
  to: r.to_state,
  action: r.action as TaskAction | "set",
  actorId: r.actor_id,
  actorName: r.current_name ?? r.actor_name,
  revision: r.revision,
  note: r.note,
  at: r.at.toISOString(),
});

/**
 * Moves a task to `to` and records the move, inside the caller's transaction: who, when, and the
 * sequence's revision at that moment (the "submitted version" the review diff starts from).
 */
export async function recordTransition(
  tx: Database["db"],
  move: {
    taskId: string;
    from: TaskState;
    to: TaskState;
    action: TaskAction | "set";
    principal: Principal;
    revision: number;
    note?: string | undefined;
  },
): Promise<TaskTransitionJson> {
  await tx.updateTable("tasks").set({ state: move.to }).where("id", "=", move.taskId).execute();
  const row = await tx
    .insertInto("task_transitions")
    .values({
      id: crypto.randomUUID(),
      task_id: move.taskId,
      from_state: move.from,
      to_state: move.to,
      action: move.action,
      actor_id: move.principal.userId,
      actor_name: move.principal.displayName,
      revision: move.revision,
      note: move.note ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return transitionJson(row);
}

/** A task's moves, oldest first, with the actors' current display names. */
export async function readTaskHistory(db: Database["db"], taskId: string): Promise<TaskTransitionJson[]> {
  const rows = await db
    .selectFrom("task_transitions as t")
    .leftJoin("users as u", "u.id", "t.actor_id")
    .selectAll("t")
    .select("u.display_name as current_name")
    .where("t.task_id", "=", taskId)
    .orderBy("t.at")
    .orderBy("t.id")
    .execute();
  return rows.map(transitionJson);
}
