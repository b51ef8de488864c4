import type { InferRequestType } from "hono/client";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { roleLabel, taskStateLabel } from "../../i18n/codeLabels";
import type { SequenceSummary } from "../../../core/model/Sequence";
import { apiClient, ok, pathParam } from "../apiClient";
import { ActionResult, useAction } from "../useAction";
import { useApiCall } from "../useApiCall";
import type { Member } from "../../../core/api/projects";
import type { TaskJson } from "../../../core/api/review";

/** What PATCH /api/tasks/:taskId takes, from the route's declaration. */
type TaskPatch = InferRequestType<(typeof apiClient.api.tasks)[":taskId"]["$patch"]>["json"];

type Task = TaskJson;

/** A percentage edited in place, sent when the field is left (not on every keystroke). */
function percentInput(value: number, min: number, testId: string, save: (v: number) => unknown) {
  return (
    <input
      key={value}
      type="number"
      data-testid={testId}
      min={min}
      max={100}
      step={1}
      size={4}
      defaultValue={value}
      onBlur={(e) => {
        const v = Number(e.target.value);
        if (e.target.value !== "" && v !== value && v >= min && v <= 100) void save(v);
      }}
    />
  );
}

/** A project's tasks: create one (a sequence or a frame range), assign labeler and reviewer. */
export function ProjectTasks({
  projectId,
  sequences,
  members,
}: {
  projectId: string;
  sequences: SequenceSummary[];
  members: Member[];
}) {
  const { t } = useTranslation();
  const tasks = useApiCall(
    () => ok(apiClient.api.projects[":id"].tasks.$get({ param: { id: pathParam(projectId) } })),
    [projectId],
  );
  const action = useAction();
  const [sequenceId, setSequenceId] = useState("");
  const [range, setRange] = useState({ start: "", end: "" });
  const [labelerId, setLabelerId] = useState("");
  const [reviewerId, setReviewerId] = useState("");
  const memberSelect = (value: string, set: (v: string) => void, testId: string) => (
    <select data-testid={testId} value={value} onChange={(e) => set(e.target.value)}>
      <option value="">{t("admin.tasks.nobody")}</option>
      {members.map((m) => (
        <option key={m.userId} value={m.userId}>
          {m.displayName} ({roleLabel(m.role)})
        </option>
      ))}
    </select>
  );
  const create = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await ok(
        apiClient.api.projects[":id"].tasks.$post({
          param: { id: pathParam(projectId) },
          json: {
            sequenceId,
            ...(range.start !== "" ? { frameStart: Number(range.start), frameEnd: Number(range.end) } : {}),
            labelerId: labelerId || null,
            reviewerId: reviewerId || null,
          },
        }),
      );
      tasks.reload();
    });
  };
  const assign = (task: Task, patch: TaskPatch) =>
    action.run(async () => {
      await ok(apiClient.api.tasks[":taskId"].$patch({ param: { taskId: pathParam(task.id) }, json: patch }));
      tasks.reload();
    });
  return (
    <section>
      <h2>{t("admin.tasks.title")}</h2>
      <ActionResult action={action} />
      <table className="grid" data-testid="tasks">
        <thead>
          <tr>
            <th>{t("admin.tasks.task")}</th>
            <th>{t("admin.tasks.labeler")}</th>
            <th>{t("admin.tasks.reviewer")}</th>
            <th>{t("admin.tasks.state")}</th>
            <th title={t("admin.tasks.sampleHint")}>{t("admin.tasks.samplePercent")}</th>
            <th title={t("admin.tasks.maxRejectedHint")}>{t("admin.tasks.maxRejectedPercent")}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.data?.map((task) => (
            <tr key={task.id}>
              <td>{task.name}</td>
              <td>
                {memberSelect(
                  task.labelerId ?? "",
                  (v) => void assign(task, { labelerId: v || null }),
                  "task-labeler",
                )}
              </td>
              <td>
                {memberSelect(
                  task.reviewerId ?? "",
                  (v) => void assign(task, { reviewerId: v || null }),
                  "task-reviewer",
                )}
              </td>
              <td>{taskStateLabel(task.state)}</td>
              <td>
                {percentInput(task.samplePercent, 1, "task-sample-percent", (v) =>
                  assign(task, { samplePercent: v }),
                )}
              </td>
              <td>
                {percentInput(task.maxRejectedPercent, 0, "task-max-rejected-percent", (v) =>
                  assign(task, { maxRejectedPercent: v }),
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="form inline" onSubmit={create} aria-label={t("admin.tasks.create")}>
        <select
          data-testid="task-sequence"
          value={sequenceId}
          onChange={(e) => setSequenceId(e.target.value)}
          required
        >
          <option value="">{t("admin.tasks.sequencePlaceholder")}</option>
          {sequences.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({t("sequences.frames", { count: s.frameCount })})
            </option>
          ))}
        </select>
        <input
          data-testid="task-frame-start"
          placeholder={t("admin.tasks.firstFrame")}
          inputMode="numeric"
          size={6}
          value={range.start}
          onChange={(e) => setRange({ ...range, start: e.target.value })}
        />
        <input
          data-testid="task-frame-end"
          placeholder={t("admin.tasks.lastFrame")}
          inputMode="numeric"
          size={6}
          value={range.end}
          onChange={(e) => setRange({ ...range, end: e.target.value })}
        />
        {t("admin.tasks.labeler")} {memberSelect(labelerId, setLabelerId, "new-task-labeler")}
        {t("admin.tasks.reviewer")} {memberSelect(reviewerId, setReviewerId, "new-task-reviewer")}
        <button data-testid="create-task" type="submit">
          {t("admin.tasks.create")}
        </button>
      </form>
    </section>
  );
}
