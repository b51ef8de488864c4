import type { TaskDetailJson, TransitionReplyJson } from "../../../core/api/review";
import type { BoxVerdict, VerdictInput } from "../../../core/review/BoxVerdict";
import type { IssueAction, IssueInput, ReviewIssue } from "../../../core/review/ReviewIssue";
import type { TaskAction } from "../../../core/review/TaskState";

/** The server calls a review session makes (app/reviewApi.ts over HTTP; a fake in unit tests). */
export interface ReviewApi {
  postVerdicts(taskId: string, verdicts: readonly VerdictInput[]): Promise<BoxVerdict[]>;
  createIssue(taskId: string, input: IssueInput): Promise<ReviewIssue>;
  replyToIssue(taskId: string, issueId: string, body: string): Promise<ReviewIssue>;
  changeIssue(taskId: string, issueId: string, action: IssueAction): Promise<ReviewIssue>;
  transition(taskId: string, action: TaskAction): Promise<TransitionReplyJson>;
  /** The task again (its state and the caller's actions), after a transition. */
  task(taskId: string): Promise<TaskDetailJson>;
}
