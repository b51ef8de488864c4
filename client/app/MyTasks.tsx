import { useTranslation } from "react-i18next";
import { AppLink } from "./AppLink";
import { useApi } from "./useApi";
import { taskStateLabel } from "../i18n/codeLabels";

export interface MyTask {
  id: string;
  name: string;
  sequenceId: string;
  sequenceName: string;
  projectName: string;
  frameStart: number | null;
  frameEnd: number | null;
  state: string;
  myPart: "labeling" | "review";
}

/** The signed-in user's queue: tasks they label or review, each opening at its first frame. */
export function MyTasks() {
  const { t } = useTranslation();
  const { data, error } = useApi<MyTask[]>("/api/tasks/mine");
  return (
    <section>
      <h2>{t("myTasks.title")}</h2>
      {error && <p className="error">{error}</p>}
      {data && data.length === 0 && <p className="muted">{t("myTasks.none")}</p>}
      <ul className="sequence-list" data-testid="my-tasks">
        {data?.map((task) => (
          <li key={task.id} data-testid="my-task">
            <AppLink
              href={`/sequences/${encodeURIComponent(task.sequenceId)}?frame=${task.frameStart ?? 0}`}
              testId="task-link"
            >
              {task.name}
            </AppLink>{" "}
            <span className="muted">
              {task.projectName} ·{" "}
              {t(task.myPart === "review" ? "myTasks.partReview" : "myTasks.partLabeling")} ·{" "}
              {taskStateLabel(task.state)}
              {task.frameStart !== null
                ? ` · ${t("myTasks.frameRange", { start: task.frameStart, end: task.frameEnd })}`
                : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
