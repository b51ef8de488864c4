import { z } from "zod";

/** What a client sees of a queued job (GET /api/jobs/:jobId), the same from every server. */
export const jobRecordSchema = z.object({
  jobId: z.string(),
  /** The queue: "export", "prelabel". */
  kind: z.string(),
  /** queued: waiting for a server (a retry after a failed attempt too); running; done; failed; cancelled. */
  state: z.enum(["queued", "running", "done", "failed", "cancelled"]),
  projectId: z.string(),
  sequenceId: z.string().nullable(),
  /** What the job was asked to do (its kind's input). */
  input: z.unknown(),
  /** Units of work finished (frames; a pre-label run counts its track call as one more) of `total`. */
  done: z.number().int(),
  total: z.number().int(),
  /** Why it failed, or what it is doing now. */
  message: z.string().nullable(),
  /** The finished job's output (an export's zip and counts; a pre-label run's counts and model). */
  result: z.unknown(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JobRecord = z.infer<typeof jobRecordSchema>;
