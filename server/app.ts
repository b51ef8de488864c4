import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { annotationBatchSchema } from "../core/api/annotationBatch";
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
import { createAuthState } from "./auth/createAuthState";
import { createGuards } from "./auth/createGuards";
import { type AuthEnv, MANAGER_ROLES, ROLES, WRITER_ROLES } from "./auth/Principal";
import { taskScopeProblem } from "./auth/taskScopeProblem";
import { isBlobHash } from "./blobs/BlobStore";
import { DEFAULT_PROJECT_ID } from "./db/migrations/0002_accounts";
import { checkRequest } from "./http/checkRequest";
import { securityHeaders } from "./http/securityHeaders";
import { type ApiError, idSchema, intQuery, notFound, validate } from "./http/validate";
import { createDataIoRoutes } from "./createDataIoRoutes";
import { createImportRoutes } from "./import/createImportRoutes";
import { qaReply } from "./qa/qaReply";
import { openApiDocument } from "./openApiDocument";
import type { ServerDeps } from "./ServerDeps";
import { allocateTrackIds } from "./store/allocateTrackIds";
import { applyBatch, BatchRejectedError } from "./store/applyBatch";
import { getSequenceDetail } from "./store/getSequenceDetail";
import { listSequences } from "./store/listSequences";
import { readAnnotations, RevisionNotFoundError } from "./store/readAnnotations";
import { readHistory } from "./store/readHistory";
import { asReviewerEdit } from "./review/asReviewerEdit";
import { createReviewRoutes } from "./review/createReviewRoutes";
import { editLockProblem } from "./review/editLockProblem";

export type { ApiError };

const BLOB_AUDIT_MS = 3_600_000;

/**
 * The HTTP API under /api. Routes are chained so `AppType` carries every path, input and
 * response, and the client derives its calls with `hc<AppType>`. Every route but sign-in, health
 * and the OpenAPI document needs a session cookie or a bearer token; a new route is guarded with
 * one line from `guards` (auth/createGuards.ts).
 */
export function createApp(serverDeps: ServerDeps) {
  const deps: AppDeps = { ...serverDeps, auth: serverDeps.auth ?? createAuthState() };
  const guards = createGuards(deps.store, deps.auth);
  const readers = guards.requireSequenceRole(ROLES);
  // Imports and their previews and resumable uploads go to ?projectId= (default: the Default project).
  const importers = guards.requireProjectRole(
    MANAGER_ROLES,
    (c) => c.req.query("projectId") ?? DEFAULT_PROJECT_ID,
  );
  // Blob downloads are audited once per user, blob and hour (frame playback fetches ten a second).
  const blobAuditedAtMs = new Map<string, number>();

  const api = new Hono<AuthEnv>()
    .use(
      checkRequest([
        { path: /\/annotations\/batches$/, maxBytes: 64 * 1024 * 1024 },
        // Uploads (multipart, previews and resumable tus chunks) limit their own bodies.
        { path: /^\/api\/imports(\/|$)/, maxBytes: null },
      ]),
    )
    .use(authenticate(deps))
    .get("/health", (c) => c.json({ ok: true }, 200))
    .get("/openapi.json", (c) => c.json(openApiDocument(), 200))
    .route("/auth", createAuthRoutes(deps, guards))
    .route("/users", createUserRoutes(deps, guards))
    .route("/projects", createProjectRoutes(deps, guards))
    .route("/tasks", createTaskRoutes(deps, guards))
    .route("/audit", createAuditRoutes(deps, guards))
    .get(
      "/sequences",
      guards.requireUser,
      validate("query", z.object({ projectId: idSchema.optional() })),
      async (c) => {
        const p = c.get("principal")!;
        const { projectId } = c.req.valid("query");
        return c.json(
          await listSequences(deps.store, {
            ...(p.isAdmin ? {} : { memberId: p.userId }),
            ...(projectId ? { projectId } : {}),
          }),
          200,
        );
      },
    )
    .get("/sequences/:id", readers, async (c) => {
      const detail = await getSequenceDetail(deps.store, c.req.param("id"));
      return detail ? c.json(detail, 200) : c.json(notFound(`sequence ${c.req.param("id")}`), 404);
    })
    .get("/sequences/:id/frames/:index", readers, async (c) => {
      const detail = await getSequenceDetail(deps.store, c.req.param("id"));
      const frame = detail?.frames[Number(c.req.param("index"))];
      if (!/^\d+$/.test(c.req.param("index")) || !frame)
        return c.json(notFound(`frame ${c.req.param("index")} of sequence ${c.req.param("id")}`), 404);
      return c.json(frame, 200);
    })
    .get(
      "/sequences/:id/annotations",
      readers,
      validate("query", z.object({ revision: intQuery().optional() })),
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
      guards.requireSequenceRole(WRITER_ROLES),
      validate("json", annotationBatchSchema),
      async (c) => {
        const id = c.req.param("id");
        const p = c.get("principal")!;
        const batch = c.req.valid("json");
        const role = c.get("role");
        const outside = await taskScopeProblem(deps.store, p, role, id, batch);
        if (outside) return c.json({ error: "forbidden", message: outside }, 403);
        try {
          // The author is whoever signed in; a client-sent author is ignored. A reviewer's own
          // corrections carry provenance "review", told apart from the labeler's work.
          const result = await applyBatch(
            deps.store,
            id,
            role === "reviewer" ? asReviewerEdit(batch) : batch,
            p.username,
            (tx) => editLockProblem(tx, p, role, id, batch),
          );
          if (result.status === "not-found") return c.json(notFound(`sequence ${id}`), 404);
          if (result.status === "refused")
            return c.json({ error: result.error, message: result.message }, 409);
          if (result.status === "conflict") return c.json(result.conflict, 409);
          return c.json({ revision: result.revision }, 200);
        } catch (e) {
          if (e instanceof BatchRejectedError)
            return c.json({ error: "invalid-batch", message: e.message }, 400);
          throw e;
        }
      },
    )
    .post(
      "/sequences/:id/track-ids",
      guards.requireSequenceRole(WRITER_ROLES),
      validate("json", z.object({ count: z.number().int().min(1).max(1000) })),
      async (c) => {
        const ids = await allocateTrackIds(deps.store, c.req.param("id"), c.req.valid("json").count);
        return ids ? c.json({ trackIds: ids }, 200) : c.json(notFound(`sequence ${c.req.param("id")}`), 404);
      },
    )
    .get(
      "/sequences/:id/history",
      readers,
      validate("query", z.object({ afterRevision: intQuery().optional() })),
      async (c) => {
        const history = await readHistory(
          deps.store,
          c.req.param("id"),
          c.req.valid("query").afterRevision ?? 0,
        );
        return history ? c.json(history, 200) : c.json(notFound(`sequence ${c.req.param("id")}`), 404);
      },
    )
    .get("/blobs/:hash", guards.requireUser, async (c) => {
      const hash = c.req.param("hash");
      if (!isBlobHash(hash))
        return c.json({ error: "invalid-request", message: `${hash} is not a SHA-256 hex digest` }, 400);
      const p = c.get("principal")!;
      if (!(await deps.auth.lookup(`blob:${p.userId}:${hash}`, () => canReadBlob(deps.store, p, hash))))
        return c.json(notFound(`blob ${hash}`), 404);
      // Private: a shared cache must not hand one user's download to another.
      const cache = { ETag: `"${hash}"`, "Cache-Control": "private, max-age=31536000, immutable" };
      const inm = c.req.header("If-None-Match");
      if (
        inm &&
        (await deps.blobs.has(hash)) &&
        inm.split(",").some((t) => t.trim().replace(/^W\//, "") === cache.ETag)
      )
        return c.body(null, 304, cache);
      const size = await deps.blobs.size(hash);
      const stream = size === null ? null : await deps.blobs.get(hash);
      if (size === null || !stream) return c.json(notFound(`blob ${hash}`), 404);
      const key = `${p.userId}/${hash}`;
      if (Date.now() - (blobAuditedAtMs.get(key) ?? 0) > BLOB_AUDIT_MS) {
        if (blobAuditedAtMs.size > 100_000) blobAuditedAtMs.clear();
        blobAuditedAtMs.set(key, Date.now());
        await audit(deps.store, c, "blob.downloaded", `blob:${hash}`, { bytes: size });
      }
      return c.body(stream, 200, {
        ...cache,
        "Content-Type": "application/octet-stream",
        "Content-Length": String(size),
      });
    })
    // Imports go to ?projectId= (default: the Default project) and need a lead or admin there.
    .use("/imports", importers)
    .use("/imports/*", importers)
    .route(
      "/imports",
      createImportRoutes(deps, undefined, (c, result) =>
        audit(deps.store, c, "sequence.imported", `sequence:${result.sequenceId}`, {
          projectId: c.get("projectId"),
        }),
      ),
    )
    .get("/sequences/:id/qa", readers, (c) => qaReply(deps, c))
    .route("/", createDataIoRoutes(deps, guards))
    .route("/", createAnalyticsRoutes(deps, guards))
    .route("/", createReviewRoutes(deps, guards));

  return new Hono()
    .use(securityHeaders())
    .route("/api", api)
    .notFound((c) =>
      c.req.path.startsWith("/api/")
        ? c.json({ error: "not-found", message: `no route ${c.req.method} ${c.req.path}` }, 404)
        : c.text("Not Found", 404),
    )
    .onError((e, c) => {
      if (e instanceof HTTPException && e.status < 500)
        return c.json({ error: "invalid-request", message: e.message || "malformed request" }, e.status);
      // The detail goes to the server log only; the reply names a reference to find it.
      const reference = crypto.randomUUID().slice(0, 8);
      console.error(`[${reference}] ${c.req.method} ${c.req.path}:`, e);
      return c.json(
        { error: "internal", message: `internal error (reference ${reference}; see the server log)` },
        500,
      );
    });
}

export type AppType = ReturnType<typeof createApp>;
