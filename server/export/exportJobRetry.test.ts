import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { importSequence } from "../import/importSequence";
import { createJobQueue } from "../jobs/createJobQueue";
import { metricsRegistry } from "../ops/metrics";
import type { ServerDeps } from "../ServerDeps";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import { defineExportJobs, EXPORT_JOB, type ExportOutput } from "./createExportJobs";
import { must } from "../../core/model/must";

/** Export attempts this process ran to an end, whatever the outcome, from /metrics. */
async function exportsFinished(): Promise<number> {
  const text = await metricsRegistry.metrics();
  const re = /cuboidal_jobs_finished_total\{queue="export",outcome="\w+"\} (\d+)/g;
  return [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
}

async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
}

describe.each(testStoreKinds())("an export retried while its old attempt runs, on $name", (kind) => {
  const t = useTestDeps(kind);

  it("records the new attempt's zip, never the old attempt's", async () => {
    const { sequenceId } = await importSequence(t.deps, writeTinySequence(3, 2));
    // The blob store of both servers; the first zip stored (attempt 1's, after its last frame)
    // is held until the test lets it go, like a slow upload.
    const zips: string[] = [];
    let releaseFirst = () => {};
    const held = new Promise<void>((r) => (releaseFirst = r));
    const blobs: ServerDeps["blobs"] = Object.create(t.deps.blobs);
    blobs.put = async (data) => {
      const hash = await t.deps.blobs.put(data);
      zips.push(hash);
      if (zips.length === 1) await held;
      return hash;
    };
    const deps = { ...t.deps, blobs };
    // Two servers: one stays busy with attempt 1, the other runs attempt 2.
    const [a, b] = [createJobQueue({ store: deps.store }), createJobQueue({ store: deps.store })];
    defineExportJobs(deps, a);
    defineExportJobs(deps, b);
    await Promise.all([a.start(), b.start()]);
    const owner = { projectId: "default", sequenceId, userId: "u1" };
    const job = await a.send(EXPORT_JOB, { sequenceId, format: "native" }, owner);
    await until(() => zips.length === 1);
    // The sequence changes, so attempt 2's zip differs from attempt 1's.
    await deps.store.db
      .updateTable("sequences")
      .set({ name: "renamed" })
      .where("id", "=", sequenceId)
      .execute();
    expect((await a.cancel(job.jobId))?.state).toBe("cancelled");
    expect((await b.retry(job.jobId))?.state).toBe("queued");
    await until(async () => (await a.get(job.jobId))?.state === "done");
    expect(zips).toHaveLength(2);
    expect(zips[1]).not.toBe(zips[0]);
    const finished = await exportsFinished();
    releaseFirst();
    await until(async () => (await exportsFinished()) > finished);

    const done = must(await a.get(job.jobId), "await a.get(job.jobId)");
    expect(done).toMatchObject({ state: "done", done: 3, total: 3, message: null });
    const output = done.result as ExportOutput;
    expect(output.zipBlob).toBe(zips[1]);
    const stream = must(await deps.blobs.get(output.zipBlob), "await deps.blobs.get(output.zipBlob)");
    const files = unzipSync(new Uint8Array(await new Response(stream).arrayBuffer()));
    expect(JSON.parse(new TextDecoder().decode(files["sequence.json"]))).toMatchObject({ name: "renamed" });
    await a.stop();
    await b.stop();
  });
});
