/**
 * What the workspace knows about the review of its task: the server's records (task, verdicts,
 * issues, error types) as last read or written, and the reviewer's place in the queue. View state of
 * the review session, never annotation edits: nothing here is undoable.
 */
export type TaskState = "todo" | "labeling" | "submitted" | "in_review" | "accepted" | "rejected" | "rework";

export interface TaskTransition {
  from: TaskState | null;
  to: TaskState;
  byName: string;
  at: string;
}

export interface ReviewTask {
  id: string;
  name: string;
  state: TaskState;
  frameStart: number | null;
  frameEnd: number | null;
  labelerName: string | null;
  reviewerName: string | null;
  history: TaskTransition[];
}

export interface ErrorType {
  code: string;
  label: string;
}

export interface BoxVerdict {
  cuboidId: string;
  trackId: string;
  frameIndex: number;
  verdict: "accepted" | "rejected";
  errorType: string | null;
  note: string | null;
  byName: string;
  at: string;
}

export type IssueAnchor =
  | { kind: "box"; cuboidId: string; trackId: string }
  | { kind: "track"; trackId: string }
  | { kind: "point"; pointM: { x: number; y: number; z: number } };

export interface IssueReply {
  byName: string;
  text: string;
  at: string;
}

export interface ReviewIssue {
  id: string;
  frameIndex: number;
  anchor: IssueAnchor;
  /** Where the marker is drawn, in the frame's lidar coordinates. */
  pointM: { x: number; y: number; z: number };
  status: "open" | "resolved" | "verified";
  text: string;
  byName: string;
  at: string;
  replies: IssueReply[];
}

/** The reject being composed: B, then a digit for the error type, then an optional note and Enter. */
export interface RejectDraft {
  cuboidId: string;
  errorType: string | null;
  note: string;
}

export interface ReviewState {
  task: ReviewTask | null;
  /** The caller's part in the task. */
  role: "annotator" | "reviewer" | "lead" | null;
  /** Reviewer mode: the queue panel and the review keys are live. */
  reviewing: boolean;
  /** Cuboid ids in review order (core/review's queue order). */
  queue: readonly string[];
  cursor: number;
  verdicts: ReadonlyMap<string, BoxVerdict>;
  errorTypes: readonly ErrorType[];
  rejectDraft: RejectDraft | null;
  issues: readonly ReviewIssue[];
  /** Pinning an issue: the reviewer is writing its text (anchor chosen) or about to click a point. */
  pinDraft: { anchor: IssueAnchor | null; frameIndex: number; text: string } | null;
  /** The last outcome in words (a refusal from the server, "rejected: wrong heading"). */
  message: string | null;
}
