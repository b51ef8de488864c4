import { createRoute } from "@hono/zod-openapi";
import { openApiRoutes } from "../http/openApiRoutes";
import { z } from "zod";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Context } from "hono";
import type { AuthEnv } from "../auth/Principal";
import { DEFAULT_PROJECT_ID } from "../db/migrations/0002_accounts";
import { streamText } from "hono/streaming";
import { blobStoreFault } from "../blobs/BlobStoreErrors";
import { createLogger, type Logger } from "../ops/createLogger";
import type { ServerDeps } from "../ServerDeps";
import { DuplicateImportError } from "./DuplicateImportError";
import { extractZip, type ZipLimits } from "./extractZip";
import { ImportError } from "./ImportError";
import { type ImportOptions, type ImportProgress, type ImportResult, importSequence } from "./importSequence";
import { prepareImport } from "./prepareImport";
import { saveMultipartUpload, UploadTooLargeError } from "./saveMultipartUpload";
import { createTusUploads, UploadNotReadyError } from "./createTusUploads";
import type { FileLimits } from "./validateFrameFiles";

export interface ImportLimits extends ZipLimits, Partial<FileLimits> {
  /** Largest request body (or resumable upload) accepted. Bodies stream to disk, never to memory. */
  maxUploadBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxUploadBytes: 8 * 1024 ** 3,
  maxUncompressedBytes: 8 * 1024 ** 3,
  maxEntries: 200_000,
};

/** The reply to a refused import: a code, a sentence, and for a duplicate the sequence it repeats. */
function errorBody(e: unknown, log: Logger) {
  const blobFault = blobStoreFault(e);
  if (blobFault) return blobFault.body;
  if (e instanceof DuplicateImportError)
    return { error: "already-imported", message: e.message, sequenceId: e.sequenceId, name: e.sequenceName };
  if (!(e instanceof ImportError)) {
    // The detail goes to the server log only (no internal text in replies).
    log.error({ err: e }, "import failed");
    return { error: "internal", message: "internal error (see the server log)" };
  }
  return { error: e instanceof UploadTooLargeError ? "too-large" : "invalid-upload", message: e.message };
}
const statusOf = (e: unknown) =>
  blobStoreFault(e)?.status ??
  (e instanceof DuplicateImportError ? 409 : e instanceof UploadTooLargeError ? 413 : 400);

/** Import options from the query string and form fields (`name`, `onDuplicate`). */
function optionsFrom(
  url: string,
  fields: Record<string, string>,
): Pick<ImportOptions, "name" | "onDuplicate"> {
  const q = new URL(url).searchParams;
  const name = fields.name ?? q.get("name") ?? undefined;
  const onDuplicate = fields.onDuplicate ?? q.get("onDuplicate");
  return {
    ...(name !== undefined ? { name } : {}),
    ...(onDuplicate === "update" || onDuplicate === "new" ? { onDuplicate } : {}),
  };
}

/**
 * The import API, under /api/imports:
 * - POST /            multipart (one part per file named by its path, or one .zip) → ImportResult;
 * - POST /preview     the same upload → ImportPreview (layout, counts, time span, warnings, duplicate), nothing stored;
 * - /uploads          a tus 1.0 resumable upload of one .zip (createTusUploads), then
 *   POST /uploads/:id/preview and POST /uploads/:id (commit; the upload is removed after either outcome).
 * Uploads stream to a temporary folder that is removed whatever happens. With
 * `Accept: application/x-ndjson` the commit replies with progress lines, the last `{result}` or `{error}`.
 */
export function createImportRoutes(
  deps: ServerDeps,
  limits: ImportLimits = deps.importLimits ?? DEFAULT_IMPORT_LIMITS,
  /** Runs after a successful import (the audit entry); the project is the guard's `projectId`. */
  onImported: (c: Context<AuthEnv>, result: ImportResult) => Promise<void> = async () => {},
) {
  const fileLimits = {
    maxPointCloudBytes: limits.maxPointCloudBytes ?? 128 * 1024 ** 2,
    maxImageBytes: limits.maxImageBytes ?? 64 * 1024 ** 2,
  };
  const tus = createTusUploads(deps, limits.maxUploadBytes);
  const log = deps.log ?? createLogger();

  /** Unpacks an upload into a fresh temporary folder, runs `use` on it, removes the folder. */
  const withUpload = async <T>(
    save: (dir: string) => Promise<Record<string, string>>,
    use: (dir: string, fields: Record<string, string>) => Promise<T>,
  ): Promise<T> => {
    const dir = await mkdtemp(join(tmpdir(), "cuboidal-upload-"));
    try {
      return await use(dir, await save(dir));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  const fromMultipart = (req: Request) => (dir: string) => saveMultipartUpload(req, dir, limits);
  /** A finished resumable upload, unpacked; refused into any project but the one it was made for. */
  const fromTus = (c: Context<AuthEnv>, id: string) => async (dir: string) => {
    const path = await tus.pathOf(id);
    if ((await tus.projectOf(id)) !== (c.get("projectId") ?? DEFAULT_PROJECT_ID))
      throw new UploadNotReadyError(
        `upload ${id}`,
        "was uploaded for another project: preview and import it with the ?projectId= it was created with",
      );
    await extractZip(createReadStream(path), dir, await tus.fileNameOf(id), limits);
    return {};
  };

  /** JSON reply, or NDJSON progress lines when the client asks for them. */
  const importReply = (
    c: Context<AuthEnv>,
    run: (onProgress?: (p: ImportProgress) => void) => Promise<unknown>,
  ) => {
    if ((c.req.header("Accept") ?? "").includes("application/x-ndjson"))
      return streamText(c, async (stream) => {
        const line = (o: unknown) => stream.write(`${JSON.stringify(o)}\n`);
        try {
          await line({ result: await run((p) => void line(p)) });
        } catch (e) {
          await line(errorBody(e, log));
        }
      });
    return run().then(
      (result) => c.json(result, 200),
      (e) => {
        if (e instanceof ImportError || e instanceof DuplicateImportError)
          return c.json(errorBody(e, log), statusOf(e));
        throw e;
      },
    );
  };

  const runImport =
    (c: Context<AuthEnv>, save: (dir: string) => Promise<Record<string, string>>) =>
    (onProgress?: (p: ImportProgress) => void) =>
      withUpload(save, async (dir, fields) => {
        const projectId = c.get("projectId");
        const result = await importSequence(deps, dir, {
          ...optionsFrom(c.req.url, fields),
          ...(projectId ? { projectId } : {}),
          fileLimits,
          ...(onProgress ? { onProgress } : {}),
        });
        await onImported(c, result);
        return result;
      });
  const runPreview = (c: Context<AuthEnv>, save: (dir: string) => Promise<Record<string, string>>) =>
    withUpload(save, async (dir, fields) => {
      const projectId = c.get("projectId");
      const options = { ...optionsFrom(c.req.url, fields), ...(projectId ? { projectId } : {}), fileLimits };
      return (await prepareImport(deps, dir, options)).preview;
    });
  const previewReply = async (
    c: { json: (b: unknown, s: 200 | 400) => Response },
    run: () => Promise<unknown>,
  ) => {
    try {
      return c.json(await run(), 200);
    } catch (e) {
      if (e instanceof ImportError) return c.json(errorBody(e, log), 400);
      throw e;
    }
  };

  return (
    openApiRoutes<AuthEnv>()
      .openapi(
        createRoute({
          method: "post",
          path: "/",
          responses: {
            200: {
              description: "ImportResult, or NDJSON progress lines with Accept: application/x-ndjson",
            },
          },
        }),
        (c) => importReply(c, runImport(c, fromMultipart(c.req.raw))),
      )
      .openapi(
        createRoute({
          method: "post",
          path: "/preview",
          responses: {
            200: {
              description: "What the import would hold (multipart/form-data files)",
            },
          },
        }),
        (c) => previewReply(c, () => runPreview(c, fromMultipart(c.req.raw))),
      )
      .openapi(
        createRoute({
          method: "post",
          path: "/uploads/{uploadId}/preview",
          request: { params: z.object({ uploadId: z.string() }) },
          responses: {
            200: {
              description: "What the finished upload would import",
            },
          },
        }),
        (c) => {
          const id = c.req.param("uploadId");
          // A refused upload is removed at once: nothing of it stays behind.
          return previewReply(c, () =>
            runPreview(c, fromTus(c, id)).catch(async (e) => {
              if (e instanceof ImportError && !(e instanceof UploadNotReadyError)) await tus.remove(id);
              throw e;
            }),
          );
        },
      )
      .openapi(
        createRoute({
          method: "post",
          path: "/uploads/{uploadId}",
          request: { params: z.object({ uploadId: z.string() }) },
          responses: {
            200: {
              description: "ImportResult, or NDJSON progress lines with Accept: application/x-ndjson",
            },
          },
        }),
        (c) => {
          const id = c.req.param("uploadId");
          const run = runImport(c, fromTus(c, id));
          // Removed after either outcome, except when it is not ready or not this project's (kept for its owner).
          return importReply(c, (onProgress) =>
            run(onProgress).then(
              async (result) => {
                await tus.remove(id);
                return result;
              },
              async (e) => {
                if (!(e instanceof UploadNotReadyError)) await tus.remove(id);
                throw e;
              },
            ),
          );
        },
      )
      // tus 1.0's methods, named so the access table and the OpenAPI document list each one.
      .openapi(
        createRoute({
          method: "post",
          path: "/uploads",
          responses: { 200: { description: "tus creation (201 with Location)" } },
        }),
        (c) => tus.handle(c.req.raw),
      )
      // Hono routes HEAD (tus's offset query) as GET; the request keeps its HEAD method for tus.
      .openapi(
        createRoute({
          method: "get",
          path: "/uploads/{uploadId}",
          request: { params: z.object({ uploadId: z.string() }) },
          responses: { 200: { description: "tus offset query (HEAD)" } },
        }),
        (c) => tus.handle(c.req.raw),
      )
      .openapi(
        createRoute({
          method: "patch",
          path: "/uploads/{uploadId}",
          request: { params: z.object({ uploadId: z.string() }) },
          responses: { 204: { description: "tus: the chunk is stored; Upload-Offset says how far" } },
        }),
        (c) => tus.handle(c.req.raw),
      )
      .openapi(
        createRoute({
          method: "delete",
          path: "/uploads/{uploadId}",
          request: { params: z.object({ uploadId: z.string() }) },
          responses: { 204: { description: "tus termination: the upload is removed" } },
        }),
        (c) => tus.handle(c.req.raw),
      )
  );
}
