import { createRoute } from "@hono/zod-openapi";
import { openApiRoutes } from "../http/openApiRoutes";
import { z } from "zod";
import type { Context } from "hono";
import type { AppDeps } from "../auth/AppDeps";
import { type Guards, roleInProject } from "../auth/createGuards";
import { type AuthEnv, MANAGER_ROLES } from "../auth/Principal";
import { notFound } from "../http/validate";
import { signedIn } from "../auth/signedIn";
import { must } from "../../core/model/must";

/**
 * The job queue's routes under /api, for the leads (and admins) of a job's project, answered by
 * any server whichever runs the job:
 * - GET /jobs/:jobId: state and progress;
 * - POST /jobs/:jobId/cancel: stops a queued or running job (a running one at its next frame);
 * - POST /jobs/:jobId/retry: queues a failed or cancelled job again;
 * - GET /sequences/:id/jobs: the sequence's 20 newest jobs, newest first.
 */
export function createJobRoutes(deps: AppDeps, guards: Guards) {
  /** The job, when the caller leads its project (else null: 404, never a hint that it exists). */
  const jobFor = async (c: Context<AuthEnv>) => {
    const job = await deps.jobs.get(c.req.param("jobId") ?? "");
    if (!job) return null;
    const role = await roleInProject(deps.store, signedIn(c), job.projectId);
    return role && MANAGER_ROLES.includes(role) ? job : null;
  };
  const missing = (c: Context<AuthEnv>) => c.json(notFound(`job ${c.req.param("jobId")}`), 404);
  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "get",
        path: "/jobs/{jobId}",
        middleware: [guards.requireUser] as const,
        request: { params: z.object({ jobId: z.string() }) },
        responses: { 200: { description: "State and progress (Job, core/api/jobRecord.ts)" } },
      }),
      async (c) => {
        const job = await jobFor(c);
        return job ? c.json(job, 200) : missing(c);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/jobs/{jobId}/cancel",
        middleware: [guards.requireUser] as const,
        request: { params: z.object({ jobId: z.string() }) },
        responses: {
          200: { description: "Cancelled (a finished job stays as it was) (Job, core/api/jobRecord.ts)" },
        },
      }),
      async (c) => {
        const job = await jobFor(c);
        return job ? c.json(must(await deps.jobs.cancel(job.jobId), `job ${job.jobId}`), 200) : missing(c);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/jobs/{jobId}/retry",
        middleware: [guards.requireUser] as const,
        request: { params: z.object({ jobId: z.string() }) },
        responses: {
          200: { description: "Queued again (failed or cancelled jobs) (Job, core/api/jobRecord.ts)" },
        },
      }),
      async (c) => {
        const job = await jobFor(c);
        return job ? c.json(must(await deps.jobs.retry(job.jobId), `job ${job.jobId}`), 200) : missing(c);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/sequences/{id}/jobs",
        middleware: [guards.requireSequenceRole(MANAGER_ROLES)] as const,
        request: { params: z.object({ id: z.string() }) },
        responses: { 200: { description: "The 20 newest jobs, newest first (Job, core/api/jobRecord.ts)" } },
      }),
      async (c) => {
        const ids = await deps.store.db
          .selectFrom("jobs")
          .select("id")
          .where("sequence_id", "=", c.req.param("id"))
          .orderBy("created_at", "desc")
          .limit(20)
          .execute();
        const jobs = await Promise.all(ids.map((r) => deps.jobs.get(r.id)));
        return c.json(
          jobs.filter((j) => j !== undefined),
          200,
        );
      },
    );
}
