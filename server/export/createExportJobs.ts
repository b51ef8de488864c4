import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Zip, ZipPassThrough } from "fflate";
import { listFilesRecursive } from "../import/sourceFolder";
import type { JobQueue } from "../jobs/createJobQueue";
import type { JobRecord } from "../jobs/JobRecord";
import type { ServerDeps } from "../ServerDeps";
import { type ExportFormat, type ExportResult, exportSequence } from "./exportSequence";

/** What a client sees of an export job (GET /api/exports/:jobId), from any server. */
export interface ExportJob {
  jobId: string;
  sequenceId: string;
  format: ExportFormat;
  state: JobRecord["state"];
  /** Frames written (the zip is made after the last one). */
  done: number;
  total: number;
  message?: string;
  result?: ExportResult;
  /** Bytes of the finished zip. */
  sizeBytes?: number;
}

/** A finished export's output: the zip is a blob in the shared blob store, so every server serves it. */
export interface ExportOutput {
  result: ExportResult;
  zipBlob: string;
  sizeBytes: number;
}

export const EXPORT_JOB = "export";

/**
 * Export jobs run on the job queue: a POST queues one and returns at once, any server of the
 * deployment runs it, writes the zip into the blob store and answers GET and the download.
 */
export function defineExportJobs(deps: ServerDeps, queue: JobQueue): void {
  queue.define<{ sequenceId: string; format: ExportFormat }>(EXPORT_JOB, async (ctx) => {
    const dir = await mkdtemp(join(tmpdir(), "cuboidal-export-"));
    try {
      const out = join(dir, "out");
      const result = await exportSequence(deps, ctx.data.sequenceId, ctx.data.format, out, ctx.progress);
      const zipPath = join(dir, `${ctx.data.format}.zip`);
      const sizeBytes = await zipFolder(out, zipPath);
      const zipBlob = await deps.blobs.put(createReadStream(zipPath));
      return { result, zipBlob, sizeBytes } satisfies ExportOutput;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

/** The client's view of an export job record. */
export function exportJobView(job: JobRecord): ExportJob {
  const input = job.input as { format: ExportFormat } | null;
  const output = job.result as ExportOutput | null;
  return {
    jobId: job.jobId,
    sequenceId: job.sequenceId ?? "",
    format: input?.format ?? output?.result.format ?? "native",
    state: job.state,
    done: job.done,
    total: job.total,
    ...(job.message ? { message: job.message } : {}),
    ...(output ? { result: output.result, sizeBytes: output.sizeBytes } : {}),
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
