import { z } from "zod";

/**
 * A task's place in the review workflow:
 * to do → labeling → submitted → in review → accepted, or in review → rejected → rework →
 * submitted again. The labeler owns the labeling side, the reviewer the review side; a project
 * lead or admin may make any move.
 */
export const TASK_STATES = [
  "todo",
  "labeling",
  "submitted",
  "in-review",
  "accepted",
  "rejected",
  "rework",
] as const;
export const taskStateSchema = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof taskStateSchema>;

export const TASK_ACTIONS = [
  "start",
  "submit",
  "withdraw",
  "start-review",
  "accept",
  "reject",
  "start-rework",
  "reopen",
] as const;
export const taskActionSchema = z.enum(TASK_ACTIONS);
export type TaskAction = z.infer<typeof taskActionSchema>;

/** Whose move an action is: the labeler's, the reviewer's, or only a lead's. */
export type TaskSide = "labeling" | "review" | "lead";

/** Every allowed move: from which states, to which state, and whose side it is. */
export const TASK_TRANSITIONS: Record<
  TaskAction,
  { from: readonly TaskState[]; to: TaskState; side: TaskSide }
> = {
  start: { from: ["todo"], to: "labeling", side: "labeling" },
  submit: { from: ["todo", "labeling", "rework"], to: "submitted", side: "labeling" },
  /** Take a submission back before the reviewer has opened it. */
  withdraw: { from: ["submitted"], to: "labeling", side: "labeling" },
  "start-review": { from: ["submitted"], to: "in-review", side: "review" },
  accept: { from: ["in-review"], to: "accepted", side: "review" },
  reject: { from: ["in-review"], to: "rejected", side: "review" },
  "start-rework": { from: ["rejected"], to: "rework", side: "labeling" },
  /** An accepted task goes back to review (a late finding); leads only. */
  reopen: { from: ["accepted"], to: "in-review", side: "lead" },
};

/** Who is asking, relative to one task. */
export interface TaskActor {
  /** The caller's role in the task's project. */
  role: "admin" | "lead" | "annotator" | "reviewer" | "viewer";
  isLabeler: boolean;
  isReviewer: boolean;
}

export type TransitionVerdict =
  | { ok: true; to: TaskState }
  | { ok: false; code: "wrong-state" | "not-assignee"; message: string };

const isManager = (a: TaskActor) => a.role === "admin" || a.role === "lead";

/** Whether `actor` may apply `action` to a task in `state`, and where it leads. Pure; the server enforces it. */
export function canTransition(state: TaskState, action: TaskAction, actor: TaskActor): TransitionVerdict {
  const rule = TASK_TRANSITIONS[action];
  if (!rule.from.includes(state))
    return {
      ok: false,
      code: "wrong-state",
      message: `${action}: a task that is ${state} cannot be moved that way (allowed from ${rule.from.join(", ")})`,
    };
  const allowed =
    isManager(actor) ||
    (actor.role !== "viewer" &&
      ((rule.side === "labeling" && actor.isLabeler) || (rule.side === "review" && actor.isReviewer)));
  if (!allowed)
    return {
      ok: false,
      code: "not-assignee",
      message:
        rule.side === "lead"
          ? `${action}: only a project lead or admin may do this`
          : `${action}: only the task's ${rule.side === "labeling" ? "labeler" : "reviewer"} or a project lead may do this`,
    };
  return { ok: true, to: rule.to };
}

/** The actions `actor` may take now (for buttons and keys). */
export function availableActions(state: TaskState, actor: TaskActor): TaskAction[] {
  return TASK_ACTIONS.filter((a) => canTransition(state, a, actor).ok);
}

/** States in which the labeler may edit the task's boxes: not while it is with the reviewer or done. */
export const LABELER_EDIT_STATES: readonly TaskState[] = ["todo", "labeling", "rejected", "rework"];
/** States in which the reviewer may correct boxes themselves. */
export const REVIEWER_EDIT_STATES: readonly TaskState[] = ["in-review"];

/** Whether a labeler's (annotator's) edit may touch frames of a task in `state`. */
export const labelerMayEdit = (state: TaskState): boolean => LABELER_EDIT_STATES.includes(state);
/** Whether a reviewer's edit may touch frames of a task in `state`. */
export const reviewerMayEdit = (state: TaskState): boolean => REVIEWER_EDIT_STATES.includes(state);

/** The workflow state of a task stored before the workflow existed ("labeling", "review", "done"). */
export function taskStateFromLegacy(stored: string): TaskState {
  if (stored === "review") return "in-review";
  if (stored === "done") return "accepted";
  return taskStateSchema.safeParse(stored).success ? (stored as TaskState) : "labeling";
}
