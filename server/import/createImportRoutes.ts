import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Context, Hono } from "hono";
import type { AuthEnv } from "../auth/Principal";
import { bodyLimit } from "hono/body-limit";
import { streamText } from "hono/streaming";
import type { ServerDeps } from "../ServerDeps";
import { extractZip, type ZipLimits } from "./extractZip";
import { ImportError } from "./ImportError";
import { type ImportProgress, type ImportResult, importSequence } from "./importSequence";
import { safeRelativePath } from "./safeRelativePath";

export interface ImportLimits extends ZipLimits {
  /** Largest request body accepted. Multipart bodies are held in memory while parsed. */
  maxUploadBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxUploadBytes: 2 * 1024 ** 3,
  maxUncompressedBytes: 8 * 1024 ** 3,
  maxEntries: 200_000,
};

/** Unpacks the upload into dir: one .zip part, or one part per file named by its relative path. */
async function saveUpload(parts: File[], dir: string, limits: ImportLimits): Promise<void> {
  if (parts.length === 0)
    throw new ImportError("upload", "no files: send the folder's files or one .zip as multipart parts");
  if (parts.length === 1 && parts[0]!.name.toLowerCase().endsWith(".zip")) {
    const zip = parts[0]!;
    await extractZip(zip.stream() as unknown as AsyncIterable<Uint8Array>, dir, zip.name, limits);
    return;
  }
  if (parts.length > limits.maxEntries)
    throw new ImportError("upload", `more than ${limits.maxEntries} files (refused)`);
  const seen = new Set<string>();
  for (const part of parts) {
    const segments = safeRelativePath(part.name, part.name || "upload");
    const rel = segments.join("/");
    if (seen.has(rel)) throw new ImportError(rel, "uploaded twice");
    seen.add(rel);
    const target = join(dir, ...segments);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, new Uint8Array(await part.arrayBuffer()));
  }
}

/**
 * POST /api/imports: a multipart upload of a sequence folder (one part per file, its file name
 * the path inside the folder, as `webkitRelativePath` gives) or of one .zip. The upload is
 * unpacked into a temporary folder, imported, and the folder removed whatever happens.
 * Reply: JSON ImportResult (200) or {error, message} (400); with `Accept: application/x-ndjson`
 * a stream of progress lines instead, the last `{"result":…}` or `{"error":…}`.
 */
export function createImportRoutes(
  deps: ServerDeps,
  limits: ImportLimits = deps.importLimits ?? DEFAULT_IMPORT_LIMITS,
  /** Runs after a successful import (the audit entry); the project is the guard's `projectId`. */
  onImported: (c: Context<AuthEnv>, result: ImportResult) => Promise<void> = async () => {},
) {
  const run = async (
    c: Context<AuthEnv>,
    formParts: () => Promise<File[]>,
    onProgress?: (p: ImportProgress) => void,
  ) => {
    const dir = await mkdtemp(join(tmpdir(), "cuboidal-upload-"));
    try {
      await saveUpload(await formParts(), dir, limits);
      const name = c.req.query("name") ?? undefined;
      const result = await importSequence(deps, dir, {
        ...(name ? { name } : {}),
        ...(c.get("projectId") ? { projectId: c.get("projectId") } : {}),
        ...(onProgress ? { onProgress } : {}),
      });
      await onImported(c, result);
      return result;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  return new Hono<AuthEnv>().post(
    "/",
    bodyLimit({
      maxSize: limits.maxUploadBytes,
      onError: (c) =>
        c.json(
          { error: "too-large", message: `upload larger than ${limits.maxUploadBytes} bytes (refused)` },
          413,
        ),
    }),
    async (c) => {
      const formParts = async () => {
        let body: Record<string, string | File | (string | File)[]>;
        try {
          body = await c.req.parseBody({ all: true });
        } catch (e) {
          throw new ImportError("upload", `not a multipart form (${(e as Error).message})`);
        }
        return Object.values(body)
          .flat()
          .filter((v): v is File => typeof v !== "string");
      };
      if ((c.req.header("Accept") ?? "").includes("application/x-ndjson")) {
        return streamText(c, async (stream) => {
          const line = (o: unknown) => stream.write(`${JSON.stringify(o)}\n`);
          try {
            const result = await run(c, formParts, (p) => void line(p));
            await line({ result });
          } catch (e) {
            if (!(e instanceof ImportError)) console.error("import failed:", e);
            await line({
              error: e instanceof ImportError ? "invalid-upload" : "internal",
              message: e instanceof ImportError ? e.message : "internal error (see the server log)",
            });
          }
        });
      }
      try {
        return c.json(await run(c, formParts), 200);
      } catch (e) {
        if (e instanceof ImportError) return c.json({ error: "invalid-upload", message: e.message }, 400);
        throw e;
      }
    },
  );
}
