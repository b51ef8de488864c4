import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayDatabase } from "../testing/createThrowawayDatabase";
import { importTinyOverHttp } from "../testing/importTinyOverHttp";
import { spawnServerProcess } from "../testing/spawnServerProcess";
import { startTestS3, type TestS3 } from "../testing/startTestS3";
import { tempDirsForFile } from "../testing/tempDirsForFile";
import { signInForToken, TEST_ADMIN_PASSWORD } from "../testing/testAuth";
import { must } from "../../core/model/must";

const adminUrl = process.env.TEST_DATABASE_URL;
const tempDir = tempDirsForFile();
const METRICS_TOKEN = "jobs-test-metrics-token-0123456789";

/** Jobs this server process ran to the end ("done"), from its /metrics. */
async function jobsDoneBy(url: string): Promise<number> {
  const text = await (
    await fetch(`${url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  return Number(/cuboidal_jobs_finished_total\{queue="export",outcome="done"\} (\d+)/.exec(text)?.[1] ?? 0);
}

// A *.pg.test.ts file: runs when TEST_DATABASE_URL is set.
describe("jobs on two servers of one PostgreSQL", () => {
  let s3: TestS3;
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    s3 = await startTestS3();
    db = await createThrowawayDatabase(must(adminUrl, "adminUrl"), "jobstwo");
  });
  afterAll(async () => {
    await db?.drop();
    await s3?.close();
  });

  it("either server takes queued exports; both report every job and serve every zip", async () => {
    const clientDir = tempDir("cuboidal-client-");
    writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>test</title>");
    const env = (n: number) => ({
      ...s3.env("jobs"),
      DATABASE_URL: db.url,
      DATA_DIR: tempDir(`cuboidal-jobs-${n}-`),
      CLIENT_DIR: clientDir,
      METRICS_TOKEN,
    });
    const servers = [spawnServerProcess(env(1)), spawnServerProcess(env(2))];
    try {
      const urls = await Promise.all(servers.map((s) => s.ready()));
      const auth = await signInForToken(must(urls[0], "urls[0]"), "admin", TEST_ADMIN_PASSWORD);
      // 150 frames: each export takes longer than a poll (0.5 s), so while one server is busy with
      // a job the other takes the next one (each server runs one job at a time).
      const { sequenceId } = await importTinyOverHttp(must(urls[0], "urls[0]"), auth, 150, 1);
      const jobIds: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${urls[i % 2]}/api/sequences/${sequenceId}/exports`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ format: "native" }),
        });
        expect(res.status).toBe(202);
        jobIds.push(((await res.json()) as { jobId: string }).jobId);
      }
      for (const [i, jobId] of jobIds.entries()) {
        // Polled on the server that did not queue it.
        const other = must(urls[(i + 1) % 2], "urls[(i + 1) % 2]");
        let job = { state: "queued", done: 0, total: 0 };
        while (job.state === "queued" || job.state === "running") {
          await new Promise((r) => setTimeout(r, 200));
          job = await (await fetch(`${other}/api/exports/${jobId}`, { headers: auth })).json();
        }
        expect(job).toMatchObject({ state: "done", done: 150, total: 150 });
      }
      const [doneA, doneB] = await Promise.all(urls.map(jobsDoneBy));
      expect(must(doneA, "doneA") + must(doneB, "doneB")).toBe(4);
      expect(doneA).toBeGreaterThan(0);
      expect(doneB).toBeGreaterThan(0);
      // Every zip from both servers, byte for byte the same.
      for (const jobId of jobIds) {
        const zips = await Promise.all(
          urls.map(async (u) => {
            const res = await fetch(`${u}/api/exports/${jobId}/download`, { headers: auth });
            expect(res.status).toBe(200);
            return Buffer.from(await res.arrayBuffer());
          }),
        );
        expect(must(zips[0], "zips[0]").length).toBeGreaterThan(150 * 100);
        expect(Buffer.compare(must(zips[0], "zips[0]"), must(zips[1], "zips[1]"))).toBe(0);
      }
      // Cancel and retry through the server that is not running it, seen from both.
      const res = await fetch(`${urls[0]}/api/sequences/${sequenceId}/exports`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ format: "native" }),
      });
      const { jobId } = (await res.json()) as { jobId: string };
      const cancelled = await (
        await fetch(`${urls[1]}/api/jobs/${jobId}/cancel`, { method: "POST", headers: auth })
      ).json();
      expect(cancelled.state).toBe("cancelled");
      const seen = await (await fetch(`${urls[0]}/api/jobs/${jobId}`, { headers: auth })).json();
      expect(seen.state).toBe("cancelled");
      await fetch(`${urls[0]}/api/jobs/${jobId}/retry`, { method: "POST", headers: auth });
      let job = { state: "queued" };
      while (job.state === "queued" || job.state === "running") {
        await new Promise((r) => setTimeout(r, 200));
        job = await (await fetch(`${urls[1]}/api/jobs/${jobId}`, { headers: auth })).json();
      }
      expect(job.state).toBe("done");
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});
