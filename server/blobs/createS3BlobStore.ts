import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { type BlobStore, blobKey, isBlobHash } from "./BlobStore";
import { BlobStoreUnavailableError } from "./BlobStoreErrors";

export interface S3BlobStoreOptions {
  bucket: string;
  /** Key prefix without leading or trailing slash ("" for the bucket's root). */
  prefix: string;
  /** Passed to S3Client: endpoint, region, credentials, forcePathStyle. */
  client: S3ClientConfig;
  /** Where a streamed put is spooled while it is hashed (default: the system temp folder). */
  spoolDir?: string;
}

/** HTTP statuses and SDK error names that mean "no such object". */
const isNotFound = (e: unknown) => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === "NotFound" || err.name === "NoSuchKey" || err.$metadata?.httpStatusCode === 404;
};

/**
 * Blobs in an S3-compatible bucket under `<prefix>/<aa>/<sha256>`, the keys of the file store. A put
 * spools the bytes to a local temp file while hashing (the key is the hash, known only at the end),
 * skips the upload when the object exists, and uploads with lib-storage (multipart past 8 MiB): S3
 * makes an object visible whole or not at all, so readers never see half a blob. Any network or 5xx
 * failure becomes a BlobStoreUnavailableError (503 to the user); the SDK client reconnects by itself
 * when the store comes back, so no restart is needed.
 */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  const client = new S3Client({ maxAttempts: 2, ...options.client });
  const { bucket } = options;
  const location = `s3://${bucket}/${options.prefix}`;
  const keyOf = (hash: string) => (options.prefix ? `${options.prefix}/${blobKey(hash)}` : blobKey(hash));
  const spoolDir = options.spoolDir ?? join(tmpdir(), "cuboidal-s3-spool");
  const unavailable = (e: unknown): never => {
    const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = err.$metadata?.httpStatusCode;
    if (status !== undefined && status < 500 && status !== 429) throw e;
    throw new BlobStoreUnavailableError(
      `object storage ${location} is unreachable (${err.name ?? "error"}: ${(err.message ?? "").split("\n")[0]}); retry in a moment`,
    );
  };

  const sizeOf = async (hash: string): Promise<number | null> => {
    if (!isBlobHash(hash)) return null;
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(hash) }));
      return head.ContentLength ?? 0;
    } catch (e) {
      if (isNotFound(e)) return null;
      return unavailable(e);
    }
  };

  return {
    location,
    async put(data) {
      await mkdir(spoolDir, { recursive: true });
      const spool = join(spoolDir, randomUUID());
      const hasher = createHash("sha256");
      let bytes = 0;
      try {
        const file = await open(spool, "w");
        try {
          const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = data instanceof Uint8Array ? [data] : data;
          for await (const chunk of chunks) {
            hasher.update(chunk);
            bytes += chunk.byteLength;
            await file.write(chunk);
          }
        } finally {
          await file.close();
        }
        const hash = hasher.digest("hex");
        if ((await sizeOf(hash)) === bytes) return hash;
        try {
          await new Upload({
            client,
            params: {
              Bucket: bucket,
              Key: keyOf(hash),
              Body: createReadStream(spool),
              ContentType: "application/octet-stream",
              // The hash is the name: clients may cache forever.
              CacheControl: "private, max-age=31536000, immutable",
            },
            partSize: 8 * 1024 * 1024,
            queueSize: 2,
          }).done();
        } catch (e) {
          unavailable(e);
        }
        const stored = await sizeOf(hash);
        if (stored !== bytes)
          throw new BlobStoreUnavailableError(
            `object storage ${location} holds ${stored ?? "no"} bytes for ${hash} after an upload of ${bytes}`,
          );
        return hash;
      } finally {
        await rm(spool, { force: true });
      }
    },
    async get(hash, range) {
      if (!isBlobHash(hash)) return null;
      try {
        const out = await client.send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: keyOf(hash),
            ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
          }),
        );
        const body = out.Body as Readable | undefined;
        if (!body) return null;
        return Readable.toWeb(body) as ReadableStream<Uint8Array>;
      } catch (e) {
        if (isNotFound(e)) return null;
        return unavailable(e);
      }
    },
    has: async (hash) => (await sizeOf(hash)) !== null,
    size: sizeOf,
    async delete(hash) {
      if (!isBlobHash(hash)) return;
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(hash) }));
      } catch (e) {
        if (!isNotFound(e)) unavailable(e);
      }
    },
    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (e) {
        if (isNotFound(e))
          throw new BlobStoreUnavailableError(`object storage bucket ${bucket} does not exist (${location})`);
        unavailable(e);
        throw new BlobStoreUnavailableError(
          `object storage ${location} refused access (${(e as Error).name})`,
        );
      }
    },
  };
}
