import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import {
  errorTypesSchema,
  issueListSchema,
  reviewDiffSchema,
  reviewQueueSchema,
  reviewStatsSchema,
  type TaskDetailJson,
  taskDetailSchema,
  taskHistorySchema,
  transitionInputSchema,
  transitionReplySchema,
  verdictListSchema,
} from "../../core/api/review";
import { boxVerdictSchema, verdictInputSchema } from "../../core/review/BoxVerdict";
import {
  canChangeIssue,
  type IssueAnchor,
  issueInputSchema,
  issueReplyInputSchema,
  issueStatusInputSchema,
  reviewIssueSchema,
} from "../../core/review/ReviewIssue";
import { availableActions } from "../../core/review/TaskState";
import { taskJson } from "../accounts/tasks";
import { audit } from "../audit/writeAudit";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import { type AuthEnv, MANAGER_ROLES, REVIEW_ROLES, ROLES } from "../auth/Principal";
import type { ProjectRole } from "../db/Schema";
import { errorReply, jsonBody, jsonContent, openApiRoutes } from "../http/openApiRoutes";
import { intQuery, notFound } from "../http/validate";
import { RevisionNotFoundError } from "../store/readAnnotations";
import { listIssues, readIssue } from "./issues";
import { projectErrorTypes, reasonCodeProblem } from "./projectErrorTypes";
import { readTaskHistory } from "./recordTransition";
import { reviewDiff } from "./reviewDiff";
import { reviewQueue } from "./reviewQueue";
import { reviewStats } from "./reviewStats";
import { actorOf, headRevision, loadTask, taskFrameRange } from "./taskContext";
import { submissionQaProblem } from "./submissionQaProblem";
import { transitionTask } from "./transitionTask";
import { listVerdicts, verdictJson } from "./verdicts";
import { signedIn } from "../auth/signedIn";
import { addIssueReply } from "./addIssueReply";
import { notReviewerReply, outsideTaskFrames, readBoxPlace, trackExists } from "./reviewTargets";
import { must } from "../../core/model/must";

const isManager = (role: ProjectRole) => role === "admin" || role === "lead";

const taskParam = z.object({ taskId: z.string() });
const issueParam = z.object({ taskId: z.string(), issueId: z.string() });
const projectParam = z.object({ id: z.string() });
const refused = errorReply("not-assignee: the caller is not the task's reviewer nor a lead");
const wrongState = errorReply("The task or issue is not in a state that allows this");
const missing = errorReply("No such task, box, track or issue");

/**
 * The review workflow's routes (issue #12): task moves and history, box verdicts, issues pinned
 * in 3D with replies, the review queue, the review diff and the project's error types. Rules
 * live in core/review; these routes load, check and store.
 */
export function createReviewRoutes(deps: AppDeps, guards: Guards) {
  const { db } = deps.store;
  const anyMember = guards.requireTaskRole(ROLES);
  const reviewers = guards.requireTaskRole(REVIEW_ROLES);
  const taskOf = async (id: string) => must(await loadTask(db, id), `task ${id}`);
  const issueOf = async (taskId: string, issueId: string) =>
    must(await readIssue(db, taskId, issueId), `issue ${issueId} of task ${taskId}`);

  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "get",
        path: "/tasks/{taskId}",
        middleware: [anyMember] as const,
        request: { params: taskParam },
        responses: { 200: jsonContent(taskDetailSchema, "The task, with names and the caller's moves") },
      }),
      async (c) => {
        const task = await taskOf(c.req.param("taskId"));
        const names = await db
          .selectFrom("sequences as s")
          .leftJoin("users as l", (j) => j.on("l.id", "=", task.labeler_id))
          .leftJoin("users as r", (j) => j.on("r.id", "=", task.reviewer_id))
          .select([
            "s.name as sequenceName",
            "l.display_name as labelerName",
            "r.display_name as reviewerName",
          ])
          .where("s.id", "=", task.sequence_id)
          .executeTakeFirstOrThrow();
        const detail: TaskDetailJson = {
          ...taskJson(task),
          sequenceName: names.sequenceName,
          labelerName: names.labelerName,
          reviewerName: names.reviewerName,
          actions: availableActions(task.state, actorOf(task, signedIn(c), c.get("role"))),
        };
        return c.json(detail, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/tasks/{taskId}/history",
        middleware: [anyMember] as const,
        request: { params: taskParam },
        responses: { 200: jsonContent(taskHistorySchema, "The task's moves, oldest first") },
      }),
      async (c) => c.json({ transitions: await readTaskHistory(db, c.req.param("taskId")) }, 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/tasks/{taskId}/transitions",
        middleware: [anyMember] as const,
        request: { params: taskParam, ...jsonBody(transitionInputSchema) },
        responses: {
          200: jsonContent(transitionReplySchema, "Moved; `acceptance` on accept"),
          403: refused,
          404: missing,
          409: errorReply(
            "Not allowed from the task's state; acceptance-rule (with `acceptance`); qa-blocking (with the findings)",
          ),
        },
      }),
      async (c) => {
        const { action, note } = c.req.valid("json");
        const taskId = c.req.param("taskId");
        // Submission passes the checks the lead made blocking, on the revision it submits.
        let checkedRevision: number | null = null;
        if (action === "submit") {
          const task = await loadTask(db, taskId);
          const qa = task ? await submissionQaProblem(deps, task) : { checkedRevision: null };
          if ("block" in qa) return c.json(qa.block, 409);
          checkedRevision = qa.checkedRevision;
        }
        const result = await transitionTask(
          deps.store,
          taskId,
          action,
          signedIn(c),
          c.get("role"),
          note,
          checkedRevision,
        );
        if (result.status === 200)
          await audit(deps.store, c, "task.moved", `task:${taskId}`, {
            action,
            from: result.body.transition.from,
            to: result.body.transition.to,
          });
        return result.status === 200 ? c.json(result.body, 200) : c.json(result.body, result.status);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/tasks/{taskId}/verdicts",
        middleware: [anyMember] as const,
        request: { params: taskParam },
        responses: { 200: jsonContent(verdictListSchema, "Every verdict, oldest first") },
      }),
      async (c) => c.json({ verdicts: await listVerdicts(db, c.req.param("taskId")) }, 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/tasks/{taskId}/verdicts",
        middleware: [reviewers] as const,
        request: { params: taskParam, ...jsonBody(verdictInputSchema) },
        responses: {
          201: jsonContent(boxVerdictSchema, "Recorded"),
          400: errorReply("A reason code the project lacks, or a box outside the task's frames"),
          403: refused,
          404: missing,
          409: wrongState,
        },
      }),
      async (c) => {
        const body = c.req.valid("json");
        const task = await taskOf(c.req.param("taskId"));
        const p = signedIn(c);
        const notReviewer = notReviewerReply(task, p, c.get("role"), "judge its boxes");
        if (notReviewer) return c.json(notReviewer, 403);
        if (task.state !== "in-review")
          return c.json(
            {
              error: "wrong-state",
              message: `the task is ${task.state}: boxes are judged while it is in review`,
            },
            409,
          );
        const reason = await reasonCodeProblem(db, task.project_id, body.reasonCode);
        if (reason) return c.json({ error: "invalid-request", message: reason }, 400);
        const range = await taskFrameRange(db, task);
        let target: { cuboid_id: string | null; track_id: string; frame_index: number | null };
        if (body.target.kind === "box") {
          const box = await readBoxPlace(db, task.sequence_id, body.target.cuboidId);
          if (!box) return c.json(notFound(`box ${body.target.cuboidId}`), 404);
          const outside = outsideTaskFrames(
            range,
            box.frameIndex,
            `target.cuboidId: box ${body.target.cuboidId} is on frame ${box.frameIndex}, which`,
          );
          if (outside) return c.json({ error: "invalid-request", message: outside }, 400);
          target = { cuboid_id: body.target.cuboidId, track_id: box.trackId, frame_index: box.frameIndex };
        } else {
          if (!(await trackExists(db, task.sequence_id, body.target.trackId)))
            return c.json(notFound(`track ${body.target.trackId}`), 404);
          target = { cuboid_id: null, track_id: body.target.trackId, frame_index: null };
        }
        const row = await db
          .insertInto("box_verdicts")
          .values({
            id: crypto.randomUUID(),
            task_id: task.id,
            target_kind: body.target.kind,
            ...target,
            verdict: body.verdict,
            reason_code:
              body.verdict === "rejected" ? must(body.reasonCode, "the rejection's reasonCode") : null,
            note: body.note ?? null,
            reviewer_id: p.userId,
            reviewer_name: p.displayName,
            revision: await headRevision(db, task.sequence_id),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return c.json(verdictJson(row), 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/tasks/{taskId}/issues",
        middleware: [anyMember] as const,
        request: { params: taskParam },
        responses: { 200: jsonContent(issueListSchema, "Issues with threads") },
      }),
      async (c) => c.json({ issues: await listIssues(db, { taskId: c.req.param("taskId") }) }, 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/tasks/{taskId}/issues",
        middleware: [reviewers] as const,
        request: { params: taskParam, ...jsonBody(issueInputSchema) },
        responses: {
          201: jsonContent(reviewIssueSchema, "Pinned"),
          400: errorReply("A reason code the project lacks, or an anchor outside the task's frames"),
          403: refused,
          404: missing,
        },
      }),
      async (c) => {
        const body = c.req.valid("json");
        const task = await taskOf(c.req.param("taskId"));
        const p = signedIn(c);
        const notReviewer = notReviewerReply(task, p, c.get("role"), "pin issues");
        if (notReviewer) return c.json(notReviewer, 403);
        const reason = await reasonCodeProblem(db, task.project_id, body.reasonCode);
        if (reason) return c.json({ error: "invalid-request", message: reason }, 400);
        const a: IssueAnchor = body.anchor;
        let frameIndex: number;
        let trackId: string | null = null;
        if (a.kind === "box") {
          const box = await readBoxPlace(db, task.sequence_id, a.cuboidId);
          if (!box) return c.json(notFound(`box ${a.cuboidId}`), 404);
          frameIndex = box.frameIndex;
          trackId = box.trackId;
        } else {
          if (a.kind === "track" && !(await trackExists(db, task.sequence_id, a.trackId)))
            return c.json(notFound(`track ${a.trackId}`), 404);
          frameIndex = a.frameIndex;
          trackId = a.kind === "track" ? a.trackId : null;
        }
        const outside = outsideTaskFrames(
          await taskFrameRange(db, task),
          frameIndex,
          `anchor: frame ${frameIndex}`,
        );
        if (outside) return c.json({ error: "invalid-request", message: outside }, 400);
        const id = crypto.randomUUID();
        await db
          .insertInto("review_issues")
          .values({
            id,
            task_id: task.id,
            sequence_id: task.sequence_id,
            anchor: JSON.stringify(a),
            frame_index: frameIndex,
            track_id: trackId,
            status: "open",
            reason_code: body.reasonCode ?? null,
            body: body.body,
            author_id: p.userId,
            author_name: p.displayName,
          })
          .execute();
        return c.json(await issueOf(task.id, id), 201);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/tasks/{taskId}/issues/{issueId}/replies",
        middleware: [anyMember] as const,
        request: { params: issueParam, ...jsonBody(issueReplyInputSchema) },
        responses: {
          201: jsonContent(reviewIssueSchema, "The issue with the reply"),
          403: refused,
          404: missing,
        },
      }),
      async (c) => {
        const task = await taskOf(c.req.param("taskId"));
        const issueId = c.req.param("issueId");
        const p = signedIn(c);
        const actor = actorOf(task, p, c.get("role"));
        if (!isManager(actor.role) && !((actor.isLabeler || actor.isReviewer) && actor.role !== "viewer"))
          return c.json(
            {
              error: "not-assignee",
              message: "only the task's labeler, reviewer or a project lead may reply",
            },
            403,
          );
        if (!(await readIssue(db, task.id, issueId)))
          return c.json(notFound(`issue ${issueId} of task ${task.id}`), 404);
        await addIssueReply(db, issueId, p, { body: c.req.valid("json").body, action: null });
        return c.json(await issueOf(task.id, issueId), 201);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/tasks/{taskId}/issues/{issueId}/status",
        middleware: [anyMember] as const,
        request: { params: issueParam, ...jsonBody(issueStatusInputSchema) },
        responses: {
          200: jsonContent(reviewIssueSchema, "The issue in its new status"),
          403: refused,
          404: missing,
          409: wrongState,
        },
      }),
      async (c) => {
        const { action, note } = c.req.valid("json");
        const task = await taskOf(c.req.param("taskId"));
        const issueId = c.req.param("issueId");
        const p = signedIn(c);
        const issue = await readIssue(db, task.id, issueId);
        if (!issue) return c.json(notFound(`issue ${issueId} of task ${task.id}`), 404);
        const verdict = canChangeIssue(issue.status, action, actorOf(task, p, c.get("role")));
        if (!verdict.ok)
          return c.json(
            { error: verdict.code, message: verdict.message },
            verdict.code === "not-assignee" ? 403 : 409,
          );
        await addIssueReply(db, issueId, p, { body: note ?? "", action, status: verdict.to });
        return c.json(await issueOf(task.id, issueId), 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/sequences/{id}/issues",
        middleware: [guards.requireSequenceRole(ROLES)] as const,
        request: { params: projectParam },
        responses: { 200: jsonContent(issueListSchema, "Issues with threads, of every task") },
      }),
      async (c) => c.json({ issues: await listIssues(db, { sequenceId: c.req.param("id") }) }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/tasks/{taskId}/review-queue",
        middleware: [anyMember] as const,
        request: { params: taskParam },
        responses: { 200: jsonContent(reviewQueueSchema, "The boxes to judge, with their verdicts") },
      }),
      async (c) => c.json(await reviewQueue(deps, await taskOf(c.req.param("taskId"))), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/tasks/{taskId}/review-diff",
        middleware: [anyMember] as const,
        request: {
          params: taskParam,
          query: z.object({
            from: intQuery().optional().describe("The earlier revision (default: the last submission)"),
            to: intQuery().optional().describe("The later revision (default: the newest)"),
          }),
        },
        responses: {
          200: jsonContent(reviewDiffSchema, "Per box: added, removed, changed"),
          404: errorReply("No such revision"),
          409: errorReply("The task was never submitted and no `from` was given"),
        },
      }),
      async (c) => {
        const { from, to } = c.req.valid("query");
        try {
          const diff = await reviewDiff(deps.store, await taskOf(c.req.param("taskId")), from, to);
          return "error" in diff ? c.json(diff, 409) : c.json(diff, 200);
        } catch (e) {
          if (e instanceof RevisionNotFoundError)
            return c.json({ error: "not-found", message: e.message }, 404);
          throw e;
        }
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/projects/{id}/review-stats",
        middleware: [guards.requireProjectRole(MANAGER_ROLES)] as const,
        request: { params: projectParam },
        responses: { 200: jsonContent(reviewStatsSchema, "Per labeler") },
      }),
      async (c) => c.json(await reviewStats(db, c.req.param("id")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/projects/{id}/error-types",
        middleware: [guards.requireProjectRole(ROLES)] as const,
        request: { params: projectParam },
        responses: { 200: jsonContent(errorTypesSchema, "The project's error types") },
      }),
      async (c) => c.json({ errorTypes: await projectErrorTypes(db, c.req.param("id")) }, 200),
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/projects/{id}/error-types",
        middleware: [guards.requireProjectRole(MANAGER_ROLES)] as const,
        request: { params: projectParam, ...jsonBody(errorTypesSchema) },
        responses: { 200: jsonContent(errorTypesSchema, "Saved") },
      }),
      async (c) => {
        const { errorTypes } = c.req.valid("json");
        await db
          .updateTable("projects")
          .set({ error_types: JSON.stringify(errorTypes) })
          .where("id", "=", c.req.param("id"))
          .execute();
        await audit(deps.store, c, "project.updated", `project:${c.req.param("id")}`, {
          errorTypes: errorTypes.map((e) => e.code),
        });
        return c.json({ errorTypes }, 200);
      },
    );
}
