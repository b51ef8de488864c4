import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { annotationBatchSchema } from "../core/api/annotationBatch";
import { isBlobHash } from "./blobs/BlobStore";
import { createDataIoRoutes } from "./createDataIoRoutes";
import { createImportRoutes } from "./import/createImportRoutes";
import { openApiDocument } from "./openApiDocument";
import { createQaRoutes } from "./qa/createQaRoutes";
import type { ServerDeps } from "./ServerDeps";
import { applyBatch, BatchRejectedError } from "./store/applyBatch";
import { getSequenceDetail } from "./store/getSequenceDetail";
import { listSequences } from "./store/listSequences";
import { readAnnotations, RevisionNotFoundError } from "./store/readAnnotations";
import { readHistory } from "./store/readHistory";

/** Every error body: a machine-readable code and a sentence for people. */
export interface ApiError {
  error: string;
  message: string;
}

const invalid = (
  result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } },
  c: { json: (b: ApiError, s: 400) => Response },
) => {
  if (result.success) return;
  const issue = result.error!.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
  return c.json({ error: "invalid-request", message: `${where}${issue.message}` }, 400);
};

const notFound = (what: string): ApiError => ({ error: "not-found", message: `${what} does not exist` });

/**
 * The HTTP API under /api. Routes are chained so `AppType` carries every path, input and
 * response, and the client derives its calls with `hc<AppType>`.
 */
export function createApp(deps: ServerDeps) {
  const api = new Hono()
    .get("/sequences", async (c) => c.json(await listSequences(deps.store), 200))
    .get("/sequences/:id", async (c) => {
      const detail = await getSequenceDetail(deps.store, c.req.param("id"));
      return detail ? c.json(detail, 200) : c.json(notFound(`sequence ${c.req.param("id")}`), 404);
    })
    .get("/sequences/:id/frames/:index", async (c) => {
      const detail = await getSequenceDetail(deps.store, c.req.param("id"));
      const frame = detail?.frames[Number(c.req.param("index"))];
      if (!/^\d+$/.test(c.req.param("index")) || !frame)
        return c.json(notFound(`frame ${c.req.param("index")} of sequence ${c.req.param("id")}`), 404);
      return c.json(frame, 200);
    })
    .get(
      "/sequences/:id/annotations",
      zValidator("query", z.object({ revision: z.coerce.number().int().nonnegative().optional() }), invalid),
      async (c) => {
        const id = c.req.param("id");
        try {
          const snapshot = await readAnnotations(deps.store, id, c.req.valid("query").revision);
          return snapshot ? c.json(snapshot, 200) : c.json(notFound(`sequence ${id}`), 404);
        } catch (e) {
          if (e instanceof RevisionNotFoundError)
            return c.json({ error: "not-found", message: e.message }, 404);
          throw e;
        }
      },
    )
    .post(
      "/sequences/:id/annotations/batches",
      bodyLimit({ maxSize: 64 * 1024 * 1024 }),
      zValidator("json", annotationBatchSchema, invalid),
      async (c) => {
        const id = c.req.param("id");
        try {
          const result = await applyBatch(deps.store, id, c.req.valid("json"));
          if (result.status === "not-found") return c.json(notFound(`sequence ${id}`), 404);
          if (result.status === "conflict") return c.json(result.conflict, 409);
          return c.json({ revision: result.revision }, 200);
        } catch (e) {
          if (e instanceof BatchRejectedError)
            return c.json({ error: "invalid-batch", message: e.message }, 400);
          throw e;
        }
      },
    )
    .get(
      "/sequences/:id/history",
      zValidator(
        "query",
        z.object({ afterRevision: z.coerce.number().int().nonnegative().optional() }),
        invalid,
      ),
      async (c) => {
        const history = await readHistory(
          deps.store,
          c.req.param("id"),
          c.req.valid("query").afterRevision ?? 0,
        );
        return history ? c.json(history, 200) : c.json(notFound(`sequence ${c.req.param("id")}`), 404);
      },
    )
    .get("/blobs/:hash", async (c) => {
      const hash = c.req.param("hash");
      if (!isBlobHash(hash))
        return c.json({ error: "invalid-request", message: `${hash} is not a SHA-256 hex digest` }, 400);
      const etag = `"${hash}"`;
      const cache = { ETag: etag, "Cache-Control": "public, max-age=31536000, immutable" };
      const inm = c.req.header("If-None-Match");
      if (
        inm &&
        (await deps.blobs.has(hash)) &&
        inm.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)
      )
        return c.body(null, 304, cache);
      const size = await deps.blobs.size(hash);
      const stream = size === null ? null : await deps.blobs.get(hash);
      if (size === null || !stream) return c.json(notFound(`blob ${hash}`), 404);
      return c.body(stream, 200, {
        ...cache,
        "Content-Type": "application/octet-stream",
        "Content-Length": String(size),
      });
    })
    .route("/imports", createImportRoutes(deps))
    .route("/sequences", createQaRoutes(deps))
    .route("/", createDataIoRoutes(deps))
    .get("/openapi.json", (c) => c.json(openApiDocument(), 200));

  return new Hono().route("/api", api).onError((e, c) => {
    console.error(e);
    return c.json(
      { error: "internal", message: e instanceof Error ? e.message.split("\n")[0]! : String(e) },
      500,
    );
  });
}

export type AppType = ReturnType<typeof createApp>;
