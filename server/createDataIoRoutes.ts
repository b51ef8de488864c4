import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import type { Transaction } from "kysely";
import { z } from "zod";
import { collectBlobs } from "./blobs/collectBlobs";
import { createExportJobs } from "./export/createExportJobs";
import { EXPORT_FORMATS } from "./export/exportSequence";
import { ImportError } from "./import/ImportError";
import { sequenceName } from "./import/sequenceName";
import type { Schema } from "./db/Schema";
import type { ServerDeps } from "./ServerDeps";
import { listSequences } from "./store/listSequences";

const notFound = (what: string) => ({ error: "not-found", message: `${what} does not exist` });
const invalid = (
  r: { success: boolean; error?: { issues: Array<{ message: string }> } },
  c: { json: (b: unknown, s: 400) => Response },
) =>
  r.success ? undefined : c.json({ error: "invalid-request", message: r.error!.issues[0]!.message }, 400);

/**
 * One audit event, in the caller's transaction. The actor is the X-Actor header until the
 * accounts work gives the signed-in user.
 */
const audit = (
  tx: Transaction<Schema>,
  actorHeader: string | undefined,
  action: "sequence.rename" | "sequence.delete",
  subjectId: string,
  detail: object,
) =>
  tx
    .insertInto("audit_events")
    .values({
      actor: actorHeader?.slice(0, 200) || "anonymous",
      action,
      subject_id: subjectId,
      detail: JSON.stringify(detail),
    })
    .execute();

/**
 * Sequence lifecycle and exports, under /api:
 * - PATCH /sequences/:id {name} renames (audited);
 * - DELETE /sequences/:id?confirm=<name> deletes it whole: rows, then every blob no other sequence
 *   uses (audited; the confirmation must repeat the sequence's name);
 * - POST /sequences/:id/exports {format} starts an export job (202), GET /exports/:jobId polls it,
 *   GET /exports/:jobId/download streams the zip.
 */
export function createDataIoRoutes(deps: ServerDeps) {
  const jobs = createExportJobs(deps);
  return new Hono()
    .patch("/sequences/:id", zValidator("json", z.object({ name: z.string() }), invalid), async (c) => {
      const id = c.req.param("id");
      let name: string;
      try {
        name = sequenceName(c.req.valid("json").name);
      } catch (e) {
        if (e instanceof ImportError) return c.json({ error: "invalid-request", message: e.message }, 400);
        throw e;
      }
      const renamed = await deps.store.db.transaction().execute(async (tx) => {
        const old = await tx
          .selectFrom("sequences")
          .select("name")
          .where("id", "=", id)
          .forUpdate()
          .executeTakeFirst();
        if (!old) return false;
        await tx.updateTable("sequences").set({ name }).where("id", "=", id).execute();
        await audit(tx, c.req.header("X-Actor"), "sequence.rename", id, { from: old.name, to: name });
        return true;
      });
      if (!renamed) return c.json(notFound(`sequence ${id}`), 404);
      return c.json((await listSequences(deps.store)).find((s) => s.id === id)!, 200);
    })
    .delete("/sequences/:id", async (c) => {
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
        await audit(tx, c.req.header("X-Actor"), "sequence.delete", id, {
          name: seq.name,
          frames: frames.length,
        });
      });
      const blobsRemoved = await collectBlobs(deps, hashes);
      return c.json({ deleted: id, blobsRemoved }, 200);
    })
    .post(
      "/sequences/:id/exports",
      zValidator("json", z.object({ format: z.enum(EXPORT_FORMATS) }), invalid),
      async (c) => {
        const id = c.req.param("id");
        const frames = await deps.store.db
          .selectFrom("frames")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("sequence_id", "=", id)
          .executeTakeFirst();
        const exists = await deps.store.db
          .selectFrom("sequences")
          .select("id")
          .where("id", "=", id)
          .executeTakeFirst();
        if (!exists) return c.json(notFound(`sequence ${id}`), 404);
        return c.json(jobs.start(id, c.req.valid("json").format, Number(frames?.n ?? 0)), 202);
      },
    )
    .get("/exports/:jobId", (c) => {
      const job = jobs.get(c.req.param("jobId"));
      return job ? c.json(job, 200) : c.json(notFound(`export job ${c.req.param("jobId")}`), 404);
    })
    .get("/exports/:jobId/download", (c) => {
      const job = jobs.get(c.req.param("jobId"));
      const path = jobs.zipPathOf(c.req.param("jobId"));
      if (!job || !path || job.state !== "done")
        return c.json(notFound(`finished export ${c.req.param("jobId")}`), 404);
      return c.body(Readable.toWeb(createReadStream(path)) as ReadableStream, 200, {
        "Content-Type": "application/zip",
        "Content-Length": String(job.sizeBytes),
        "Content-Disposition": `attachment; filename="${job.format}-${job.sequenceId}.zip"`,
      });
    });
}
