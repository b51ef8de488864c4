import type { Selectable } from "kysely";
import type { JobRecord } from "../../core/api/jobRecord";
import type { JobsTable } from "../db/Schema";

export type { JobRecord };

/** pg-boss's states of a job. */
export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

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
