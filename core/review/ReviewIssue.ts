import { z } from "zod";
import { vec3Schema } from "../model/geometrySchemas";

/** Where an issue is pinned: a box, a track (at a frame), or a point in the sequence's lidar frame at a frame. */
export const issueAnchorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("box"), cuboidId: z.string().min(1).max(200) }),
  z.object({
    kind: z.literal("track"),
    trackId: z.string().min(1).max(200),
    frameIndex: z.number().int().nonnegative(),
  }),
  z.object({ kind: z.literal("point"), pointM: vec3Schema, frameIndex: z.number().int().nonnegative() }),
]);
export type IssueAnchor = z.infer<typeof issueAnchorSchema>;

export const ISSUE_STATUSES = ["open", "resolved", "verified", "reopened"] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export const ISSUE_ACTIONS = ["resolve", "verify", "reopen"] as const;
export type IssueAction = (typeof ISSUE_ACTIONS)[number];

/**
 * open → resolved (the labeler fixed it) → verified (the reviewer agrees) or reopened (not fixed)
 * → resolved again. A verified issue may be reopened too (a late finding).
 */
export const ISSUE_TRANSITIONS: Record<
  IssueAction,
  { from: readonly IssueStatus[]; to: IssueStatus; side: "labeling" | "review" }
> = {
  resolve: { from: ["open", "reopened"], to: "resolved", side: "labeling" },
  verify: { from: ["resolved"], to: "verified", side: "review" },
  reopen: { from: ["resolved", "verified"], to: "reopened", side: "review" },
};

/** Whether a caller may move an issue; leads and admins may make any move. */
export function canChangeIssue(
  status: IssueStatus,
  action: IssueAction,
  actor: { role: string; isLabeler: boolean; isReviewer: boolean },
): { ok: true; to: IssueStatus } | { ok: false; code: "wrong-state" | "not-assignee"; message: string } {
  const rule = ISSUE_TRANSITIONS[action];
  if (!rule.from.includes(status))
    return { ok: false, code: "wrong-state", message: `${action}: the issue is ${status}` };
  const manager = actor.role === "admin" || actor.role === "lead";
  const mine = rule.side === "labeling" ? actor.isLabeler : actor.isReviewer;
  if (!manager && !(mine && actor.role !== "viewer"))
    return {
      ok: false,
      code: "not-assignee",
      message: `${action}: only the task's ${rule.side === "labeling" ? "labeler" : "reviewer"} or a project lead may do this`,
    };
  return { ok: true, to: rule.to };
}

/** POST /api/tasks/:taskId/issues */
export const issueInputSchema = z.object({
  anchor: issueAnchorSchema,
  body: z.string().trim().min(1).max(4000),
  /** One of the project's error types, when the issue is a kind of error. */
  reasonCode: z.string().min(1).max(64).optional(),
});
export type IssueInput = z.infer<typeof issueInputSchema>;

/** POST /api/tasks/:taskId/issues/:issueId/replies */
export const issueReplyInputSchema = z.object({ body: z.string().trim().min(1).max(4000) });
/** POST /api/tasks/:taskId/issues/:issueId/status */
export const issueStatusInputSchema = z.object({
  action: z.enum(ISSUE_ACTIONS),
  note: z.string().trim().min(1).max(4000).optional(),
});

export const issueReplySchema = z.object({
  id: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string(),
  body: z.string(),
  /** A status change this reply records (resolve/verify/reopen), or null for a plain comment. */
  action: z.enum(ISSUE_ACTIONS).nullable(),
  createdAt: z.string(),
});
export type IssueReply = z.infer<typeof issueReplySchema>;

export const reviewIssueSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  sequenceId: z.string(),
  anchor: issueAnchorSchema,
  /** The frame it is pinned at (a box anchor: the box's frame when pinned). */
  frameIndex: z.number().int(),
  trackId: z.string().nullable(),
  status: z.enum(ISSUE_STATUSES),
  reasonCode: z.string().nullable(),
  body: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  replies: z.array(issueReplySchema),
});
export type ReviewIssue = z.infer<typeof reviewIssueSchema>;
