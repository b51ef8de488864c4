import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { startTestS3, type TestS3 } from "../testing/startTestS3";
import { blobKey } from "./BlobStore";
import { createFileBlobStore } from "./createFileBlobStore";
import { must } from "../../core/model/must";

/** `npm run -s blobs:migrate -- ARGS`, asynchronously: the s3rver of this process must keep serving. */
const migrate = (args: string[], env: Record<string, string>) =>
  new Promise<{ status: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/blobsMigrate.ts", ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        resolve({
          status: error ? ((error as { code?: number }).code ?? 1) : 0,
          output: error ? stderr : stdout,
        }),
    );
  });

let s3: TestS3;
let dir: string;
beforeAll(async () => {
  s3 = await startTestS3();
  dir = mkdtempSync(path.join(tmpdir(), "cuboidal-migrate-"));
});
afterAll(async () => {
  await s3.close();
  rmSync(dir, { recursive: true, force: true });
});

it("npm run blobs:migrate copies a local store to a bucket, verified, and a rerun copies nothing", async () => {
  const local = createFileBlobStore(dir);
  const blobs = [randomBytes(1000), randomBytes(200_000), new Uint8Array()];
  const hashes = await Promise.all(blobs.map((b) => local.put(b)));
  // A file whose bytes no longer match its name (bit rot): reported, never copied.
  const rotten = await local.put(randomBytes(50));
  writeFileSync(path.join(dir, blobKey(rotten)), randomBytes(50));

  const to = `s3://${s3.bucket}/migrated`;
  const env = s3.env("");
  const first = await migrate(["--from", dir, "--to", to], env);
  expect(first.status).toBe(1);
  expect(first.output).toContain(
    `1 file(s) do not match their hash and were not copied: ${path.join(dir, blobKey(rotten))}`,
  );
  rmSync(path.join(dir, blobKey(rotten)));
  const second = await migrate(["--from", dir, "--to", to], env);
  expect(second.status).toBe(0);
  expect(
    JSON.parse(must(second.output.trim().split("\n").at(-1), 'second.output.trim().split("\\n").at(-1)')),
  ).toMatchObject({
    found: 3,
    copied: 0,
    alreadyThere: 3,
    corrupt: [],
  });
  const bucket = s3.store("migrated");
  for (const [i, h] of hashes.entries()) {
    expect(await bucket.size(h)).toBe(must(blobs[i], "blobs[i]").length);
    const back = new Uint8Array(await new Response(await bucket.get(h)).arrayBuffer());
    expect(Buffer.compare(Buffer.from(back), Buffer.from(must(blobs[i], "blobs[i]")))).toBe(0);
  }
  expect(await bucket.has(rotten)).toBe(false);
});
