import type { KyselyPlugin } from "kysely";
import { describe, expect, it } from "vitest";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { createJobQueue, type JobQueue } from "./createJobQueue";
import { JobInputError } from "./JobInputError";
import type { JobRecord } from "./JobRecord";
import { must } from "../../core/model/must";

const owner = { projectId: "default", userId: "u1" };

async function waitFor(queue: JobQueue, jobId: string, until: (j: JobRecord) => boolean): Promise<JobRecord> {
  for (;;) {
    const job = must(await queue.get(jobId), "the job");
    if (until(job)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A *.pg.test.ts file (runs when TEST_DATABASE_URL is set): the reader's store below holds a result
// back after its query, and on PGlite's one connection that would hold every other query too.
describe("a job's record on PostgreSQL", () => {
  const t = useTestDeps(
    must(
      testStoreKinds().find((k) => k.name === "postgres"),
      "the postgres store kind",
    ),
  );

  it("a reader sees the row and the state of one moment, however slow its read", async () => {
    // The reader's store holds back its first read of a job row until the job has failed: were the
    // row and pg-boss's state read apart, the state would be of after the failure and the row of
    // before it (seen in CI: "failed" with no message; "done" at 1 of 4 with no result).
    const runner = createJobQueue({ store: t.deps.store });
    let fail = () => {};
    runner.define("slow-read", async (ctx) => {
      await ctx.progress(1, 2);
      await new Promise<void>((r) => (fail = r));
      throw new JobInputError("frame 2 has no points");
    });
    await runner.start();
    const job = await runner.send("slow-read", {}, owner);
    await waitFor(runner, job.jobId, (j) => j.state === "running" && j.done === 1);
    let armed = true;
    const holdFirstJobRead: KyselyPlugin = {
      transformQuery: (args) => args.node,
      async transformResult({ result }) {
        const [first] = result.rows;
        if (armed && first && typeof first === "object" && "attempt_id" in first) {
          armed = false;
          fail();
          await waitFor(runner, job.jobId, (j) => j.state === "failed");
        }
        return result;
      },
    };
    const reader = createJobQueue({
      store: { ...t.deps.store, db: t.deps.store.db.withPlugin(holdFirstJobRead) },
    });
    const seen = must(await reader.get(job.jobId), "the job read through the slow reader");
    expect(armed).toBe(false);
    expect(seen).toMatchObject({ state: "running", done: 1, message: null });
    expect(await reader.get(job.jobId)).toMatchObject({ state: "failed", message: "frame 2 has no points" });
    await reader.stop();
    await runner.stop();
  });
});
