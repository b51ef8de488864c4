import { describe, expect, it } from "vitest";
import { metricsRegistry } from "../ops/metrics";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { createJobQueue, JobCancelledError, type JobHandler, type JobQueue } from "./createJobQueue";
import { JobInputError } from "./JobInputError";
import type { JobRecord } from "./JobRecord";
import { must } from "../../core/model/must";

const owner = { projectId: "default", userId: "u1" };

/** Polls until the job satisfies `until` (the queue picks jobs up within its 0.5 s poll). */
async function waitFor(queue: JobQueue, jobId: string, until: (j: JobRecord) => boolean): Promise<JobRecord> {
  for (;;) {
    const job = must(await queue.get(jobId), "await queue.get(jobId)");
    if (until(job)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Attempts of queue `queue` this process ran to an end, whatever the outcome, from /metrics. */
async function finishedRuns(queue: string): Promise<number> {
  const text = await metricsRegistry.metrics();
  const re = new RegExp(`cuboidal_jobs_finished_total\\{queue="${queue}",outcome="\\w+"\\} (\\d+)`, "g");
  return [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
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

  it("a retry while the cancelled attempt still runs: only the new attempt writes the row", async () => {
    // Two servers on one database: each runs one job at a time, so while attempt 1 holds one of
    // them the other runs attempt 2.
    const q = createJobQueue({ store: t.deps.store });
    const other = createJobQueue({ store: t.deps.store });
    const gates: Array<() => void> = [];
    const stops: string[] = [];
    const handler: JobHandler<unknown> = async (ctx) => {
      const attempt = gates.length + 1;
      const gate = new Promise<void>((r) => gates.push(r));
      await ctx.progress(1, 3, `attempt ${attempt} step 1`);
      await gate;
      try {
        await ctx.progress(2, 3, `attempt ${attempt} step 2`);
      } catch (e) {
        stops.push(`attempt ${attempt}: ${e instanceof JobCancelledError ? "stopped" : "other"}`);
        // The worst handler goes on after the stop: what it returns must not be stored either.
        return { attempt };
      }
      await ctx.progress(3, 3);
      return { attempt };
    };
    q.define("overtaken", handler);
    other.define("overtaken", handler);
    await other.start();
    const job = await q.send("overtaken", {}, owner);
    await waitFor(q, job.jobId, (j) => j.message === "attempt 1 step 1");
    expect((await q.cancel(job.jobId))?.state).toBe("cancelled");
    // Attempt 1 still holds its gate (a slow frame, or another server): the retry starts attempt 2.
    expect(await q.retry(job.jobId)).toMatchObject({ state: "queued", done: 0, message: null });
    await waitFor(q, job.jobId, (j) => j.message === "attempt 2 step 1");
    expect(gates).toHaveLength(2);
    const finishedBefore = await finishedRuns("overtaken");
    must(gates[0], "gates[0]")();
    while ((await finishedRuns("overtaken")) === finishedBefore) await new Promise((r) => setTimeout(r, 20));
    expect(stops).toEqual(["attempt 1: stopped"]);
    // Attempt 1 wrote neither its step 2 nor its result; attempt 2 runs on, unharmed.
    expect(await q.get(job.jobId)).toMatchObject({
      state: "running",
      done: 1,
      message: "attempt 2 step 1",
      result: null,
    });
    must(gates[1], "gates[1]")();
    const done = await waitFor(q, job.jobId, (j) => j.state === "done");
    expect(done).toMatchObject({ done: 3, total: 3, message: null, result: { attempt: 2 } });
    expect(stops).toEqual(["attempt 1: stopped"]);
    expect(gates).toHaveLength(2);
    await q.stop();
    await other.stop();
  });

  it("shows the last progress of a quick burst while the job then waits", async () => {
    const q = createJobQueue({ store: t.deps.store });
    let release = () => {};
    q.define("burst", async (ctx) => {
      // Three reports within the 250 ms write interval, then a long wait (a slow model server).
      await ctx.progress(0, 5);
      await ctx.progress(1, 5);
      await ctx.progress(2, 5);
      await new Promise<void>((r) => (release = r));
      await ctx.progress(5, 5);
      return null;
    });
    await q.start();
    const job = await q.send("burst", {}, owner);
    // Before the trailing write the row stayed at 0 for as long as the job waited.
    expect(await waitFor(q, job.jobId, (j) => j.done === 2)).toMatchObject({ state: "running", total: 5 });
    release();
    expect(await waitFor(q, job.jobId, (j) => j.state === "done")).toMatchObject({ done: 5, total: 5 });
    await q.stop();
  });

  it("a bad input fails at once, without the automatic retry; a person's retry runs it again", async () => {
    const q = createJobQueue({ store: t.deps.store });
    let attempts = 0;
    q.define("bad-input", async () => {
      attempts++;
      if (attempts === 1) throw new JobInputError("sequence s9 does not exist");
      return "ok";
    });
    const job = await q.send("bad-input", {}, owner);
    // pg-boss's retry would show "queued" (its retry state) before "failed": failed here is final.
    const failed = await waitFor(q, job.jobId, (j) => j.state !== "queued" && j.state !== "running");
    expect(failed).toMatchObject({ state: "failed", message: "sequence s9 does not exist" });
    expect(attempts).toBe(1);
    expect((await q.retry(job.jobId))?.state).toBe("queued");
    expect(await waitFor(q, job.jobId, (j) => j.state === "done")).toMatchObject({
      result: "ok",
      message: null,
    });
    expect(attempts).toBe(2);
    await q.stop();
  });

  it("a transient failure is tried twice, keeps its message, and a person's retry runs it again", async () => {
    const q = createJobQueue({ store: t.deps.store });
    let attempts = 0;
    q.define("flaky", async () => {
      attempts++;
      if (attempts <= 2) throw new Error(`frame 7: attempt ${attempts}: connect ECONNREFUSED 10.0.0.5:9000`);
      return "ok";
    });
    const job = await q.send("flaky", {}, owner);
    const failed = await waitFor(q, job.jobId, (j) => j.state === "failed");
    expect(attempts).toBe(2);
    expect(failed.message).toBe("frame 7: attempt 2: connect ECONNREFUSED 10.0.0.5:9000");
    await q.retry(job.jobId);
    const done = await waitFor(q, job.jobId, (j) => j.state === "done");
    expect(done).toMatchObject({ result: "ok", message: null });
    expect(attempts).toBe(3);
    await q.stop();
  });
});
