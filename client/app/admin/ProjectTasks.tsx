import { type FormEvent, useState } from "react";
import type { SequenceSummary } from "../../../core/model/Sequence";
import { sendJson } from "../api";
import { ActionResult, useAction } from "../useAction";
import { useApi } from "../useApi";
import type { Member } from "./ProjectPage";

interface Task {
  id: string;
  name: string;
  sequenceId: string;
  frameStart: number | null;
  frameEnd: number | null;
  labelerId: string | null;
  reviewerId: string | null;
  state: string;
}

/** A project's tasks: create one (a sequence or a frame range), assign labeler and reviewer. */
export function ProjectTasks({
  base,
  sequences,
  members,
}: {
  base: string;
  sequences: SequenceSummary[];
  members: Member[];
}) {
  const tasks = useApi<Task[]>(`${base}/tasks`);
  const action = useAction();
  const [sequenceId, setSequenceId] = useState("");
  const [range, setRange] = useState({ start: "", end: "" });
  const [labelerId, setLabelerId] = useState("");
  const [reviewerId, setReviewerId] = useState("");
  const memberSelect = (value: string, set: (v: string) => void, testId: string) => (
    <select data-testid={testId} value={value} onChange={(e) => set(e.target.value)}>
      <option value="">nobody</option>
      {members.map((m) => (
        <option key={m.userId} value={m.userId}>
          {m.displayName} ({m.role})
        </option>
      ))}
    </select>
  );
  const create = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await sendJson("POST", `${base}/tasks`, {
        sequenceId,
        ...(range.start !== "" ? { frameStart: Number(range.start), frameEnd: Number(range.end) } : {}),
        labelerId: labelerId || null,
        reviewerId: reviewerId || null,
      });
      tasks.reload();
    });
  };
  const assign = (t: Task, patch: Partial<Task>) =>
    action.run(async () => {
      await sendJson("PATCH", `/api/tasks/${t.id}`, patch);
      tasks.reload();
    });
  return (
    <section>
      <h2>Tasks</h2>
      <ActionResult action={action} />
      <table className="grid" data-testid="tasks">
        <thead>
          <tr>
            <th>Task</th>
            <th>Labeler</th>
            <th>Reviewer</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {tasks.data?.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>
                {memberSelect(
                  t.labelerId ?? "",
                  (v) => void assign(t, { labelerId: v || null }),
                  "task-labeler",
                )}
              </td>
              <td>
                {memberSelect(
                  t.reviewerId ?? "",
                  (v) => void assign(t, { reviewerId: v || null }),
                  "task-reviewer",
                )}
              </td>
              <td>{t.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="form inline" onSubmit={create} aria-label="Create task">
        <select
          data-testid="task-sequence"
          value={sequenceId}
          onChange={(e) => setSequenceId(e.target.value)}
          required
        >
          <option value="">sequence…</option>
          {sequences.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.frameCount} frames)
            </option>
          ))}
        </select>
        <input
          data-testid="task-frame-start"
          placeholder="first frame"
          inputMode="numeric"
          size={6}
          value={range.start}
          onChange={(e) => setRange({ ...range, start: e.target.value })}
        />
        <input
          data-testid="task-frame-end"
          placeholder="last frame"
          inputMode="numeric"
          size={6}
          value={range.end}
          onChange={(e) => setRange({ ...range, end: e.target.value })}
        />
        labeler {memberSelect(labelerId, setLabelerId, "new-task-labeler")}
        reviewer {memberSelect(reviewerId, setReviewerId, "new-task-reviewer")}
        <button data-testid="create-task" type="submit">
          Create task
        </button>
      </form>
    </section>
  );
}
