import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { access, constants, mkdir, open, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { type BlobStore, blobKey, isBlobHash } from "./BlobStore";
import { fileBlobError } from "./BlobStoreErrors";

/**
 * Blobs as files `<dir>/<aa>/<sha256>` (aa = the hash's first two hex digits, so no folder holds
 * more than 1/256 of them). A put streams into `<dir>/tmp/<uuid>` while hashing, fsyncs, then
 * renames into place: a crash leaves at most a stray temp file, never a half blob under its name.
 * A full disk throws BlobStoreFullError (and leaves no temp file behind).
 */
export function createFileBlobStore(dir: string): BlobStore {
  const tmpDir = join(dir, "tmp");
  const pathOf = (hash: string) => join(dir, blobKey(hash));
  const sizeOf = async (hash: string): Promise<number | null> => {
    if (!isBlobHash(hash)) return null;
    try {
      return (await stat(pathOf(hash))).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  };

  const put = async (data: Uint8Array | AsyncIterable<Uint8Array>): Promise<string> => {
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    const hasher = createHash("sha256");
    const file = await open(tmp, "w");
    try {
      const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = data instanceof Uint8Array ? [data] : data;
      for await (const chunk of chunks) {
        hasher.update(chunk);
        await file.write(chunk);
      }
      await file.sync();
    } catch (e) {
      await file.close().catch(() => {});
      await rm(tmp, { force: true });
      throw e;
    }
    await file.close();
    const hash = hasher.digest("hex");
    if ((await sizeOf(hash)) !== null) {
      await rm(tmp, { force: true });
      return hash;
    }
    await mkdir(join(dir, hash.slice(0, 2)), { recursive: true });
    await rename(tmp, pathOf(hash));
    return hash;
  };

  return {
    location: dir,
    put: (data) =>
      put(data).catch((e: unknown) => {
        throw fileBlobError(e, dir);
      }),
    async get(hash, range) {
      if ((await sizeOf(hash)) === null) return null;
      return Readable.toWeb(
        createReadStream(pathOf(hash), range ? { start: range.start, end: range.end } : {}),
      ) as ReadableStream<Uint8Array>;
    },
    has: async (hash) => (await sizeOf(hash)) !== null,
    delete: async (hash) => {
      if (isBlobHash(hash)) await rm(pathOf(hash), { force: true });
    },
    size: sizeOf,
    async check() {
      try {
        await mkdir(dir, { recursive: true });
        await access(dir, constants.R_OK | constants.W_OK);
      } catch (e) {
        throw fileBlobError(e, dir);
      }
    },
  };
}
