import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileStore } from "@tus/file-store";
import { Server } from "@tus/server";
import { DEFAULT_PROJECT_ID } from "../db/migrations/0002_accounts";
import type { ServerDeps } from "../ServerDeps";
import { ImportError } from "./ImportError";

/** An upload that is not there or not complete yet: it is kept (the client may go on with it). */
export class UploadNotReadyError extends ImportError {}

/** Where resumable uploads live until they are imported or expire. */
const UPLOAD_EXPIRY_MS = 24 * 3600 * 1000;

/**
 * Resumable uploads (tus 1.0 through @tus/server, the protocol's reference server; the browser
 * uses tus-js-client): a client creates an upload, PATCHes it in chunks, and after a dropped
 * connection asks (HEAD) for the offset the server has and goes on from there. Chunks stream to
 * `deps.uploadsDir` (default: a folder in the system temp dir), never into memory.
 *
 * An upload belongs to the project it was created for (`?projectId=`, default: the Default
 * project): that is kept in its metadata (whatever the client sent there), its Location carries
 * the same `?projectId=` so every later tus request passes the same access check, and
 * `projectOf` lets the import refuse it into any other project.
 */
export function createTusUploads(deps: ServerDeps, maxSize: number) {
  const directory = deps.uploadsDir ?? join(tmpdir(), "cuboidal-uploads");
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS });
  const projectIn = (req: Request) => new URL(req.url).searchParams.get("projectId") ?? DEFAULT_PROJECT_ID;
  const server = new Server({
    path: "/api/imports/uploads",
    datastore,
    maxSize,
    relativeLocation: true,
    generateUrl: (req, { path, id }) => `${path}/${id}?projectId=${encodeURIComponent(projectIn(req))}`,
    // The id is the path's last segment; the default reads it from the whole URL, query included.
    getFileIdFromRequest: (req) => {
      const id = decodeURIComponent(new URL(req.url).pathname.split("/").pop() ?? "");
      return /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : undefined;
    },
    onUploadCreate: async (req, upload) => ({ metadata: { ...upload.metadata, projectId: projectIn(req) } }),
  });
  const finished = async (id: string) => {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(id))
      throw new UploadNotReadyError(`upload ${id.slice(0, 40)}`, "not an upload id");
    const upload = await datastore.getUpload(id).catch(() => null);
    if (!upload)
      throw new UploadNotReadyError(
        `upload ${id}`,
        "no such upload (finished imports and expired uploads are removed)",
      );
    if (upload.size === undefined || upload.offset !== upload.size)
      throw new UploadNotReadyError(
        `upload ${id}`,
        `incomplete: ${upload.offset} of ${upload.size ?? "?"} bytes received`,
      );
    return upload;
  };
  return {
    handle: (request: Request) => server.handleWeb(request),
    /** The file of a finished upload. */
    pathOf: async (id: string) => {
      await finished(id);
      return join(directory, id);
    },
    /** The file name the client gave (tus metadata `filename`), for messages. */
    fileNameOf: async (id: string) => (await finished(id)).metadata?.filename ?? `upload ${id}`,
    /** The project the upload was created for. */
    projectOf: async (id: string) => (await finished(id)).metadata?.projectId ?? DEFAULT_PROJECT_ID,
    remove: (id: string) => datastore.remove(id).catch(() => {}),
  };
}
