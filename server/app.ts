import { queuePendingEgoPoses } from "./poses/defineEgoPoseJobs";
import { $, createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { apiErrorSchema } from "../core/api/apiError";
import {
  annotationBatchSchema,
  annotationSnapshotSchema,
  batchAcceptedSchema,
  batchConflictSchema,
} from "../core/api/annotationBatch";
import { historyPageSchema } from "../core/api/historyPage";
import { frameDetailSchema, sequenceDetailSchema } from "../core/api/sequenceDetail";
import { sequenceSummarySchema } from "../core/model/Sequence";
import { createProjectRoutes } from "./accounts/createProjectRoutes";
import { createTaskRoutes } from "./accounts/createTaskRoutes";
import { createUserRoutes } from "./accounts/createUserRoutes";
import { createAnalyticsRoutes } from "./analytics/createAnalyticsRoutes";
import { createAuditRoutes } from "./audit/createAuditRoutes";
import { audit } from "./audit/writeAudit";
import type { AppDeps } from "./auth/AppDeps";
import { authenticate } from "./auth/authenticate";
import { canReadBlob } from "./auth/canReadBlob";
import { createAuthRoutes } from "./auth/createAuthRoutes";
import { shareAuthInvalidations } from "./auth/shareAuthInvalidations";
import { createAuthState } from "./auth/createAuthState";
import { createGuards } from "./auth/createGuards";
import { type AuthEnv, MANAGER_ROLES, ROLES, WRITER_ROLES } from "./auth/Principal";
import { isBlobHash } from "./blobs/BlobStore";
import { blobStoreFault } from "./blobs/BlobStoreErrors";
import { databaseFault } from "./db/databaseFault";
import { parseRange } from "./http/parseRange";
import { createLogger } from "./ops/createLogger";
import { createOpsRoutes } from "./ops/createOpsRoutes";
import { recordBatch } from "./ops/metrics";
import { type RequestEnv, requestContext } from "./ops/requestContext";
import { DEFAULT_PROJECT_ID } from "./db/migrations/0002_accounts";
import { checkRequest } from "./http/checkRequest";
import { securityHeaders } from "./http/securityHeaders";
import { errorReply, jsonBody, jsonContent, openApiRoutes } from "./http/openApiRoutes";
import { type ApiError, idSchema, intQuery, notFound } from "./http/validate";
import { createJobQueue } from "./jobs/createJobQueue";
import { createJobRoutes } from "./jobs/createJobRoutes";
import { createPluginRoutes } from "./plugins/createPluginRoutes";
import { createDataIoRoutes } from "./createDataIoRoutes";
import { createImportRoutes } from "./import/createImportRoutes";
import { createQaConfigRoutes } from "./qa/createQaConfigRoutes";
import { qaConfigSchema } from "../core/qa/QaConfig";
import { sequenceQaConfig } from "./qa/projectQaConfig";
import { qaReply } from "./qa/qaReply";
import { type GeneratedDocument, openApiDocument } from "./openApiDocument";
import { registerModelPluginWebhooks } from "./plugins/registerModelPluginWebhooks";
import { createPredictionRoutes, PREDICTIONS_MAX_BYTES } from "./prelabel/createPredictionRoutes";
import { isPredictionBatchId, PREDICTION_BATCH_PREFIX } from "./prelabel/predictionBatchId";
import type { ServerDeps } from "./ServerDeps";
import { allocateTrackIds } from "./store/allocateTrackIds";
import { applyBatch, BatchRejectedError } from "./store/applyBatch";
import { getFrameDetail } from "./store/getFrameDetail";
import { getSequenceDetail } from "./store/getSequenceDetail";
import { BadCursorError, listSequences, sequenceCursor } from "./store/listSequences";
import { readAnnotations, RevisionNotFoundError } from "./store/readAnnotations";
import { asReviewerEdit } from "./review/asReviewerEdit";
import { createReviewRoutes } from "./review/createReviewRoutes";
import { batchEditCheck } from "./review/batchEditProblem";
import { createLiveRoutes } from "./live/createLiveRoutes";
import { HISTORY_MAX_LIMIT, readHistory } from "./store/readHistory";
import { signedIn } from "./auth/signedIn";
import { must } from "../core/model/must";

export type { ApiError };

const BLOB_AUDIT_MS = 3_600_000;
/** GET /sequences pages: at most this many a page (the default). */
const SEQUENCE_PAGE_MAX = 500;

const sequenceParam = z.object({ id: z.string() });
const notFoundReply = errorReply("No such sequence");

/**
 * The HTTP API under /api. Routes are chained so `AppType` carries every path, input and
 * response, and the client derives its calls with `hc<AppType>`. Every route but sign-in, health
 * and the OpenAPI document needs a session cookie or a bearer token; a new route is guarded with
 * one line from `guards` (auth/createGuards.ts).
 */
export function createApp(serverDeps: ServerDeps) {
  const log = serverDeps.log ?? createLogger();
  const deps: AppDeps = {
    ...serverDeps,
    log,
    auth: shareAuthInvalidations(serverDeps.auth ?? createAuthState(), serverDeps.store.live, (line) =>
      log.warn(line),
    ),
    jobs: serverDeps.jobs ?? createJobQueue({ store: serverDeps.store, log }),
  };
  const guards = createGuards(deps.store, deps.auth);
  const readers = guards.requireSequenceRole(ROLES);
  // Imports and their previews and resumable uploads go to ?projectId= (default: the Default project).
  const importers = guards.requireProjectRole(
    MANAGER_ROLES,
    (c) => c.req.query("projectId") ?? DEFAULT_PROJECT_ID,
  );
  // Blob downloads are audited once per user, blob and hour (frame playback fetches ten a second).
  const blobAuditedAtMs = new Map<string, number>();

  // Generated on first request, once every group is mounted on `root`.
  let document: object | undefined;
  const api = $(
    openApiRoutes<AuthEnv>()
      .use(
        checkRequest([
          { path: /\/annotations\/batches$/, maxBytes: 64 * 1024 * 1024 },
          // A frame's points for the built-in model plugin: 2M points are 32 MB of base64.
          {
            path: /^\/api\/plugins\/builtin\//,
            maxBytes: 128 * 1024 * 1024,
            maxStringChars: 128 * 1024 * 1024,
          },
          // Uploads (multipart, previews and resumable tus chunks) limit their own bodies.
          { path: /^\/api\/imports(\/|$)/, maxBytes: null },
          { path: /\/sequences\/[^/]+\/predictions$/, maxBytes: PREDICTIONS_MAX_BYTES },
        ]),
      )
      .use(authenticate(deps)),
  )
    .openapi(
      createRoute({
        method: "get",
        path: "/health",
        responses: { 200: jsonContent(z.object({ ok: z.literal(true) }), "Serving") },
      }),
      (c) => c.json({ ok: true as const }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/openapi.json",
        responses: { 200: { description: "This document, OpenAPI 3.1" } },
      }),
      (c) => {
        document ??= openApiDocument(
          root.getOpenAPI31Document({
            openapi: "3.1.0",
            info: { title: "cuboidal API", version: "1" },
          }) as GeneratedDocument,
        );
        return c.json(document, 200);
      },
    )
    .route("/auth", createAuthRoutes(deps, guards))
    .route("/users", createUserRoutes(deps, guards))
    .route("/projects", createProjectRoutes(deps, guards))
    .route("/projects", createQaConfigRoutes(deps, guards))
    .route("/tasks", createTaskRoutes(deps, guards))
    .route("/audit", createAuditRoutes(deps, guards))
    .openapi(
      createRoute({
        method: "get",
        path: "/sequences",
        middleware: [guards.requireUser] as const,
        request: {
          query: z.object({
            projectId: idSchema.optional(),
            limit: intQuery(SEQUENCE_PAGE_MAX).min(1).optional(),
            after: idSchema.optional(),
          }),
        },
        responses: {
          200: jsonContent(
            z.array(sequenceSummarySchema.extend({ projectId: z.string() })),
            'One page, oldest first; a `Link: <…>; rel="next"` header names the next page',
          ),
          400: errorReply("A bad query or cursor"),
        },
      }),
      async (c) => {
        const p = signedIn(c);
        const { projectId, limit = SEQUENCE_PAGE_MAX, after } = c.req.valid("query");
        let rows: Awaited<ReturnType<typeof listSequences>>;
        try {
          rows = await listSequences(
            deps.store,
            { ...(p.isAdmin ? {} : { memberId: p.userId }), ...(projectId ? { projectId } : {}) },
            { limit: limit + 1, ...(after ? { after } : {}) },
          );
        } catch (e) {
          if (e instanceof BadCursorError)
            return c.json({ error: "invalid-request", message: e.message }, 400);
          throw e;
        }
        // The array stays the body; the next page is named in a Link header (RFC 8288), as GitHub does.
        if (rows.length > limit) {
          rows = rows.slice(0, limit);
          const next = new URL(c.req.url);
          next.searchParams.set("after", sequenceCursor(must(rows.at(-1), "the page's last sequence")));
          next.searchParams.set("limit", String(limit));
          c.header("Link", `<${next.pathname}${next.search}>; rel="next"`);
        }
        return c.json(rows, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/sequences/{id}",
        middleware: [readers] as const,
        request: { params: sequenceParam },
        responses: { 200: jsonContent(sequenceDetailSchema, "The sequence"), 404: notFoundReply },
      }),
      async (c) => {
        const detail = await getSequenceDetail(deps.store, c.req.param("id"));
        return detail ? c.json(detail, 200) : c.json(notFound(`sequence ${c.req.param("id")}`), 404);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/sequences/{id}/frames/{index}",
        middleware: [readers] as const,
        request: { params: z.object({ id: z.string(), index: z.string() }) },
        responses: {
          200: jsonContent(frameDetailSchema, "One frame, as in the sequence's detail"),
          404: errorReply("No such sequence or frame"),
        },
      }),
      async (c) => {
        // Nine digits stay inside PostgreSQL's integer; anything longer is no frame either.
        const index = c.req.param("index");
        const frame = /^\d{1,9}$/.test(index)
          ? await getFrameDetail(deps.store, c.req.param("id"), Number(index))
          : null;
        if (!frame)
          return c.json(notFound(`frame ${c.req.param("index")} of sequence ${c.req.param("id")}`), 404);
        return c.json(frame, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/sequences/{id}/annotations",
        middleware: [readers] as const,
        request: { params: sequenceParam, query: z.object({ revision: intQuery().optional() }) },
        responses: {
          200: jsonContent(annotationSnapshotSchema, "The annotations at the head, or at `revision`"),
          404: errorReply("No such sequence or revision"),
        },
      }),
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
    .openapi(
      createRoute({
        method: "post",
        path: "/sequences/{id}/annotations/batches",
        middleware: [guards.requireSequenceRole(WRITER_ROLES)] as const,
        request: { params: sequenceParam, ...jsonBody(annotationBatchSchema) },
        responses: {
          200: jsonContent(
            batchAcceptedSchema,
            "Accepted (or a retry of an accepted batch): the new revision",
          ),
          400: errorReply("invalid-batch: the message names the operation and the reason"),
          403: errorReply("Outside the caller's task, or the task is not editable now"),
          404: notFoundReply,
          409: jsonContent(
            z.union([batchConflictSchema, apiErrorSchema]),
            "conflict: objects the batch touched changed after its base revision (with the current state); or a refusal",
          ),
        },
      }),
      async (c) => {
        const id = c.req.param("id");
        const p = signedIn(c);
        const batch = c.req.valid("json");
        const role = c.get("role");
        if (isPredictionBatchId(batch.batchId))
          return c.json(
            {
              error: "invalid-batch",
              message: `batchId ${batch.batchId}: ids starting "${PREDICTION_BATCH_PREFIX}" are kept for prediction imports`,
            },
            400,
          );
        try {
          // The author is whoever signed in; a client-sent author is ignored. A reviewer's own
          // corrections carry provenance "review", told apart from the labeler's work.
          const result = await applyBatch(
            deps.store,
            id,
            role === "reviewer" ? asReviewerEdit(batch) : batch,
            p.username,
            // The task scope (403) and the edit locks (409) on one read, under the sequence's lock.
            batchEditCheck(p, role, id, batch),
          );
          if (result.status === "not-found") return c.json(notFound(`sequence ${id}`), 404);
          if (result.status === "refused" && result.error === "forbidden")
            return c.json({ error: "forbidden", message: result.message }, 403);
          recordBatch(result.status === "conflict" || result.status === "refused" ? "conflict" : "accepted");
          if (result.status === "refused")
            return c.json({ error: result.error, message: result.message }, 409);
          if (result.status === "conflict") return c.json(result.conflict, 409);
          // applyBatch announced it to the live streams.
          return c.json({ revision: result.revision }, 200);
        } catch (e) {
          if (e instanceof BatchRejectedError) {
            recordBatch("invalid");
            return c.json({ error: "invalid-batch", message: e.message }, 400);
          }
          throw e;
        }
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/sequences/{id}/track-ids",
        middleware: [guards.requireSequenceRole(WRITER_ROLES)] as const,
        request: {
          params: sequenceParam,
          ...jsonBody(z.object({ count: z.number().int().min(1).max(1000) })),
        },
        responses: {
          200: jsonContent(
            z.object({ trackIds: z.array(z.string()) }),
            "Fresh track ids, unique in the sequence",
          ),
          404: notFoundReply,
        },
      }),
      async (c) => {
        const ids = await allocateTrackIds(deps.store, c.req.param("id"), c.req.valid("json").count);
        return ids ? c.json({ trackIds: ids }, 200) : c.json(notFound(`sequence ${c.req.param("id")}`), 404);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/sequences/{id}/history",
        middleware: [readers] as const,
        request: {
          params: sequenceParam,
          query: z.object({
            afterRevision: intQuery().optional(),
            limit: intQuery(HISTORY_MAX_LIMIT).min(1).optional(),
          }),
        },
        responses: {
          200: jsonContent(historyPageSchema, "Accepted batches after `afterRevision`"),
          404: notFoundReply,
        },
      }),
      async (c) => {
        const q = c.req.valid("query");
        const history = await readHistory(deps.store, c.req.param("id"), q.afterRevision ?? 0, q.limit);
        return history ? c.json(history, 200) : c.json(notFound(`sequence ${c.req.param("id")}`), 404);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/blobs/{hash}",
        middleware: [guards.requireUser] as const,
        request: { params: z.object({ hash: z.string() }) },
        responses: {
          200: { description: "The bytes", content: { "application/octet-stream": {} } },
          206: {
            description: "The bytes of the `Range` asked for",
            content: { "application/octet-stream": {} },
          },
          304: { description: "Not modified (`If-None-Match`)" },
          404: errorReply("No such blob, or not one of the caller's projects"),
          416: { description: "The range lies outside the blob" },
        },
      }),
      async (c) => {
        const hash = c.req.param("hash");
        if (!isBlobHash(hash))
          return c.json({ error: "invalid-request", message: `${hash} is not a SHA-256 hex digest` }, 400);
        const p = signedIn(c);
        if (!(await deps.auth.lookup(`blob:${p.userId}:${hash}`, () => canReadBlob(deps.store, p, hash))))
          return c.json(notFound(`blob ${hash}`), 404);
        // Private: a shared cache must not hand one user's download to another.
        const cache = {
          ETag: `"${hash}"`,
          "Cache-Control": "private, max-age=31536000, immutable",
          "Accept-Ranges": "bytes",
        };
        const inm = c.req.header("If-None-Match");
        if (
          inm &&
          (await deps.blobs.has(hash)) &&
          inm.split(",").some((t) => t.trim().replace(/^W\//, "") === cache.ETag)
        )
          return c.body(null, 304, cache);
        const size = await deps.blobs.size(hash);
        if (size === null) return c.json(notFound(`blob ${hash}`), 404);
        const range = parseRange(c.req.header("Range"), size);
        if (range === "unsatisfiable")
          return c.body(null, 416, { ...cache, "Content-Range": `bytes */${size}` });
        const stream = await deps.blobs.get(hash, range ?? undefined);
        if (!stream) return c.json(notFound(`blob ${hash}`), 404);
        const key = `${p.userId}/${hash}`;
        if (Date.now() - (blobAuditedAtMs.get(key) ?? 0) > BLOB_AUDIT_MS) {
          if (blobAuditedAtMs.size > 100_000) blobAuditedAtMs.clear();
          blobAuditedAtMs.set(key, Date.now());
          await audit(deps.store, c, "blob.downloaded", `blob:${hash}`, { bytes: size });
        }
        if (range)
          return c.body(stream, 206, {
            ...cache,
            "Content-Type": "application/octet-stream",
            "Content-Length": String(range.end - range.start + 1),
            "Content-Range": `bytes ${range.start}-${range.end}/${size}`,
          });
        return c.body(stream, 200, {
          ...cache,
          "Content-Type": "application/octet-stream",
          "Content-Length": String(size),
        });
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/sequences/{id}/qa",
        middleware: [readers] as const,
        request: {
          params: sequenceParam,
          query: z.object({
            points: z
              .string()
              .optional()
              .describe("false: only the checks that need no points (no sweep is decoded)"),
          }),
        },
        responses: {
          200: { description: "The QA findings on the current annotations" },
          404: notFoundReply,
        },
      }),
      (c) => qaReply(deps, c),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/sequences/{id}/qa-config",
        middleware: [readers] as const,
        request: { params: sequenceParam },
        responses: {
          200: jsonContent(z.object({ config: qaConfigSchema }), "The QA checks of the sequence's project"),
        },
      }),
      async (c) => c.json({ config: await sequenceQaConfig(deps.store, c.req.param("id")) }, 200),
    )
    // Imports go to ?projectId= (default: the Default project) and need a lead or admin there.
    .use("/imports", importers)
    .use("/imports/*", importers)
    .route(
      "/imports",
      createImportRoutes(deps, undefined, async (c, result) => {
        await audit(deps.store, c, "sequence.imported", `sequence:${result.sequenceId}`, {
          projectId: c.get("projectId"),
        });
        // Recorded without ego poses: estimate them from the lidar in the background.
        await queuePendingEgoPoses(deps);
      }),
    )
    .route("/", createLiveRoutes(deps, guards))
    .route("/", createDataIoRoutes(deps, guards))
    .route("/", createJobRoutes(deps, guards))
    .route("/", createPluginRoutes(deps, guards))
    .route("/", createAnalyticsRoutes(deps, guards))
    .route("/", createReviewRoutes(deps, guards))
    .route("/", createPredictionRoutes(deps, guards));

  const root = new OpenAPIHono<RequestEnv>();
  const app = root
    .use(requestContext(log))
    .use(securityHeaders())
    .route("/", createOpsRoutes(deps, guards))
    .route("/api", api)
    .notFound((c) =>
      c.req.path.startsWith("/api/")
        ? c.json({ error: "not-found", message: `no route ${c.req.method} ${c.req.path}` }, 404)
        : c.text("Not Found", 404),
    )
    .onError((e, c) => {
      if (e instanceof HTTPException && e.status < 500)
        return c.json({ error: "invalid-request", message: e.message || "malformed request" }, e.status);
      const fault = blobStoreFault(e) ?? databaseFault(e);
      if (fault) {
        (c.get("log") ?? log).warn({ err: e, path: c.req.path }, fault.body.error);
        return c.json(fault.body, fault.status, fault.status === 503 ? { "Retry-After": "2" } : {});
      }
      // The detail goes to the server log only; the reply names a reference to find it: the request id.
      const reference = c.get("requestId") ?? crypto.randomUUID().slice(0, 8);
      (c.get("log") ?? log).error({ err: e, method: c.req.method, path: c.req.path }, "request failed");
      return c.json(
        { error: "internal", message: `internal error (reference ${reference}; see the server log)` },
        500,
      );
    });
  registerModelPluginWebhooks(root.openAPIRegistry);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
