import { createRoute } from "@hono/zod-openapi";
import { projectPluginSchema, trackResponseSchema } from "../../core/api/modelPlugin";
import { errorReply, jsonBody, openApiRoutes, jsonContent } from "../http/openApiRoutes";
import { z } from "zod";
import {
  detectRequestSchema,
  projectPluginInputSchema,
  segmentGroundRequestSchema,
  segmentGroundResponseSchema,
  trackRequestSchema,
} from "../../core/api/modelPlugin";
import { audit } from "../audit/writeAudit";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import { type AuthEnv, MANAGER_ROLES } from "../auth/Principal";
import { notFound } from "../http/validate";
import { definePrelabelJobs, PRELABEL_JOB, type PrelabelJobInput } from "../prelabel/definePrelabelJobs";
import { builtinModelPlugin } from "./builtinModelPlugin";
import { PluginInputError } from "./pluginPoints";
import { projectPluginView } from "./projectPlugin";
import { pluginUrlProblem } from "./pluginUrlProblem";

/**
 * Model plugins (#14), under /api:
 * - GET/PUT/DELETE /projects/:id/plugin: the project's model server (URL and token; the token is
 *   never answered whole), for its leads and admins; DELETE goes back to the built-in one (audited);
 * - POST /plugins/builtin/detect, /track and /segment-ground: the built-in pre-labeler speaking the contract, for any
 *   signed-in user or token (another deployment may call it too);
 * - POST /sequences/:id/prelabel-jobs {taskId?}: queues a pre-label run of the sequence (or of a
 *   task's frames) through the project's plugin; progress, cancel, retry at /jobs/:jobId.
 */
/** The guards answer this before a handler runs; the handlers narrow the principal with it too. */
const UNAUTHENTICATED = { error: "unauthenticated", message: "sign in or send a bearer token" };

export function createPluginRoutes(deps: AppDeps, guards: Guards) {
  definePrelabelJobs(deps, deps.jobs);
  const leads = guards.requireProjectRole(MANAGER_ROLES);
  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "get",
        path: "/projects/{id}/plugin",
        middleware: [leads] as const,
        request: { params: z.object({ id: z.string() }) },
        responses: {
          200: jsonContent(projectPluginSchema, "The model server (the token is never answered)"),
        },
      }),
      async (c) => c.json(await projectPluginView(deps.store, c.req.param("id")), 200),
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/projects/{id}/plugin",
        middleware: [leads] as const,
        request: { params: z.object({ id: z.string() }), ...jsonBody(projectPluginInputSchema) },
        responses: {
          200: jsonContent(projectPluginSchema, "The model server as saved (the token is never answered)"),
          401: errorReply("Not signed in"),
          400: errorReply("Malformed request: the message names the field and the reason"),
        },
      }),
      async (c) => {
        const projectId = c.req.param("id");
        const { url, token } = c.req.valid("json");
        const problem = await pluginUrlProblem(url, { allowPrivate: deps.allowPrivatePluginUrls ?? false });
        if (problem) return c.json({ error: "invalid-request", message: problem }, 400);
        const p = c.get("principal");
        if (!p) return c.json(UNAUTHENTICATED, 401);
        const now = new Date().toISOString();
        const row = { url, token, updated_by: p.userId, updated_at: now };
        await deps.store.db
          .insertInto("project_plugins")
          .values({ project_id: projectId, ...row })
          .onConflict((oc) => oc.column("project_id").doUpdateSet(row))
          .execute();
        await audit(deps.store, c, "project.plugin-changed", `project:${projectId}`, { url });
        return c.json(await projectPluginView(deps.store, projectId), 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/projects/{id}/plugin",
        middleware: [leads] as const,
        request: { params: z.object({ id: z.string() }) },
        responses: { 200: jsonContent(projectPluginSchema, "Built-in again") },
      }),
      async (c) => {
        const projectId = c.req.param("id");
        await deps.store.db.deleteFrom("project_plugins").where("project_id", "=", projectId).execute();
        await audit(deps.store, c, "project.plugin-changed", `project:${projectId}`, { url: "builtin" });
        return c.json(await projectPluginView(deps.store, projectId), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/plugins/builtin/detect",
        middleware: [guards.requireUser] as const,
        request: { ...jsonBody(detectRequestSchema) },
        responses: {
          200: { description: "OK" },
          400: errorReply("Malformed request: the message names the field and the reason"),
        },
      }),
      async (c) => {
        try {
          return c.json(await builtinModelPlugin.detect(c.req.valid("json")), 200);
        } catch (e) {
          if (e instanceof PluginInputError)
            return c.json({ error: "invalid-request", message: e.message }, 400);
          throw e;
        }
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/plugins/builtin/track",
        middleware: [guards.requireUser] as const,
        request: { ...jsonBody(trackRequestSchema) },
        responses: { 200: jsonContent(trackResponseSchema, "The boxes with track ids") },
      }),
      async (c) => c.json(await builtinModelPlugin.track(c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/plugins/builtin/segment-ground",
        middleware: [guards.requireUser] as const,
        request: { ...jsonBody(segmentGroundRequestSchema) },
        responses: {
          200: jsonContent(segmentGroundResponseSchema, "The ground points as a bitmask"),
          400: errorReply("Malformed request: the message names the field and the reason"),
        },
      }),
      async (c) => {
        try {
          return c.json(await builtinModelPlugin.segmentGround(c.req.valid("json")), 200);
        } catch (e) {
          if (e instanceof PluginInputError)
            return c.json({ error: "invalid-request", message: e.message }, 400);
          throw e;
        }
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/sequences/{id}/prelabel-jobs",
        middleware: [guards.requireSequenceRole(MANAGER_ROLES)] as const,
        request: {
          params: z.object({ id: z.string() }),
          ...jsonBody(z.object({ taskId: z.string().max(256).optional() })),
        },
        responses: {
          202: {
            description:
              "Queued: progress, cancel and retry at /api/jobs/{jobId} (Job, core/api/jobRecord.ts)",
          },
          404: errorReply("No such object"),
        },
      }),
      async (c) => {
        const sequenceId = c.req.param("id");
        const { taskId } = c.req.valid("json");
        let frameRange: PrelabelJobInput["frameRange"] = null;
        if (taskId) {
          const task = await deps.store.db
            .selectFrom("tasks")
            .select(["frame_start", "frame_end"])
            .where("id", "=", taskId)
            .where("sequence_id", "=", sequenceId)
            .executeTakeFirst();
          if (!task) return c.json(notFound(`task ${taskId} of sequence ${sequenceId}`), 404);
          if (task.frame_start !== null && task.frame_end !== null)
            frameRange = { start: task.frame_start, end: task.frame_end };
        }
        const p = c.get("principal");
        if (!p) return c.json(UNAUTHENTICATED, 401);
        const input: PrelabelJobInput = {
          sequenceId,
          taskId: taskId ?? null,
          frameRange,
          author: p.username,
        };
        await audit(deps.store, c, "sequence.prelabel-started", `sequence:${sequenceId}`, {
          taskId: taskId ?? null,
        });
        const job = await deps.jobs.send(PRELABEL_JOB, input, {
          projectId: c.get("projectId"),
          sequenceId,
          userId: p.userId,
        });
        return c.json(job, 202);
      },
    );
}
