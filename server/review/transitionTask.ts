import type { AcceptanceRefusedJson, TransitionReplyJson } from "../../core/api/review";
import { canTransition, type TaskAction } from "../../core/review/TaskState";
import { taskJson } from "../accounts/tasks";
import type { Principal } from "../auth/Principal";
import type { Database } from "../db/openDatabase";
import type { ProjectRole } from "../db/Schema";
import type { ApiError } from "../http/validate";
import { acceptanceOf } from "./acceptanceOf";
import { recordTransition } from "./recordTransition";
import { actorOf } from "./taskContext";

export type TransitionResult =
  | { status: 200; body: TransitionReplyJson }
  | { status: 403 | 404 | 409; body: ApiError | AcceptanceRefusedJson };

/**
 * Applies a workflow action to a task (core/review/TaskState.ts decides who may do what from
 * where). The sequence row is locked first, as batches lock it, so a submit and an edit of the same
 * sequence are serialised: the submitted revision is exactly what the reviewer gets. "accept"
 * is refused (409 acceptance-rule) when too many sampled boxes are rejected.
 */
export async function transitionTask(
  store: Database,
  taskId: string,
  action: TaskAction,
  principal: Principal,
  role: ProjectRole,
  note?: string,
): Promise<TransitionResult> {
  return store.db.transaction().execute(async (tx): Promise<TransitionResult> => {
    const found = await tx
      .selectFrom("tasks")
      .select("sequence_id")
      .where("id", "=", taskId)
      .executeTakeFirst();
    if (!found)
      return { status: 404, body: { error: "not-found", message: `task ${taskId} does not exist` } };
    const seq = await tx
      .selectFrom("sequences")
      .select("head_revision")
      .where("id", "=", found.sequence_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const task = await tx
      .selectFrom("tasks")
      .selectAll()
      .where("id", "=", taskId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const verdict = canTransition(task.state, action, actorOf(task, principal, role));
    if (!verdict.ok)
      return {
        status: verdict.code === "not-assignee" ? 403 : 409,
        body: { error: verdict.code, message: verdict.message },
      };
    const acceptance = action === "accept" ? await acceptanceOf(tx, task) : undefined;
    if (acceptance && !acceptance.pass)
      return {
        status: 409,
        body: {
          error: "acceptance-rule",
          message: `accept: ${acceptance.rejected} of ${acceptance.sampledBoxes} sampled boxes are rejected (${acceptance.rejectedPercent.toFixed(1)} %), more than the task allows (${acceptance.maxRejectedPercent} %); reject the task or judge the boxes again`,
          acceptance,
        },
      };
    const transition = await recordTransition(tx, {
      taskId,
      from: task.state,
      to: verdict.to,
      action,
      principal,
      revision: seq.head_revision,
      note,
    });
    return {
      status: 200,
      body: {
        task: taskJson({ ...task, state: verdict.to }),
        transition,
        ...(acceptance ? { acceptance } : {}),
      },
    };
  });
}
