import type { Selectable } from "kysely";
import type { JobsTable } from "../db/Schema";

/** pg-boss's states of a job. */
export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

/** What a client sees of a job, the same from every server (GET /api/jobs/:jobId). */
export interface JobRecord {
  jobId: string;
  kind: string;
  /** queued: waiting for a server (a retry after a failed attempt too); running; done; failed; cancelled. */
  state: "queued" | "running" | "done" | "failed" | "cancelled";
  projectId: string;
  sequenceId: string | null;
  /** What the job was asked to do (its kind's data). */
  input: unknown;
  /** Units of work finished (frames) of `total`. */
  done: number;
  total: number;
  /** Why it failed, or what it is doing now. */
  message: string | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
}

const STATES: Record<JobState, JobRecord["state"]> = {
  created: "queued",
  retry: "queued",
  active: "running",
  completed: "done",
  cancelled: "cancelled",
  failed: "failed",
};

/** The client's view of a `jobs` row and pg-boss's state of the job. */
export function jobRecord(row: Selectable<JobsTable>, state: JobState): JobRecord {
  return {
    jobId: row.id,
    kind: row.kind,
    state: STATES[state],
    projectId: row.project_id,
    sequenceId: row.sequence_id,
    input: row.input,
    done: row.done,
    total: row.total,
    message: row.message,
    result: row.result,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
