import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import type { BlobStore } from "../blobs/BlobStore";
import { createS3BlobStore } from "../blobs/createS3BlobStore";
import { type RunningS3rver, startS3rver } from "./startS3rver";
import { must } from "../../core/model/must";

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** The environment a spawned server needs for BLOB_URL=s3://bucket/prefix. */
  env(prefix: string): Record<string, string>;
  /** A store under `prefix` in this file's bucket. */
  store(prefix: string): BlobStore;
  /** Only when this harness started s3rver itself (null with TEST_S3_ENDPOINT): to stop and restart it. */
  own: RunningS3rver | null;
  close(): Promise<void>;
}

/**
 * A real S3-compatible server for a test file: TEST_S3_ENDPOINT when set (CI's .ci/run starts
 * s3rver and sets it; a MinIO works too, with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), else an
 * s3rver this harness starts on a free loopback port, so `npm test` works in a fresh clone. Each
 * call makes a new bucket. `ownServer` forces a private s3rver (for tests that stop it).
 */
export async function startTestS3(options: { ownServer?: boolean } = {}): Promise<TestS3> {
  const external = options.ownServer ? undefined : process.env.TEST_S3_ENDPOINT;
  let dir: string | undefined;
  let own: RunningS3rver | null = null;
  if (!external) {
    dir = mkdtempSync(path.join(tmpdir(), "cuboidal-s3rver-"));
    own = await startS3rver(dir);
  }
  const endpoint = external ?? must(own, "own").endpoint;
  const accessKeyId = (external && process.env.AWS_ACCESS_KEY_ID) || "S3RVER";
  const secretAccessKey = (external && process.env.AWS_SECRET_ACCESS_KEY) || "S3RVER";
  const region = "us-east-1";
  const bucket = `test-${Math.random().toString(36).slice(2, 12)}`;
  const admin = new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
  });
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  admin.destroy();
  return {
    endpoint,
    bucket,
    own,
    env: (prefix) => ({
      BLOB_URL: `s3://${bucket}/${prefix}`,
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_REGION: region,
      S3_FORCE_PATH_STYLE: "1",
    }),
    store: (prefix) =>
      createS3BlobStore({
        bucket,
        prefix,
        client: { endpoint, region, forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } },
      }),
    async close() {
      await own?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
