import type { BoxVerdict } from "../../core/review/BoxVerdict";
import type { ReviewApi } from "../editor/review/ReviewApi";
import type { ReviewState } from "../editor/review/ReviewState";
import { errorMessage } from "../i18n/errorMessage";
import { apiClient, ok, pathParam } from "./apiClient";

const task = apiClient.api.tasks[":taskId"];
const taskParam = (taskId: string) => ({ taskId: pathParam(taskId) });
const issueParam = (taskId: string, issueId: string) => ({
  taskId: pathParam(taskId),
  issueId: pathParam(issueId),
});

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
    for (const v of verdicts)
      saved.push(await ok(task.verdicts.$post({ param: taskParam(taskId), json: v })));
    return saved;
  },
  createIssue: (taskId, input) => ok(task.issues.$post({ param: taskParam(taskId), json: input })),
  replyToIssue: (taskId, issueId, body) =>
    ok(task.issues[":issueId"].replies.$post({ param: issueParam(taskId, issueId), json: { body } })),
  changeIssue: (taskId, issueId, action) =>
    ok(task.issues[":issueId"].status.$post({ param: issueParam(taskId, issueId), json: { action } })),
  transition: (taskId, action) => ok(task.transitions.$post({ param: taskParam(taskId), json: { action } })),
  task: (taskId) => ok(task.$get({ param: taskParam(taskId) })),
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
  ok(task.history.$get({ param: taskParam(taskId) })).then((r) => r.transitions);

/** Everything a workspace opened on a task starts with, in one go. */
export async function fetchReviewStart(taskId: string): Promise<Partial<ReviewState>> {
  const detail = await reviewApi.task(taskId);
  const [history, verdicts, issues, errorTypes] = await Promise.all([
    fetchTaskHistory(taskId),
    ok(task.verdicts.$get({ param: taskParam(taskId) })),
    ok(task.issues.$get({ param: taskParam(taskId) })),
    ok(apiClient.api.projects[":id"]["error-types"].$get({ param: { id: pathParam(detail.projectId) } })),
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
export const fetchReviewDiff = (taskId: string, range: { from?: number; to?: number } = {}) =>
  ok(
    task["review-diff"].$get({
      param: taskParam(taskId),
      query: {
        ...(range.from !== undefined ? { from: String(range.from) } : {}),
        ...(range.to !== undefined ? { to: String(range.to) } : {}),
      },
    }),
  );
