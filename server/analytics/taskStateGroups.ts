import { sql } from "kysely";

/**
 * Task states as the progress and ledger figures group them. Both the review workflow's states
 * (core/review/TaskState) and the names stored before it ("review", "done") are read.
 */
export const SUBMITTED_STATES = ["submitted"] as const;
export const IN_REVIEW_STATES = ["in-review", "review"] as const;
export const ACCEPTED_STATES = ["accepted", "done"] as const;

export const inStates = (states: readonly string[]) => sql.join(states.map((s) => sql.lit(s)));

export type ProgressStage = "submitted" | "inReview" | "accepted" | "other";

export const stageOf = (state: string): ProgressStage =>
  (SUBMITTED_STATES as readonly string[]).includes(state)
    ? "submitted"
    : (IN_REVIEW_STATES as readonly string[]).includes(state)
      ? "inReview"
      : (ACCEPTED_STATES as readonly string[]).includes(state)
        ? "accepted"
        : "other";
