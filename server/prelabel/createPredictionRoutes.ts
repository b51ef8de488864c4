import { createRoute } from "@hono/zod-openapi";
import { predictionCountsSchema, predictionImportResultSchema } from "../../core/api/predictions";
import { errorReply, openApiRoutes, jsonContent } from "../http/openApiRoutes";
import type { HonoRequest } from "hono";
import { z } from "zod";
import { FormatError } from "../../core/formats/FormatError";
import { PREDICTION_FORMATS, type PredictionFile } from "../../core/formats/PredictionFile";
import { parseModelId } from "../../core/prelabel/PredictionRun";
import { labelerMayEdit, reviewerMayEdit } from "../../core/review/TaskState";
import { audit } from "../audit/writeAudit";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import { type AuthEnv, MANAGER_ROLES, WRITER_ROLES } from "../auth/Principal";
import { BatchRejectedError } from "../store/applyBatch";
import { idSchema, notFound } from "../http/validate";
import { PredictionImportError } from "./applyPredictions";
import { importPredictionFiles } from "./importPredictionFiles";
import { queryPredictionCounts } from "./queryPredictionCounts";

/** Upload limit of a predictions import: a 2,000-frame nuScenes results file is ~40 MB. */
export const PREDICTIONS_MAX_BYTES = 128 * 1024 * 1024;

const importQuery = z.object({
  model: z.string().min(3).max(201),
  format: z.enum(["auto", ...PREDICTION_FORMATS]).default("auto"),
  taskId: idSchema.optional(),
});

/** The files of a request: multipart `file` parts (one or more), else the whole body as one file. */
async function filesOf(req: HonoRequest): Promise<PredictionFile[]> {
  if ((req.header("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const form = await req.formData();
    const parts = form.getAll("file");
    return Promise.all(
      parts.map(async (p, i) =>
        typeof p === "string" ? { name: `file ${i + 1}`, text: p } : { name: p.name, text: await p.text() },
      ),
    );
  }
  return [{ name: "predictions", text: await req.text() }];
}

/**
 * Prediction imports and their counts. Leads and admins import into any sequence of their
 * project; an annotator (reviewer) only into a task they label (review) and may edit now, and
 * only that task's frames.
 */
export function createPredictionRoutes(deps: AppDeps, guards: Guards) {
  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "post",
        path: "/sequences/{id}/predictions",
        middleware: [guards.requireSequenceRole(WRITER_ROLES)] as const,
        request: { params: z.object({ id: z.string() }), query: importQuery },
        responses: {
          200: jsonContent(
            predictionImportResultSchema,
            "Stored as one batch. Body: multipart/form-data `file` parts (KITTI: one file a frame, named after it), or the file itself",
          ),
          400: errorReply("Malformed request: the message names the field and the reason"),
          401: errorReply("Not signed in"),
          403: errorReply("The caller may not do this"),
          404: errorReply("No such object"),
        },
      }),
      async (c) => {
        const sequenceId = c.req.param("id");
        const p = c.get("principal");
        if (!p) return c.json({ error: "unauthenticated", message: "sign in or send a bearer token" }, 401);
        const role = c.get("role");
        const q = c.req.valid("query");
        let model: ReturnType<typeof parseModelId>;
        try {
          model = parseModelId(q.model);
        } catch (e) {
          return c.json({ error: "invalid-request", message: `model: ${(e as Error).message}` }, 400);
        }
        if (role !== "admin" && role !== "lead") {
          const task = q.taskId
            ? await deps.store.db
                .selectFrom("tasks")
                .select(["sequence_id", "labeler_id", "reviewer_id", "state", "name"])
                .where("id", "=", q.taskId)
                .executeTakeFirst()
            : undefined;
          const mayEdit =
            task &&
            task.sequence_id === sequenceId &&
            ((task.labeler_id === p.userId && labelerMayEdit(task.state)) ||
              (task.reviewer_id === p.userId && reviewerMayEdit(task.state)));
          if (!mayEdit)
            return c.json(
              {
                error: "forbidden",
                message: q.taskId
                  ? `task ${q.taskId}: you may not edit it now, so you may not import predictions into it`
                  : "name a task of yours (?taskId=): only leads import predictions into a whole sequence",
              },
              403,
            );
        }
        try {
          const files = await filesOf(c.req);
          const result = await importPredictionFiles(deps, {
            sequenceId,
            files,
            format: q.format,
            model,
            author: p.username,
            ...(q.taskId ? { taskId: q.taskId } : {}),
          });
          if (result.status === "not-found") return c.json(notFound(`sequence ${sequenceId}`), 404);
          await audit(deps.store, c, "predictions.imported", `sequence:${sequenceId}`, {
            model: `${model.name}@${model.version}`,
            revision: result.revision,
            added: result.added,
            replaced: result.replaced,
            ...(q.taskId ? { taskId: q.taskId } : {}),
          });
          return c.json(result, 200);
        } catch (e) {
          if (
            e instanceof FormatError ||
            e instanceof PredictionImportError ||
            e instanceof BatchRejectedError
          )
            return c.json({ error: "invalid-predictions", message: e.message }, 400);
          throw e;
        }
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/projects/{id}/prediction-counts",
        middleware: [guards.requireProjectRole(MANAGER_ROLES)] as const,
        request: { params: z.object({ id: z.string() }) },
        responses: { 200: jsonContent(predictionCountsSchema, "Per model and version") },
      }),
      async (c) => c.json(await queryPredictionCounts(deps.store, c.req.param("id")), 200),
    );
}
