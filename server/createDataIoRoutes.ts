import { createRoute } from "@hono/zod-openapi";
import { errorReply, jsonBody, openApiRoutes } from "./http/openApiRoutes";
import type { Context } from "hono";
import { z } from "zod";
import { collectBlobs } from "./blobs/collectBlobs";
import { defineExportJobs, EXPORT_JOB, type ExportOutput, exportJobView } from "./export/createExportJobs";
import { EXPORT_FORMATS } from "./export/exportSequence";
import { ImportError } from "./import/ImportError";
import { defineEgoPoseJobs } from "./poses/defineEgoPoseJobs";
import { sequenceName } from "./import/sequenceName";
import { audit, writeAudit } from "./audit/writeAudit";
import type { AppDeps } from "./auth/AppDeps";
import { type Guards, roleInProject } from "./auth/createGuards";
import { type AuthEnv, MANAGER_ROLES } from "./auth/Principal";
import { clientIp } from "./http/clientIp";
import { idSchema, notFound } from "./http/validate";
import { isJobId } from "./jobs/isJobId";
import { listSequences } from "./store/listSequences";
import { signedIn } from "./auth/signedIn";
import { must } from "../core/model/must";

/**
 * Sequence lifecycle and exports, under /api, for the project's leads (and admins):
 * - PATCH /sequences/:id {name?, projectId?} renames and/or moves it to another project where the
 *   caller also leads (audited);
 * - DELETE /sequences/:id?confirm=<name> deletes it whole: rows, then every blob no other sequence
 *   uses (audited; the confirmation must repeat the sequence's name);
 * - POST /sequences/:id/exports {format} queues an export job (202) on the deployment's job queue,
 *   GET /exports/:jobId polls it, GET /exports/:jobId/download streams the zip from the blob
 *   store: any server answers both, whichever ran the job (cancel/retry: /api/jobs/:jobId/…).
 */
export function createDataIoRoutes(deps: AppDeps, guards: Guards) {
  defineExportJobs(deps, deps.jobs);
  defineEgoPoseJobs(deps, deps.jobs);
  const managers = guards.requireSequenceRole(MANAGER_ROLES);
  /** The export job, when the caller leads the project it belongs to (else null: 404, never a hint). */
  const jobFor = async (c: Context<AuthEnv>) => {
    const jobId = c.req.param("jobId") ?? "";
    if (!isJobId(jobId)) return null;
    const job = await deps.jobs.get(jobId);
    if (!job || job.kind !== EXPORT_JOB) return null;
    const role = await roleInProject(deps.store, signedIn(c), job.projectId);
    return role && MANAGER_ROLES.includes(role) ? job : null;
  };
  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "patch",
        path: "/sequences/{id}",
        middleware: [managers] as const,
        request: {
          params: z.object({ id: z.string() }),
          ...jsonBody(
            z
              .object({ name: z.string().optional(), projectId: idSchema.optional() })
              .refine(
                (b) => b.name !== undefined || b.projectId !== undefined,
                "name or projectId is required",
              ),
          ),
        },
        responses: {
          200: { description: "OK" },
          400: errorReply("Malformed request: the message names the field and the reason"),
          403: errorReply("The caller may not do this"),
          404: errorReply("No such object"),
        },
      }),
      async (c) => {
        const id = c.req.param("id");
        const body = c.req.valid("json");
        const p = signedIn(c);
        let name: string | undefined;
        try {
          name = body.name === undefined ? undefined : sequenceName(body.name);
        } catch (e) {
          if (e instanceof ImportError) return c.json({ error: "invalid-request", message: e.message }, 400);
          throw e;
        }
        if (body.projectId !== undefined) {
          const exists = await deps.store.db
            .selectFrom("projects")
            .select("id")
            .where("id", "=", body.projectId)
            .executeTakeFirst();
          if (!exists) return c.json(notFound(`project ${body.projectId}`), 404);
          const role = await roleInProject(deps.store, p, body.projectId);
          if (!role || !MANAGER_ROLES.includes(role))
            return c.json(
              { error: "forbidden", message: "your role may not move sequences into that project" },
              403,
            );
        }
        const changed = await deps.store.db.transaction().execute(async (tx) => {
          const old = await tx
            .selectFrom("sequences")
            .select(["name", "project_id"])
            .where("id", "=", id)
            .forUpdate()
            .executeTakeFirst();
          if (!old) return false;
          await tx
            .updateTable("sequences")
            .set({
              ...(name !== undefined ? { name } : {}),
              ...(body.projectId !== undefined ? { project_id: body.projectId } : {}),
            })
            .where("id", "=", id)
            .execute();
          const actor = { id: p.userId, name: p.username };
          const ip = clientIp(c);
          if (name !== undefined && name !== old.name)
            await writeAudit(
              { db: tx },
              {
                action: "sequence.renamed",
                target: `sequence:${id}`,
                detail: { from: old.name, to: name },
                actor,
                ip,
              },
            );
          if (body.projectId !== undefined && body.projectId !== old.project_id)
            await writeAudit(
              { db: tx },
              {
                action: "sequence.moved",
                target: `sequence:${id}`,
                detail: { from: old.project_id, projectId: body.projectId },
                actor,
                ip,
              },
            );
          return true;
        });
        if (!changed) return c.json(notFound(`sequence ${id}`), 404);
        deps.auth.forgetLookups();
        return c.json(
          must(
            (await listSequences(deps.store)).find((s) => s.id === id),
            `sequence ${id}`,
          ),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/sequences/{id}",
        middleware: [managers] as const,
        request: { params: z.object({ id: z.string() }) },
        responses: {
          200: { description: "OK" },
          400: errorReply("Malformed request: the message names the field and the reason"),
          404: errorReply("No such object"),
        },
      }),
      async (c) => {
        const id = c.req.param("id");
        const seq = await deps.store.db
          .selectFrom("sequences")
          .select(["name"])
          .where("id", "=", id)
          .executeTakeFirst();
        if (!seq) return c.json(notFound(`sequence ${id}`), 404);
        if (c.req.query("confirm") !== seq.name)
          return c.json(
            {
              error: "confirmation-required",
              message: `deleting "${seq.name}" needs ?confirm= with its exact name`,
            },
            400,
          );
        const frames = await deps.store.db
          .selectFrom("frames")
          .select(["lidar_blob", "image_blobs"])
          .where("sequence_id", "=", id)
          .execute();
        const hashes = frames.flatMap((f) => [
          f.lidar_blob,
          ...Object.values(f.image_blobs as Record<string, string>),
        ]);
        await deps.store.db.transaction().execute(async (tx) => {
          await tx.deleteFrom("sequences").where("id", "=", id).execute();
          const p = signedIn(c);
          await writeAudit(
            { db: tx },
            {
              action: "sequence.deleted",
              target: `sequence:${id}`,
              detail: { name: seq.name, frames: frames.length },
              actor: { id: p.userId, name: p.username },
              ip: clientIp(c),
            },
          );
        });
        const blobsRemoved = await collectBlobs(deps, hashes);
        return c.json({ deleted: id, blobsRemoved }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/sequences/{id}/exports",
        middleware: [managers] as const,
        request: {
          params: z.object({ id: z.string() }),
          ...jsonBody(z.object({ format: z.enum(EXPORT_FORMATS) })),
        },
        responses: {
          202: {
            description:
              "Queued: poll GET /api/exports/{jobId} or /api/jobs/{jobId} (Job, core/api/jobRecord.ts)",
          },
          404: errorReply("No such object"),
        },
      }),
      async (c) => {
        const id = c.req.param("id");
        const frames = await deps.store.db
          .selectFrom("frames")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("sequence_id", "=", id)
          .executeTakeFirst();
        const exists = await deps.store.db
          .selectFrom("sequences")
          .select(["id", "project_id"])
          .where("id", "=", id)
          .executeTakeFirst();
        if (!exists) return c.json(notFound(`sequence ${id}`), 404);
        const format = c.req.valid("json").format;
        await audit(deps.store, c, "sequence.exported", `sequence:${id}`, { format });
        const job = await deps.jobs.send(
          EXPORT_JOB,
          { sequenceId: id, format },
          { projectId: exists.project_id, sequenceId: id, userId: signedIn(c).userId },
        );
        return c.json({ ...exportJobView(job), total: Number(frames?.n ?? 0) }, 202);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/exports/{jobId}",
        middleware: [guards.requireUser] as const,
        request: { params: z.object({ jobId: z.string() }) },
        responses: { 200: { description: "OK" }, 404: errorReply("No such object") },
      }),
      async (c) => {
        const job = await jobFor(c);
        return job
          ? c.json(exportJobView(job), 200)
          : c.json(notFound(`export job ${c.req.param("jobId")}`), 404);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/exports/{jobId}/download",
        middleware: [guards.requireUser] as const,
        request: { params: z.object({ jobId: z.string() }) },
        responses: {
          200: { description: "The export, a zip", content: { "application/zip": {} } },
          404: errorReply("No such object"),
        },
      }),
      async (c) => {
        const job = await jobFor(c);
        const output = job?.state === "done" ? (job.result as ExportOutput | null) : null;
        const stream = output ? await deps.blobs.get(output.zipBlob) : null;
        if (!job || !output || !stream)
          return c.json(notFound(`finished export ${c.req.param("jobId")}`), 404);
        return c.body(stream, 200, {
          "Content-Type": "application/zip",
          "Content-Length": String(output.sizeBytes),
          "Content-Disposition": `attachment; filename="${output.result.format}-${job.sequenceId}.zip"`,
        });
      },
    );
}
