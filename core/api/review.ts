/**
 * The review API's request bodies (zod, validated by the server) and the JSON shapes of its
 * replies (types the client imports). Routes are listed in server/README.md.
 */
import { z } from "zod";
import type { BoxVerdict } from "../review/BoxVerdict";
import type { BoxChange, DiffSummary } from "../review/diffSnapshots";
import type { AcceptanceEvaluation } from "../review/evaluateAcceptance";
import type { ErrorType } from "../review/ErrorType";
import type { QueueItem } from "../review/orderReviewQueue";
import type { ReviewIssue } from "../review/ReviewIssue";
import { taskActionSchema, type TaskAction, type TaskState } from "../review/TaskState";

export type { BoxVerdict, BoxChange, DiffSummary, AcceptanceEvaluation, ErrorType, QueueItem, ReviewIssue };

/** A task as every task route returns it. */
export interface TaskJson {
  id: string;
  projectId: string;
  sequenceId: string;
  name: string;
  /** Inclusive frame range; both null = the whole sequence. */
  frameStart: number | null;
  frameEnd: number | null;
  labelerId: string | null;
  reviewerId: string | null;
  state: TaskState;
  /** Share of the task's frames a review looks at, 1–100 (evenly spread). */
  samplePercent: number;
  /** Accepting is refused when more than this share of the sampled boxes is rejected, 0–100. */
  maxRejectedPercent: number;
  createdAt: string;
}

/** GET /api/tasks/:taskId: the task, who is who, and what the caller may do now. */
export interface TaskDetailJson extends TaskJson {
  sequenceName: string;
  labelerName: string | null;
  reviewerName: string | null;
  /** Actions the caller may take in this state (canTransition). */
  actions: TaskAction[];
}

/** POST /api/tasks/:taskId/transitions */
export const transitionInputSchema = z.object({
  action: taskActionSchema,
  note: z.string().trim().min(1).max(2000).optional(),
});
export type TransitionInput = z.infer<typeof transitionInputSchema>;

/** One move of a task: who, when, from where to where. */
export interface TaskTransitionJson {
  id: string;
  taskId: string;
  /** Null for the task's creation. */
  from: TaskState | null;
  to: TaskState;
  /** The action taken, or "set" when a lead set the state directly (PATCH /tasks/:taskId). */
  action: TaskAction | "set";
  actorId: string | null;
  actorName: string;
  /** The sequence's revision at that moment: the "submitted version" of every box. */
  revision: number;
  note: string | null;
  at: string;
}

/** 200 reply of POST /api/tasks/:taskId/transitions. */
export interface TransitionReplyJson {
  task: TaskJson;
  transition: TaskTransitionJson;
  /** The acceptance rule's figures, on "accept". */
  acceptance?: AcceptanceEvaluation;
}

/** 409 reply when "accept" breaks the acceptance rule (error: "acceptance-rule"). */
export interface AcceptanceRefusedJson {
  error: "acceptance-rule";
  message: string;
  acceptance: AcceptanceEvaluation;
}

/** PATCH /api/tasks/:taskId review settings (with the other task fields). */
export const reviewSettingsSchema = z.object({
  samplePercent: z.number().min(1).max(100).optional(),
  maxRejectedPercent: z.number().min(0).max(100).optional(),
});

/** GET /api/projects/:id/error-types and the PUT reply. */
export interface ErrorTypesJson {
  errorTypes: ErrorType[];
}

/** GET /api/tasks/:taskId/verdicts */
export interface VerdictListJson {
  verdicts: BoxVerdict[];
}

/** GET /api/tasks/:taskId/issues and GET /api/sequences/:id/issues */
export interface IssueListJson {
  issues: ReviewIssue[];
}

/** GET /api/tasks/:taskId/review-queue */
export interface ReviewQueueJson {
  taskId: string;
  revision: number;
  /** Frames in the sample (all of the task's frames at 100 %). */
  sampledFrames: number[];
  items: Array<
    QueueItem & {
      /** The newest verdict that counts for the box (its own or its track's), if any. */
      verdict: Pick<BoxVerdict, "id" | "verdict" | "reasonCode" | "note" | "revision"> | null;
      /** The box changed after its verdict (re-edited since it was judged). */
      changedSinceVerdict: boolean;
    }
  >;
  acceptance: AcceptanceEvaluation;
}

/** GET /api/tasks/:taskId/review-diff[?from=&to=] */
export interface ReviewDiffJson {
  taskId: string;
  /** The earlier revision: ?from, or the revision at the task's last "submit". */
  fromRevision: number;
  /** The later revision: ?to, or the newest. */
  toRevision: number;
  boxes: BoxChange[];
  /** Over all boxes of the task's frames. */
  summary: DiffSummary;
  /** Keyed by the username who made the earlier version. */
  byAnnotator: Record<string, DiffSummary>;
}
