import path from "node:path";
import type { BlobStore } from "./BlobStore";
import { createFileBlobStore } from "./createFileBlobStore";
import { createS3BlobStore, type S3BlobStoreOptions } from "./createS3BlobStore";

/** A BLOB_URL that cannot be used; the message says what is wrong with it. */
export class BlobUrlError extends Error {
  override readonly name = "BlobUrlError";
}

/**
 * Reads `s3://bucket/prefix` and the usual variables: AWS_ENDPOINT_URL (or S3_ENDPOINT) for an
 * S3-compatible server, AWS_REGION (default us-east-1), AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
 * (else the SDK's default chain: profile, instance role…), S3_FORCE_PATH_STYLE (default: on when an
 * endpoint is given, as MinIO and most S3-compatible servers want; "0" for virtual-hosted buckets).
 */
export function s3OptionsFromUrl(blobUrl: string, env: NodeJS.ProcessEnv): S3BlobStoreOptions {
  const [, bucket, path] = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(blobUrl) ?? [];
  if (bucket === undefined)
    throw new BlobUrlError(
      `BLOB_URL=${blobUrl.slice(0, 80)} is not s3://bucket[/prefix] (bucket: 3–63 lowercase letters, digits, dots, hyphens)`,
    );
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || env.S3_ENDPOINT || undefined;
  if (endpoint && !/^https?:\/\//.test(endpoint))
    throw new BlobUrlError(`the S3 endpoint ${endpoint.slice(0, 80)} must start with http:// or https://`);
  const pathStyle = env.S3_FORCE_PATH_STYLE ? !/^(0|false|no)$/i.test(env.S3_FORCE_PATH_STYLE) : !!endpoint;
  const keyId = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  return {
    bucket,
    prefix: (path ?? "").replace(/^\/+|\/+$/g, ""),
    client: {
      region: env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1",
      ...(endpoint ? { endpoint } : {}),
      forcePathStyle: pathStyle,
      ...(keyId && secret ? { credentials: { accessKeyId: keyId, secretAccessKey: secret } } : {}),
    },
  };
}

/**
 * The blob store of BLOB_URL: `s3://…` for object storage; a folder path (or `file://` URL) or
 * nothing for the local folder `<dataDir>/blobs`, the embedded default.
 */
export function openBlobStore(
  blobUrl: string | undefined,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): BlobStore {
  if (!blobUrl) return createFileBlobStore(path.join(dataDir, "blobs"));
  if (blobUrl.startsWith("s3://")) return createS3BlobStore(s3OptionsFromUrl(blobUrl, env));
  if (blobUrl.startsWith("file://")) return createFileBlobStore(new URL(blobUrl).pathname);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(blobUrl))
    throw new BlobUrlError(
      `BLOB_URL=${blobUrl.slice(0, 80)}: only s3:// and file:// (or a folder) are supported`,
    );
  return createFileBlobStore(path.resolve(blobUrl));
}
