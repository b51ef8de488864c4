/**
 * The blob store cannot be reached (object storage down, refused, timing out): the request can be
 * retried later and the server keeps running; the API answers 503 with this message.
 */
export class BlobStoreUnavailableError extends Error {
  override readonly name = "BlobStoreUnavailableError";
}

/** The blob store has no room left (ENOSPC, EDQUOT): the API answers 507 with this message. */
export class BlobStoreFullError extends Error {
  override readonly name = "BlobStoreFullError";
}

const FULL_CODES = new Set(["ENOSPC", "EDQUOT"]);
const IO_UNAVAILABLE_CODES = new Set(["EIO", "EROFS", "EACCES", "EPERM"]);

/** Turns a file-system error of the blob folder into one of the errors above (others pass unchanged). */
export function fileBlobError(e: unknown, dir: string): unknown {
  const code = (e as NodeJS.ErrnoException).code ?? "";
  if (FULL_CODES.has(code))
    return new BlobStoreFullError(`the blob folder ${dir} is full (${code}): free disk space, then retry`);
  if (IO_UNAVAILABLE_CODES.has(code))
    return new BlobStoreUnavailableError(`the blob folder ${dir} cannot be written (${code})`);
  return e;
}

/** The reply to a blob-store fault: 503 (retry later) or 507 (out of space), or null for other errors. */
export function blobStoreFault(
  e: unknown,
): { status: 503 | 507; body: { error: string; message: string } } | null {
  if (e instanceof BlobStoreUnavailableError)
    return { status: 503, body: { error: "blob-store-unavailable", message: e.message } };
  if (e instanceof BlobStoreFullError)
    return { status: 507, body: { error: "blob-store-full", message: e.message } };
  return null;
}
