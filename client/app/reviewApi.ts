import type {
  ErrorTypesJson,
  IssueListJson,
  ReviewDiffJson,
  TaskDetailJson,
  TaskTransitionJson,
  TransitionReplyJson,
  VerdictListJson,
} from "../../core/api/review";
import type { BoxVerdict } from "../../core/review/BoxVerdict";
import type { ReviewIssue } from "../../core/review/ReviewIssue";
import type { ReviewApi } from "../editor/review/ReviewApi";
import type { ReviewState } from "../editor/review/ReviewState";
import { errorMessage } from "../i18n/errorMessage";
import { sendJson } from "./api";

const task = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** A refusal in the UI language, with the server's specifics (which state, whose move). */
const translated =
  <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    f(...args).catch((e: unknown) => {
      throw new Error(errorMessage(e));
    });

const plainApi: ReviewApi = {
  postVerdicts: async (taskId, verdicts) => {
    const saved: BoxVerdict[] = [];
    for (const v of verdicts) saved.push(await sendJson<BoxVerdict>("POST", `${task(taskId)}/verdicts`, v));
    return saved;
  },
  createIssue: (taskId, input) => sendJson<ReviewIssue>("POST", `${task(taskId)}/issues`, input),
  replyToIssue: (taskId, issueId, body) =>
    sendJson<ReviewIssue>("POST", `${task(taskId)}/issues/${encodeURIComponent(issueId)}/replies`, { body }),
  changeIssue: (taskId, issueId, action) =>
    sendJson<ReviewIssue>("POST", `${task(taskId)}/issues/${encodeURIComponent(issueId)}/status`, { action }),
  transition: (taskId, action) =>
    sendJson<TransitionReplyJson>("POST", `${task(taskId)}/transitions`, { action }),
  task: (taskId) => sendJson<TaskDetailJson>("GET", task(taskId)),
};

/** The review routes of the server (core/api/review.ts), for the review session. */
export const reviewApi: ReviewApi = {
  postVerdicts: translated(plainApi.postVerdicts),
  createIssue: translated(plainApi.createIssue),
  replyToIssue: translated(plainApi.replyToIssue),
  changeIssue: translated(plainApi.changeIssue),
  transition: translated(plainApi.transition),
  task: translated(plainApi.task),
};

export const fetchTaskHistory = (taskId: string) =>
  sendJson<{ transitions: TaskTransitionJson[] }>("GET", `${task(taskId)}/history`).then(
    (r) => r.transitions,
  );

/** Everything a workspace opened on a task starts with, in one go. */
export async function fetchReviewStart(taskId: string): Promise<Partial<ReviewState>> {
  const detail = await reviewApi.task(taskId);
  const [history, verdicts, issues, errorTypes] = await Promise.all([
    fetchTaskHistory(taskId),
    sendJson<VerdictListJson>("GET", `${task(taskId)}/verdicts`),
    sendJson<IssueListJson>("GET", `${task(taskId)}/issues`),
    sendJson<ErrorTypesJson>("GET", `/api/projects/${encodeURIComponent(detail.projectId)}/error-types`),
  ]);
  return {
    task: detail,
    history,
    verdicts: verdicts.verdicts,
    issues: issues.issues,
    errorTypes: errorTypes.errorTypes,
  };
}

/** The difference review made: the task's last submission (or `from`) against now (or `to`). */
export const fetchReviewDiff = (taskId: string, range: { from?: number; to?: number } = {}) => {
  const q = new URLSearchParams();
  if (range.from !== undefined) q.set("from", String(range.from));
  if (range.to !== undefined) q.set("to", String(range.to));
  const qs = q.toString();
  return sendJson<ReviewDiffJson>("GET", `${task(taskId)}/review-diff${qs ? `?${qs}` : ""}`);
};
