import { Hono } from "hono";
import { z } from "zod";
import {
  detectRequestSchema,
  projectPluginInputSchema,
  segmentGroundRequestSchema,
  trackRequestSchema,
} from "../../core/api/modelPlugin";
import { audit } from "../audit/writeAudit";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import { type AuthEnv, MANAGER_ROLES } from "../auth/Principal";
import { notFound, validate } from "../http/validate";
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
  return new Hono<AuthEnv>()
    .get("/projects/:id/plugin", leads, async (c) =>
      c.json(await projectPluginView(deps.store, c.req.param("id")), 200),
    )
    .put("/projects/:id/plugin", leads, validate("json", projectPluginInputSchema), async (c) => {
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
    })
    .delete("/projects/:id/plugin", leads, async (c) => {
      const projectId = c.req.param("id");
      await deps.store.db.deleteFrom("project_plugins").where("project_id", "=", projectId).execute();
      await audit(deps.store, c, "project.plugin-changed", `project:${projectId}`, { url: "builtin" });
      return c.json(await projectPluginView(deps.store, projectId), 200);
    })
    .post("/plugins/builtin/detect", guards.requireUser, validate("json", detectRequestSchema), async (c) => {
      try {
        return c.json(await builtinModelPlugin.detect(c.req.valid("json")), 200);
      } catch (e) {
        if (e instanceof PluginInputError)
          return c.json({ error: "invalid-request", message: e.message }, 400);
        throw e;
      }
    })
    .post("/plugins/builtin/track", guards.requireUser, validate("json", trackRequestSchema), async (c) =>
      c.json(await builtinModelPlugin.track(c.req.valid("json")), 200),
    )
    .post(
      "/plugins/builtin/segment-ground",
      guards.requireUser,
      validate("json", segmentGroundRequestSchema),
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
    .post(
      "/sequences/:id/prelabel-jobs",
      guards.requireSequenceRole(MANAGER_ROLES),
      validate("json", z.object({ taskId: z.string().max(256).optional() })),
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
