import type { TaskDetailJson, TaskTransitionJson } from "../../../core/api/review";
import type { BoxVerdict } from "../../../core/review/BoxVerdict";
import type { ErrorType } from "../../../core/review/ErrorType";
import type { QueueItem } from "../../../core/review/orderReviewQueue";
import type { IssueAnchor, ReviewIssue } from "../../../core/review/ReviewIssue";

/** The reject being composed: B, then a digit for the error type, then an optional note and Enter. */
export interface RejectDraft {
  cuboidId: string;
  reasonCode: string | null;
  note: string;
}

/** An issue being pinned: its anchor (null until a point pin's click) and text. */
export interface PinDraft {
  anchor: IssueAnchor | null;
  frameIndex: number;
  body: string;
}

/**
 * What the workspace knows about the review of its task: the server's records (task, history,
 * verdicts, issues, error types) as last read or written, and the reviewer's place in the queue.
 * View state of the review session, never annotation edits: nothing here is undoable.
 */
export interface ReviewState {
  task: TaskDetailJson | null;
  history: readonly TaskTransitionJson[];
  /** Reviewer mode: the queue panel and the review keys are live. */
  reviewing: boolean;
  /** Boxes in review order (core/review orderReviewQueue over the sampled frames). */
  queue: readonly QueueItem[];
  cursor: number;
  /** Every verdict of the task, oldest first; the newest on a box or its track counts (effectiveVerdict). */
  verdicts: readonly BoxVerdict[];
  errorTypes: readonly ErrorType[];
  rejectDraft: RejectDraft | null;
  issues: readonly ReviewIssue[];
  pinDraft: PinDraft | null;
  /** The last outcome in words (a refusal from the server, "all boxes reviewed"). */
  message: string | null;
}
