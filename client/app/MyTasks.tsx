import { useState } from "react";
import type { MyTask } from "../../core/api/myTasks";
import type { TaskTransitionJson } from "../../core/api/review";
import { availableActions, type TaskState, taskStateFromLegacy } from "../../core/review/TaskState";
import { useTranslation } from "react-i18next";
import { taskStateLabel } from "../i18n/codeLabels";
import { actionLabel } from "../panels/review/actionLabel";
import { TaskHistory } from "../panels/review/TaskHistory";
import { AppLink } from "./AppLink";
import { fetchTaskHistory, reviewApi } from "./reviewApi";
import { apiClient, ok } from "./apiClient";
import { useApiCall } from "./useApiCall";

export type { MyTask };

/** The signed-in user's queue: tasks they label or review, each opening at its first frame. */
export function MyTasks() {
  const { t } = useTranslation();
  const { data, error, reload } = useApiCall(() => ok(apiClient.api.tasks.mine.$get()), []);
  return (
    <section>
      <h2>{t("myTasks.title")}</h2>
      {error && <p className="error">{error}</p>}
      {data && data.length === 0 && <p className="muted">{t("myTasks.none")}</p>}
      <ul className="sequence-list" data-testid="my-tasks">
        {data?.map((task) => (
          <MyTaskRow key={task.id} task={task} onChanged={reload} />
        ))}
      </ul>
    </section>
  );
}

/** One task: open it, move it on (the moves core's workflow gives the caller's part), see its history. */
function MyTaskRow({ task: t, onChanged }: { task: MyTask; onChanged: () => void }) {
  const { t: tr } = useTranslation();
  const [history, setHistory] = useState<TaskTransitionJson[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const state: TaskState = taskStateFromLegacy(t.state);
  const actions = availableActions(state, {
    role: t.myPart === "labeling" ? "annotator" : "reviewer",
    isLabeler: t.myPart === "labeling",
    isReviewer: t.myPart === "review",
  });
  const move = async (a: (typeof actions)[number]) => {
    try {
      await reviewApi.transition(t.id, a);
      setProblem(null);
      if (history) setHistory(await fetchTaskHistory(t.id));
      onChanged();
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  return (
    <li data-testid="my-task" data-task={t.id} data-state={state}>
      <AppLink
        href={`/sequences/${encodeURIComponent(t.sequenceId)}?frame=${t.frameStart ?? 0}&task=${encodeURIComponent(t.id)}`}
        testId="task-link"
      >
        {t.name}
      </AppLink>{" "}
      <span className={`task-state state-${state}`} data-testid="my-task-state">
        {taskStateLabel(state)}
      </span>{" "}
      <span className="muted">
        {t.projectName} · {tr(t.myPart === "review" ? "myTasks.partReview" : "myTasks.partLabeling")}
        {t.frameStart !== null
          ? ` · ${tr("myTasks.frameRange", { start: t.frameStart, end: t.frameEnd })}`
          : ""}
      </span>{" "}
      {actions.map((a) => (
        <button key={a} type="button" data-testid={`my-task-${a}`} onClick={() => void move(a)}>
          {actionLabel(a)}
        </button>
      ))}
      <button
        type="button"
        className="link-button"
        data-testid="my-task-history"
        onClick={() =>
          history
            ? setHistory(null)
            : void fetchTaskHistory(t.id).then(setHistory, (e: Error) => setProblem(e.message))
        }
      >
        {tr("review.history")}
      </button>
      {problem && <p className="error">{problem}</p>}
      {history && <TaskHistory history={history} />}
    </li>
  );
}
