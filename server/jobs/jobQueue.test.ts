import { describe, expect, it } from "vitest";
import { metricsRegistry } from "../ops/metrics";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { createJobQueue, JobCancelledError, type JobQueue } from "./createJobQueue";
import type { JobRecord } from "./JobRecord";

const owner = { projectId: "default", userId: "u1" };

/** Polls until the job satisfies `until` (the queue picks jobs up within its 0.5 s poll). */
async function waitFor(queue: JobQueue, jobId: string, until: (j: JobRecord) => boolean): Promise<JobRecord> {
  for (;;) {
    const job = (await queue.get(jobId))!;
    if (until(job)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testStoreKinds())("job queue on $name", (kind) => {
  const t = useTestDeps(kind);

  it("runs a job with progress seen from a second queue; cancel stops it; retry runs it again", async () => {
    const a = createJobQueue({ store: t.deps.store });
    // A second queue on the same store reads the same jobs (another server on one PostgreSQL).
    const b = createJobQueue({ store: t.deps.store });
    let release = () => {};
    const seen: string[] = [];
    a.define<{ steps: number }>("count", async (ctx) => {
      for (let i = 1; i <= ctx.data.steps; i++) {
        if (i === 3) await new Promise<void>((r) => (release = r));
        try {
          await ctx.progress(i, ctx.data.steps);
        } catch (e) {
          seen.push(e instanceof JobCancelledError ? "cancelled" : "other");
          throw e;
        }
      }
      return { counted: ctx.data.steps };
    });
    await a.start();
    // b only sends and reads: a runs the job, b sees its progress (two servers, one database).
    const first = await b.send("count", { steps: 4 }, { ...owner, sequenceId: "s1" });
    expect(first).toMatchObject({ kind: "count", state: "queued", done: 0, sequenceId: "s1" });
    const running = await waitFor(b, first.jobId, (j) => j.state === "running" && j.done === 1);
    expect(running.total).toBe(4);
    const cancelled = await a.cancel(first.jobId);
    expect(cancelled?.state).toBe("cancelled");
    release();
    await waitFor(a, first.jobId, () => seen.length > 0);
    expect(seen).toEqual(["cancelled"]);
    expect((await a.get(first.jobId))?.state).toBe("cancelled");

    expect((await a.retry(first.jobId))?.state).toBe("queued");
    await waitFor(a, first.jobId, (j) => j.state === "running" && j.done === 1);
    release();
    const done = await waitFor(a, first.jobId, (j) => j.state === "done");
    expect(done).toMatchObject({ done: 4, total: 4, result: { counted: 4 }, message: null });
    expect(await a.get("9a0c3c47-0000-4000-8000-000000000000")).toBeUndefined();

    const text = await metricsRegistry.metrics();
    expect(text).toMatch(/cuboidal_jobs_finished_total\{queue="count",outcome="cancelled"\} [1-9]/);
    expect(text).toMatch(/cuboidal_jobs\{queue="count",state="completed"\} [1-9]/);
    await a.stop();
    await b.stop();
  });

  it("a failing job is tried twice, keeps its message, and a person's retry runs it again", async () => {
    const q = createJobQueue({ store: t.deps.store });
    let attempts = 0;
    q.define("flaky", async () => {
      attempts++;
      if (attempts <= 2) throw new Error(`frame 7: attempt ${attempts} broke`);
      return "ok";
    });
    const job = await q.send("flaky", {}, owner);
    const failed = await waitFor(q, job.jobId, (j) => j.state === "failed");
    expect(attempts).toBe(2);
    expect(failed.message).toBe("frame 7: attempt 2 broke");
    await q.retry(job.jobId);
    const done = await waitFor(q, job.jobId, (j) => j.state === "done");
    expect(done).toMatchObject({ result: "ok", message: null });
    expect(attempts).toBe(3);
    await q.stop();
  });
});
