import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SequenceDetail } from "../core/api/sequenceDetail";
import { createThrowawayDatabase } from "./testing/createThrowawayDatabase";
import { spawnServerProcess } from "./testing/spawnServerProcess";
import { startTestS3, type TestS3 } from "./testing/startTestS3";
import { tempDirsForFile } from "./testing/tempDirsForFile";
import { signInForToken, TEST_ADMIN_PASSWORD } from "./testing/testAuth";
import { must } from "../core/model/must";

const sampleDir = path.resolve(import.meta.dirname, "../sample-data/default");
const adminUrl = process.env.TEST_DATABASE_URL;
const tempDir = tempDirsForFile();

// A *.pg.test.ts file: runs when TEST_DATABASE_URL is set (.ci/run sets it).
describe("two servers on one PostgreSQL and one bucket", () => {
  let s3: TestS3;
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    s3 = await startTestS3();
    db = await createThrowawayDatabase(must(adminUrl, "adminUrl"), "twoservers");
  });
  afterAll(async () => {
    await db?.drop();
    await s3?.close();
  });

  it("start together on an empty database: one migrates and imports, both serve the blobs from S3", async () => {
    const clientDir = tempDir("cuboidal-client-");
    writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>test</title>");
    const env = (n: number) => ({
      ...s3.env("two"),
      DATABASE_URL: db.url,
      DATA_DIR: tempDir(`cuboidal-two-${n}-`),
      CLIENT_DIR: clientDir,
      SAMPLE_DIR: sampleDir,
    });
    const servers = [spawnServerProcess(env(1)), spawnServerProcess(env(2))];
    try {
      const [a, b] = await Promise.all(servers.map((s) => s.ready()));
      const outputs = servers.map((s) => s.output());
      expect(outputs.filter((o) => /imported the sample sequence/.test(o))).toHaveLength(1);
      const auth = await signInForToken(must(b, "b"), "admin", TEST_ADMIN_PASSWORD);
      const listA = (await (await fetch(`${a}/api/sequences`, { headers: auth })).json()) as Array<{
        id: string;
      }>;
      const listB = (await (await fetch(`${b}/api/sequences`, { headers: auth })).json()) as Array<{
        id: string;
      }>;
      expect(listA).toHaveLength(1);
      expect(listB).toEqual(listA);

      // Blob routes on S3, through both servers: whole, ETag/304, ranges.
      const detail = (await (
        await fetch(`${b}/api/sequences/${must(listA[0], "listA[0]").id}`, { headers: auth })
      ).json()) as SequenceDetail;
      const frame = must(detail.frames[0], "detail.frames[0]");
      const manifest = JSON.parse(readFileSync(path.join(sampleDir, "sequence.json"), "utf8")) as {
        frames: Array<{ lidarPath: string }>;
      };
      const local = readFileSync(
        path.join(sampleDir, must(manifest.frames[0], "manifest.frames[0]").lidarPath),
      );
      expect(frame.lidarBlob).toBe(createHash("sha256").update(local).digest("hex"));
      for (const url of [a, b]) {
        const whole = await fetch(`${url}/api/blobs/${frame.lidarBlob}`, { headers: auth });
        expect(whole.status).toBe(200);
        expect(whole.headers.get("ETag")).toBe(`"${frame.lidarBlob}"`);
        expect(whole.headers.get("Accept-Ranges")).toBe("bytes");
        expect(Buffer.compare(Buffer.from(await whole.arrayBuffer()), local)).toBe(0);
        const cached = await fetch(`${url}/api/blobs/${frame.lidarBlob}`, {
          headers: { ...auth, "If-None-Match": `"${frame.lidarBlob}"` },
        });
        expect(cached.status).toBe(304);
        const part = await fetch(`${url}/api/blobs/${frame.lidarBlob}`, {
          headers: { ...auth, Range: "bytes=10-109" },
        });
        expect(part.status).toBe(206);
        expect(part.headers.get("Content-Range")).toBe(`bytes 10-109/${local.length}`);
        expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), local.subarray(10, 110))).toBe(0);
        const tail = await fetch(`${url}/api/blobs/${frame.lidarBlob}`, {
          headers: { ...auth, Range: "bytes=-5" },
        });
        expect(Buffer.compare(Buffer.from(await tail.arrayBuffer()), local.subarray(local.length - 5))).toBe(
          0,
        );
        const past = await fetch(`${url}/api/blobs/${frame.lidarBlob}`, {
          headers: { ...auth, Range: `bytes=${local.length}-` },
        });
        expect([past.status, past.headers.get("Content-Range")]).toEqual([416, `bytes */${local.length}`]);
      }
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});
