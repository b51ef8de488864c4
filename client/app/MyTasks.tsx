import { AppLink } from "./AppLink";
import { useApi } from "./useApi";

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
  const { data, error } = useApi<MyTask[]>("/api/tasks/mine");
  return (
    <section>
      <h2>My tasks</h2>
      {error && <p className="error">{error}</p>}
      {data && data.length === 0 && <p className="muted">No task is assigned to you.</p>}
      <ul className="sequence-list" data-testid="my-tasks">
        {data?.map((t) => (
          <li key={t.id} data-testid="my-task">
            <AppLink
              href={`/sequences/${encodeURIComponent(t.sequenceId)}?frame=${t.frameStart ?? 0}`}
              testId="task-link"
            >
              {t.name}
            </AppLink>{" "}
            <span className="muted">
              {t.projectName} · {t.myPart} · {t.state}
              {t.frameStart !== null ? ` · frames ${t.frameStart}–${t.frameEnd}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
