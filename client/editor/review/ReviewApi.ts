import type { BoxVerdict, IssueAnchor, ReviewIssue, ReviewTask, TaskState } from "./ReviewState";

/** The server calls a review session makes (app/reviewApi.ts over HTTP; a fake in unit tests). */
export interface ReviewApi {
  putVerdicts(
    taskId: string,
    verdicts: ReadonlyArray<{
      cuboidId: string;
      verdict: BoxVerdict["verdict"];
      errorType?: string;
      note?: string;
    }>,
  ): Promise<BoxVerdict[]>;
  createIssue(
    taskId: string,
    input: { frameIndex: number; anchor: IssueAnchor; pointM: ReviewIssue["pointM"]; text: string },
  ): Promise<ReviewIssue>;
  replyToIssue(taskId: string, issueId: string, text: string): Promise<ReviewIssue>;
  setIssueStatus(taskId: string, issueId: string, status: ReviewIssue["status"]): Promise<ReviewIssue>;
  transition(taskId: string, to: TaskState): Promise<ReviewTask>;
}
