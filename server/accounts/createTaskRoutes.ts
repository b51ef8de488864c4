import { createRoute } from "@hono/zod-openapi";
import { errorReply, jsonBody, jsonContent, openApiRoutes } from "../http/openApiRoutes";
import { myTaskSchema } from "../../core/api/myTasks";
import { z } from "zod";
import { audit } from "../audit/writeAudit";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import { type AuthEnv, MANAGER_ROLES } from "../auth/Principal";
import { recordTransition } from "../review/recordTransition";
import { headRevision } from "../review/taskContext";
import { assigneeProblem, taskJson, taskPatchSchema } from "./tasks";
import { signedIn } from "../auth/signedIn";

/** /api/tasks: my queue, and the lead's edits of one task (assignees, state). */
export function createTaskRoutes(deps: AppDeps, guards: Guards) {
  const { db } = deps.store;
  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "get",
        path: "/mine",
        middleware: [guards.requireUser] as const,
        responses: { 200: jsonContent(z.array(myTaskSchema), "The caller's tasks, oldest first") },
      }),
      async (c) => {
        const me = signedIn(c).userId;
        const rows = await db
          .selectFrom("tasks as t")
          .innerJoin("sequences as s", "s.id", "t.sequence_id")
          .innerJoin("projects as p", "p.id", "t.project_id")
          .selectAll("t")
          .select(["s.name as sequenceName", "p.name as projectName"])
          .where((eb) => eb.or([eb("t.labeler_id", "=", me), eb("t.reviewer_id", "=", me)]))
          .orderBy("t.created_at")
          .execute();
        return c.json(
          rows.map((r) => ({
            ...taskJson(r),
            sequenceName: r.sequenceName,
            projectName: r.projectName,
            myPart: r.labeler_id === me ? ("labeling" as const) : ("review" as const),
          })),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/{taskId}",
        middleware: [guards.requireTaskRole(MANAGER_ROLES)] as const,
        request: { params: z.object({ taskId: z.string() }), ...jsonBody(taskPatchSchema) },
        responses: {
          200: { description: "OK" },
          400: errorReply("Malformed request: the message names the field and the reason"),
        },
      }),
      async (c) => {
        const body = c.req.valid("json");
        const problem = await assigneeProblem(deps.store, c.get("projectId"), [
          body.labelerId,
          body.reviewerId,
        ]);
        if (problem) return c.json({ error: "invalid-request", message: problem }, 400);
        const taskId = c.req.param("taskId");
        // A state set by a lead is a move like any other: recorded with who, when and the revision.
        const row = await db.transaction().execute(async (tx) => {
          const before = await tx
            .selectFrom("tasks")
            .selectAll()
            .where("id", "=", taskId)
            .executeTakeFirstOrThrow();
          if (body.state !== undefined && body.state !== before.state)
            await recordTransition(tx, {
              taskId,
              from: before.state,
              to: body.state,
              action: "set",
              principal: signedIn(c),
              revision: await headRevision(tx, before.sequence_id),
            });
          const patch = {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.labelerId !== undefined ? { labeler_id: body.labelerId } : {}),
            ...(body.reviewerId !== undefined ? { reviewer_id: body.reviewerId } : {}),
            ...(body.samplePercent !== undefined ? { sample_percent: body.samplePercent } : {}),
            ...(body.maxRejectedPercent !== undefined
              ? { max_rejected_percent: body.maxRejectedPercent }
              : {}),
          };
          if (Object.keys(patch).length === 0)
            return tx.selectFrom("tasks").selectAll().where("id", "=", taskId).executeTakeFirstOrThrow();
          return tx
            .updateTable("tasks")
            .set(patch)
            .where("id", "=", taskId)
            .returningAll()
            .executeTakeFirstOrThrow();
        });
        await audit(deps.store, c, "task.updated", `task:${row.id}`, body);
        return c.json(taskJson(row), 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/{taskId}",
        middleware: [guards.requireTaskRole(MANAGER_ROLES)] as const,
        request: { params: z.object({ taskId: z.string() }) },
        responses: { 204: { description: "Done" } },
      }),
      async (c) => {
        const id = c.req.param("taskId");
        await db.deleteFrom("tasks").where("id", "=", id).execute();
        deps.auth.forgetLookups();
        await audit(deps.store, c, "task.deleted", `task:${id}`);
        return c.body(null, 204);
      },
    );
}
