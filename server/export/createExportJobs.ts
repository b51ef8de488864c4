import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Zip, ZipPassThrough } from "fflate";
import { listFilesRecursive } from "../import/sourceFolder";
import type { ServerDeps } from "../ServerDeps";
import { type ExportFormat, type ExportResult, exportSequence } from "./exportSequence";
import { exportJobEnded, exportJobStarted } from "../ops/metrics";

export interface ExportJob {
  jobId: string;
  sequenceId: string;
  format: ExportFormat;
  state: "running" | "done" | "failed";
  /** Frames written (the zip is made after the last one). */
  done: number;
  total: number;
  message?: string;
  result?: ExportResult;
  /** Bytes of the finished zip. */
  sizeBytes?: number;
}

/** A finished export's zip is kept this long for its download. */
const KEEP_MS = 3600 * 1000;

/**
 * Export jobs run in this process: a POST starts one and returns at once, GET polls its progress,
 * the download streams the zip from disk. Jobs are lost when the process stops (a PostgreSQL
 * queue such as pg-boss or graphile-worker would keep them and let another process run them).
 */
export function createExportJobs(deps: ServerDeps) {
  const jobs = new Map<string, ExportJob & { zipPath?: string; dir?: string }>();
  const forget = (jobId: string) => {
    const job = jobs.get(jobId);
    jobs.delete(jobId);
    if (job?.dir) void rm(job.dir, { recursive: true, force: true });
  };
  const run = async (job: ExportJob & { zipPath?: string; dir?: string }) => {
    exportJobStarted();
    try {
      const dir = await mkdtemp(join(tmpdir(), "cuboidal-export-"));
      job.dir = dir;
      const out = join(dir, "out");
      job.result = await exportSequence(deps, job.sequenceId, job.format, out, (done, total) => {
        job.done = done;
        job.total = total;
      });
      job.zipPath = join(dir, `${job.format}.zip`);
      job.sizeBytes = await zipFolder(out, job.zipPath);
      await rm(out, { recursive: true, force: true });
      job.state = "done";
    } catch (e) {
      job.state = "failed";
      job.message = (e as Error).message;
    } finally {
      exportJobEnded();
    }
    setTimeout(() => forget(job.jobId), KEEP_MS).unref();
  };
  return {
    start(sequenceId: string, format: ExportFormat, total: number): ExportJob {
      const job: ExportJob = { jobId: randomUUID(), sequenceId, format, state: "running", done: 0, total };
      jobs.set(job.jobId, job);
      void run(job);
      return job;
    },
    get(jobId: string): ExportJob | undefined {
      const job = jobs.get(jobId);
      if (!job) return undefined;
      const { zipPath: _z, dir: _d, ...visible } = job;
      return visible;
    },
    zipPathOf: (jobId: string) => jobs.get(jobId)?.zipPath,
  };
}

/** Zips a folder file by file into zipPath (stored, not deflated: sweeps and images barely shrink). */
async function zipFolder(dir: string, zipPath: string): Promise<number> {
  const out = createWriteStream(zipPath);
  let size = 0;
  let pending = Promise.resolve();
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    size += chunk.length;
    const buf = Buffer.from(chunk);
    pending = pending.then(
      () => new Promise<void>((resolve, reject) => out.write(buf, (e) => (e ? reject(e) : resolve()))),
    );
  });
  for (const rel of await listFilesRecursive(dir)) {
    const entry = new ZipPassThrough(rel);
    zip.add(entry);
    entry.push(await readFile(join(dir, rel)), true);
    await pending;
  }
  zip.end();
  await pending;
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return size;
}
