/**
 * The review API's request bodies and reply shapes, as zod schemas (the server validates requests
 * with them, the OpenAPI document is generated from them, the route tests parse every reply with
 * them) and the types the client imports. Routes are listed in server/README.md.
 */
import { z } from "zod";
import { type BoxVerdict, boxVerdictSchema } from "../review/BoxVerdict";
import {
  type BoxChange,
  boxChangeSchema,
  type DiffSummary,
  diffSummarySchema,
} from "../review/diffSnapshots";
import { type ErrorType, errorTypeListSchema } from "../review/ErrorType";
import { type AcceptanceEvaluation, acceptanceEvaluationSchema } from "../review/evaluateAcceptance";
import { type QueueItem, queueItemSchema } from "../review/orderReviewQueue";
import { type ReviewIssue, reviewIssueSchema } from "../review/ReviewIssue";
import { taskActionSchema, taskStateSchema } from "../review/TaskState";

export type { AcceptanceEvaluation, BoxChange, BoxVerdict, DiffSummary, ErrorType, QueueItem, ReviewIssue };

/** A task as every task route returns it. */
export const taskJsonSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  sequenceId: z.string(),
  name: z.string(),
  /** Inclusive frame range; both null = the whole sequence. */
  frameStart: z.number().int().nullable(),
  frameEnd: z.number().int().nullable(),
  labelerId: z.string().nullable(),
  reviewerId: z.string().nullable(),
  state: taskStateSchema,
  /** Share of the task's frames a review looks at, 1–100 (evenly spread). */
  samplePercent: z.number(),
  /** Accepting is refused when more than this share of the sampled boxes is rejected, 0–100. */
  maxRejectedPercent: z.number(),
  createdAt: z.string(),
});
export type TaskJson = z.infer<typeof taskJsonSchema>;

/** GET /api/tasks/:taskId: the task, who is who, and what the caller may do now. */
export const taskDetailSchema = taskJsonSchema.extend({
  sequenceName: z.string(),
  labelerName: z.string().nullable(),
  reviewerName: z.string().nullable(),
  /** Actions the caller may take in this state (canTransition). */
  actions: z.array(taskActionSchema),
});
export type TaskDetailJson = z.infer<typeof taskDetailSchema>;

/** POST /api/tasks/:taskId/transitions */
export const transitionInputSchema = z.object({
  action: taskActionSchema,
  note: z.string().trim().min(1).max(2000).optional(),
});
export type TransitionInput = z.infer<typeof transitionInputSchema>;

/** One move of a task: who, when, from where to where. */
export const taskTransitionSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  /** Null never today; kept nullable for a creation entry. */
  from: taskStateSchema.nullable(),
  to: taskStateSchema,
  /** The action taken, or "set" when a lead set the state directly (PATCH /tasks/:taskId). */
  action: z.union([taskActionSchema, z.literal("set")]),
  actorId: z.string().nullable(),
  actorName: z.string(),
  /** The sequence's revision at that moment: the "submitted version" of every box. */
  revision: z.number().int(),
  note: z.string().nullable(),
  at: z.string(),
});
export type TaskTransitionJson = z.infer<typeof taskTransitionSchema>;

/** GET /api/tasks/:taskId/history */
export const taskHistorySchema = z.object({ transitions: z.array(taskTransitionSchema) });
export type TaskHistoryJson = z.infer<typeof taskHistorySchema>;

/** 200 reply of POST /api/tasks/:taskId/transitions; `acceptance` on "accept". */
export const transitionReplySchema = z.object({
  task: taskJsonSchema,
  transition: taskTransitionSchema,
  acceptance: acceptanceEvaluationSchema.optional(),
});
export type TransitionReplyJson = z.infer<typeof transitionReplySchema>;

/** 409 reply when "accept" breaks the acceptance rule. */
export const acceptanceRefusedSchema = z.object({
  error: z.literal("acceptance-rule"),
  message: z.string(),
  acceptance: acceptanceEvaluationSchema,
});
export type AcceptanceRefusedJson = z.infer<typeof acceptanceRefusedSchema>;

/** PATCH /api/tasks/:taskId review settings (with the other task fields). */
export const reviewSettingsSchema = z.object({
  samplePercent: z.number().min(1).max(100).optional(),
  maxRejectedPercent: z.number().min(0).max(100).optional(),
});

/** GET and PUT /api/projects/:id/error-types (the PUT body too). */
export const errorTypesSchema = z.object({ errorTypes: errorTypeListSchema });
export type ErrorTypesJson = z.infer<typeof errorTypesSchema>;

/** GET /api/tasks/:taskId/verdicts */
export const verdictListSchema = z.object({ verdicts: z.array(boxVerdictSchema) });
export type VerdictListJson = z.infer<typeof verdictListSchema>;

/** GET /api/tasks/:taskId/issues and GET /api/sequences/:id/issues */
export const issueListSchema = z.object({ issues: z.array(reviewIssueSchema) });
export type IssueListJson = z.infer<typeof issueListSchema>;

/** GET /api/tasks/:taskId/review-queue */
export const reviewQueueSchema = z.object({
  taskId: z.string(),
  revision: z.number().int(),
  /** Frames in the sample (all of the task's frames at 100 %). */
  sampledFrames: z.array(z.number().int()),
  items: z.array(
    queueItemSchema.extend({
      /** The newest verdict that counts for the box (its own or its track's), if any. */
      verdict: boxVerdictSchema
        .pick({ id: true, verdict: true, reasonCode: true, note: true, revision: true })
        .nullable(),
      /** The box changed after its verdict (re-edited since it was judged). */
      changedSinceVerdict: z.boolean(),
    }),
  ),
  acceptance: acceptanceEvaluationSchema,
});
export type ReviewQueueJson = z.infer<typeof reviewQueueSchema>;

/** GET /api/tasks/:taskId/review-diff[?from=&to=] */
export const reviewDiffSchema = z.object({
  taskId: z.string(),
  /** The earlier revision: ?from, or the revision at the task's last "submit". */
  fromRevision: z.number().int(),
  /** The later revision: ?to, or the newest. */
  toRevision: z.number().int(),
  boxes: z.array(boxChangeSchema),
  /** Over all boxes of the task's frames. */
  summary: diffSummarySchema,
  /** Keyed by the username who made the earlier version. */
  byAnnotator: z.record(z.string(), diffSummarySchema),
});
export type ReviewDiffJson = z.infer<typeof reviewDiffSchema>;

/** GET /api/projects/:id/review-stats: review results per labeler over the project's tasks. */
export const reviewStatsSchema = z.object({
  projectId: z.string(),
  annotators: z.array(
    z.object({
      /** The tasks' labeler (null: tasks without one). */
      userId: z.string().nullable(),
      name: z.string().nullable(),
      tasks: z.number().int(),
      tasksByState: z.record(z.string(), z.number().int()),
      /** Verdicts that count now (the newest per box or track in each task). */
      accepted: z.number().int(),
      rejected: z.number().int(),
      rejectedByReason: z.record(z.string(), z.number().int()),
      /** Transitions to "rejected" of their tasks (review rounds sent back). */
      taskRejections: z.number().int(),
    }),
  ),
});
export type ReviewStatsJson = z.infer<typeof reviewStatsSchema>;
